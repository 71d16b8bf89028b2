import { floorHtml } from "../../../floorHtml";

// The same page, rendered once and then served from Next's own page cache (ISR): what Next costs to send
// a finished page it does not render again.
export const dynamic = "force-static";
export const dynamicParams = true;

export function generateStaticParams(): { key: string }[] {
  return [];
}

export default function CachedTextPage() {
  return <main dangerouslySetInnerHTML={{ __html: floorHtml }} />;
}
