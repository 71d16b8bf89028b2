/**
 * Seed 003: Vojtech Mastny, "Stalin and the Prospects of a Separate Peace in World War II" (a Markdown-ish
 * text export of the printed essay; raw file and its notes: content/sources/003_*).
 *
 * Raw shape: title line, author line, then one paragraph per line (blank-line separated). At every printed
 * page break a block of footnote lines ("¹² text") is interleaved, often in the middle of a sentence.
 * Sections have no headings: each opens with a small-caps lead-in printed in capitals ("THE FEAR THAT").
 *
 * Rules:
 * - A text line after a footnote block continues the paragraph before the block when it starts lower-case
 *   (true for all 21 page-break splits); "stra-" + "tegic" across the break is one word.
 * - CONTINUES_ACROSS_NOTES lists the one sentence-initial continuation (by reading the text).
 * - A paragraph introduced by a paragraph ending in ":" is a block quote (Hassell's diary, L266).
 * - Superscript digits are footnote markers; *x* is italics; Cyrillic letters in Latin words are transliterated.
 */
import { BlockBuilder } from "@/lib/content/cleaners/block-builder";
import { inline, SUPERSCRIPT_RUN, superscriptToNumber } from "@/lib/content/cleaners/inline";
import type { Block, Removal } from "@/lib/content/types";
import type { Cleaner, CleanResult, Mend } from "@/lib/content/cleaners/types";

const LEAD_IN = /^[A-Z][A-Z'’]+(?: [A-Z][A-Z'’]+)+ /;

/** Text lines that start a sentence yet continue the paragraph interrupted by a footnote block. */
const CONTINUES_ACROSS_NOTES = new Map<string, string>([
  [
    "To attribute to the Russians a genuine desire for compromise",
    "explains the Wedemeyer view of the paragraph before the footnotes (ARTIFACTS 003: same paragraph)",
  ],
]);

const INLINE = { superscriptRefs: true, asteriskItalics: true, joinHyphenatedBreaks: true, fixMixedScript: true };

export const cleanMastny: Cleaner = (raw) => {
  const lines = raw.split("\n");
  const isBlank = (n: number) => lines[n - 1].trim() === "";
  const isNote = (n: number) => SUPERSCRIPT_RUN.test(lines[n - 1]);
  const removals: CleanResult["removals"] = [];
  const mends: Mend[] = [];
  const blocks: Block[] = [];

  // Title block: the non-blank lines before the first section lead-in.
  const first = lines.findIndex((l) => LEAD_IN.test(l)) + 1;
  if (first === 0) throw new Error("no section lead-in (e.g. THE FEAR THAT …) found");
  const head: number[] = [];
  for (let n = 1; n < first; n++) if (!isBlank(n)) head.push(n);
  const [titleLine, authorLine] = head;
  const title = titleLine ? lines[titleLine - 1].trim() : null;
  const author = authorLine ? titleCase(lines[authorLine - 1].trim()) : null;
  if (titleLine) removals.push({ lines: [titleLine, titleLine], text: lines[titleLine - 1], reason: "title line → metadata (title)" });
  if (authorLine) removals.push({ lines: [authorLine, authorLine], text: lines[authorLine - 1], reason: "byline → metadata (author)" });
  for (const n of head.slice(2)) throw new Error(`unexpected line ${n} before the first section`);

  // Paragraphs: text lines, joined across footnote blocks.
  interface Para {
    spans: Array<[number, number]>;
    section: number;
    quote: boolean;
  }
  const paras: Para[] = [];
  const notes: number[] = [];
  let section = 0;
  let notesSinceText = false;
  for (let n = first; n <= lines.length; n++) {
    if (isBlank(n)) continue;
    if (isNote(n)) {
      notes.push(n);
      notesSinceText = true;
      continue;
    }
    const line = lines[n - 1];
    const prev = paras[paras.length - 1];
    const override = [...CONTINUES_ACROSS_NOTES.keys()].find((k) => line.startsWith(k));
    if (prev && notesSinceText && (/^\p{Ll}/u.test(line) || override)) {
      prev.spans.push([n, n]);
    } else {
      if (LEAD_IN.test(line)) section++;
      const prevText = prev ? lines[prev.spans[prev.spans.length - 1][0] - 1].trimEnd() : "";
      paras.push({ spans: [[n, n]], section, quote: prevText.endsWith(":") });
    }
    notesSinceText = false;
  }

  let p = 0;
  let q = 0;
  for (const para of paras) {
    const id = para.quote ? `q${++q}` : `p${++p}`;
    const b = new BlockBuilder(id, lines, para.spans);
    inline(b, INLINE);
    const built = b.finish();
    blocks.push({
      id,
      type: para.quote ? "quote" : "paragraph",
      text: built.text,
      marks: built.marks,
      lines: para.spans,
      section: para.section,
      ...(para.quote ? { quoteOf: null } : {}),
    });
    mends.push(...built.mends);
    removals.push(...built.removals);
  }

  for (const n of notes) {
    const marker = SUPERSCRIPT_RUN.exec(lines[n - 1])![0];
    const label = superscriptToNumber(marker);
    const id = `fn${label}`;
    const b = new BlockBuilder(id, lines, [[n, n]]);
    b.remove(`${marker} `, "footnote number (kept as the footnote's label)");
    inline(b, INLINE);
    const built = b.finish();
    blocks.push({
      id,
      type: "footnote",
      text: built.text,
      marks: built.marks,
      lines: [[n, n]],
      footnote: { label, status: "ok", refs: [] },
    });
    mends.push(...built.mends);
    removals.push(...built.removals);
  }
  // Footnotes in numeric order (they already are in the raw file; sorting keeps "ibid." chains intact).
  const body = blocks.filter((b) => b.type !== "footnote");
  const footnotes = blocks.filter((b) => b.type === "footnote").sort((a, b) => Number(a.footnote!.label) - Number(b.footnote!.label));

  return { meta: { title, author }, blocks: [...body, ...footnotes], parts: [], removals: removals as Array<Removal & { blockId?: string }>, mends };
};

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}
