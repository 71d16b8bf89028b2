/**
 * Seed 001 (and any plain newspaper article like it): one paragraph per blank-line-separated run of lines.
 * The export glued the article's date into the first paragraph (" date 2020-05 Weihnachten 1944, …"): it
 * becomes metadata. No title, author or lead is in the file, so none is invented. Authors' typos ("am am",
 * "gab gab") are text and stay.
 */
import { BlockBuilder } from "@/lib/content/cleaners/block-builder";
import { inline } from "@/lib/content/cleaners/inline";
import { paragraphSpans } from "@/lib/content/cleaners/paragraphs";
import type { Block } from "@/lib/content/types";
import type { Cleaner, CleanResult } from "@/lib/content/cleaners/types";

const DATE_PREFIX = /^\s*date (\d{4}(?:-\d{2}){0,2}) /;

export const cleanArticle: Cleaner = (raw) => {
  const lines = raw.split("\n");
  const blocks: Block[] = [];
  const result: CleanResult = { meta: {}, blocks, parts: [], removals: [], mends: [] };
  paragraphSpans(lines).forEach((span, i) => {
    const id = `p${i + 1}`;
    const b = new BlockBuilder(id, lines, [span]);
    const date = i === 0 ? DATE_PREFIX.exec(b.raw) : null;
    if (date) {
      b.remove(date[0], `date prefix of the export → metadata (date: ${date[1]})`);
      result.meta.date = date[1];
    }
    inline(b, {});
    const built = b.finish();
    blocks.push({ id, type: "paragraph", text: built.text, marks: built.marks, lines: [span] });
    result.mends.push(...built.mends);
    result.removals.push(...built.removals);
  });
  return result;
};
