import { floorHtml } from "../../floorHtml";

// The reader's text as one ready-made HTML string, rendered per request: the least a dynamic page that
// shows this text can cost in Next (React server render, RSC payload, HTML).
export const dynamic = "force-dynamic";

export default function TextPage() {
  return <main dangerouslySetInnerHTML={{ __html: floorHtml }} />;
}
