/**
 * Generic cleaner for a user-added `<slug>.txt` (metadata in `<slug>.meta.yaml`): blank-line paragraphs.
 * Footnotes may be written the Markdown way: `[^1]` in the text and a paragraph `[^1]: The note.`
 */
import { ContentError } from "../errors";
import { BlockBuilder } from "./block-builder";
import { inline } from "./inline";
import { paragraphSpans } from "./paragraphs";
import type { Block } from "../types";
import type { Cleaner, CleanResult } from "./types";

const DEFINITION = /^\[\^([^\]\s]+)\]:[ \t]*/;
const REFERENCE = /\[\^([^\]\s]+)\]/;

export const cleanPlainText: Cleaner = (raw, ctx) => {
  const lines = raw.split("\n");
  const result: CleanResult = { meta: {}, blocks: [], parts: [], removals: [], mends: [] };
  const body: Block[] = [];
  const notes: Block[] = [];
  const refs: Array<{ label: string; line: number }> = [];
  for (const span of paragraphSpans(lines)) {
    const def = DEFINITION.exec(lines[span[0] - 1]);
    const id = def ? `fn${def[1]}` : `p${body.length + 1}`;
    if (def && notes.some((n) => n.footnote?.label === def[1])) throw new ContentError(ctx.file, span[0], "footnote-defined-twice", { label: def[1] });
    const b = new BlockBuilder(id, lines, [span]);
    if (def) b.remove(def[0], "footnote label (kept as the footnote's label)");
    while (!b.done) {
      const m = REFERENCE.exec(b.rest);
      if (!m) break;
      const at = b.raw.length - b.rest.length;
      inline(b, {}, at + m.index);
      refs.push({ label: m[1], line: b.lineAt(at + m.index) });
      b.ref(m[0], m[1], "footnote reference");
    }
    inline(b, {});
    const built = b.finish();
    result.mends.push(...built.mends);
    result.removals.push(...built.removals);
    const block: Block = { id, type: def ? "footnote" : "paragraph", text: built.text, marks: built.marks, lines: [span] };
    if (def) notes.push({ ...block, footnote: { label: def[1], status: "ok", refs: [] } });
    else body.push(block);
  }
  for (const r of refs)
    if (!notes.some((n) => n.footnote?.label === r.label)) throw new ContentError(ctx.file, r.line, "footnote-reference-undefined", { label: r.label });
  result.blocks = [...body, ...notes];
  return result;
};
