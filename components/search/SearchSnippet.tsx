import type { ReactNode } from "react";
import type { Snippet } from "@/lib/search";

/** A result's excerpt with the matched words in <mark> (text nodes only: nothing from a note is parsed as HTML). */
export default function SearchSnippet({ snippet }: { snippet: Snippet }) {
  const parts: ReactNode[] = [];
  let pos = 0;
  snippet.highlights.forEach((h, i) => {
    if (h.start > pos) parts.push(snippet.text.slice(pos, h.start));
    parts.push(<mark key={i}>{snippet.text.slice(h.start, h.end)}</mark>);
    pos = h.end;
  });
  if (pos < snippet.text.length) parts.push(snippet.text.slice(pos));
  return (
    <span className="search-snippet">
      {snippet.before ? "… " : null}
      {parts}
      {snippet.after ? " …" : null}
    </span>
  );
}
