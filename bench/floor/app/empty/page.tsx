// An empty page, rendered per request: what any dynamic Next page costs before it has content.
export const dynamic = "force-dynamic";

export default function EmptyPage() {
  return <main />;
}
