/**
 * Plain text → note HTML, built as a hast tree and serialized by hast-util-to-html, which does the escaping (as
 * it does for the reader's document HTML in lib/reader/html, search snippets and note bodies): no module writes
 * HTML with hand-made escaping.
 */
import type { ElementContent } from "hast";
import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";

/**
 * A note typed as plain text, as note HTML: paragraphs at blank lines, a `<br>` at a single line break.
 * Empty (or blank) text gives "".
 */
export function plainTextToNoteHtml(text: string): string {
  const trimmed = text.replace(/\r\n?/g, "\n").trim();
  if (!trimmed) return "";
  const paragraphs = trimmed.split(/\n{2,}/).map((p) =>
    h(
      "p",
      p
        .trim()
        .split("\n")
        .flatMap((line, i): ElementContent[] => (i === 0 ? [{ type: "text", value: line }] : [h("br"), { type: "text", value: line }])),
    ),
  );
  return toHtml({ type: "root", children: paragraphs }, { characterReferences: { useNamedReferences: true } });
}
