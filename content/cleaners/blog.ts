/**
 * Seed 002: a blog page saved as text: title, the post, reader comments whose headers (names, dates) were
 * stripped, and the author's bio block after a "= = = =" rule. See ARTIFACTS.md, section 002.
 *
 * The parts are recovered from what the text itself says, not from line numbers:
 * - the bio starts at the "= = =" separator; its first words up to the comma name the blog's author;
 * - a reader comment starts with a paragraph that quotes, verbatim and in quotation marks, a sentence of the
 *   post ("You’ve answered your own question; “It was not implemented because …”");
 * - "Thank you for elaborating, Wizard." starts the author's reply and names the commenter it answers.
 * Without those signals everything after the title is the post. The one unmatched straight quote (end of the
 * lead paragraph) is an export artifact and is dropped; authors' typos stay.
 */
import { BlockBuilder } from "@/lib/content/cleaners/block-builder";
import { inline } from "@/lib/content/cleaners/inline";
import { paragraphSpans, URL } from "@/lib/content/cleaners/paragraphs";
import type { Block, Part } from "@/lib/content/types";
import type { Cleaner, CleanResult } from "@/lib/content/cleaners/types";

const SEPARATOR = /^(?:= ?){5,}$/;
const THANKS = /^Thank(?:s| you) for [^,.]*, (\p{Lu}[\p{L}\p{N}_-]*)[.!]/u;
const QUOTED = /[“"]([^”"]{20,})[”"]/gu;

export const cleanBlog: Cleaner = (raw) => {
  const lines = raw.split("\n");
  const result: CleanResult = { meta: {}, blocks: [], parts: [], removals: [], mends: [] };
  let spans = paragraphSpans(lines);

  // Title: a single-line first paragraph.
  if (spans.length > 1 && spans[0][0] === spans[0][1]) {
    const n = spans[0][0];
    result.meta.title = lines[n - 1].trim();
    result.removals.push({ lines: [n, n], text: lines[n - 1], reason: "title line → metadata (title)" });
    spans = spans.slice(1);
  }

  // Bio: from the separator line to the end.
  const sepIndex = spans.findIndex(([a]) => SEPARATOR.test(lines[a - 1].trim()));
  const bodySpans = sepIndex < 0 ? spans : spans.slice(0, sepIndex);
  const bioSpans = sepIndex < 0 ? [] : spans.slice(sepIndex);
  const bioLines = bioSpans.flatMap(([a, b]) => lines.slice(a - 1, b)).filter((l) => !SEPARATOR.test(l.trim()));
  const bioAuthor = /^(\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){1,3}),/u.exec(bioLines[0] ?? "")?.[1] ?? null;
  if (bioAuthor) result.meta.author = bioAuthor;

  // Part boundaries in the body.
  const text = (span: [number, number]) => lines.slice(span[0] - 1, span[1]).join(" ");
  type Start = { at: number; kind: "post" | "comment"; author: string | null; confidence: Part["authorConfidence"] };
  const starts: Start[] = [{ at: 0, kind: "post", author: bioAuthor, confidence: bioAuthor ? "inferred" : "unknown" }];
  bodySpans.forEach((span, i) => {
    if (i === 0) return;
    const t = text(span);
    const earlier = bodySpans.slice(0, i).map(text).join(" ");
    const quotesEarlier = [...t.matchAll(QUOTED)].some((m) => earlier.includes(m[1].trim()));
    const thanks = THANKS.exec(t);
    if (thanks) {
      // the reply names the commenter: that is who wrote the comment before it
      const prev = starts[starts.length - 1];
      if (prev.kind === "comment" && prev.author === null) {
        prev.author = thanks[1];
        prev.confidence = "inferred";
      }
      starts.push({ at: i, kind: "comment", author: bioAuthor, confidence: bioAuthor ? "inferred" : "unknown" });
    } else if (quotesEarlier && starts[starts.length - 1].kind === "post") {
      starts.push({ at: i, kind: "comment", author: null, confidence: "unknown" });
    }
  });

  let commentN = 0;
  starts.forEach((s, k) => {
    const end = k + 1 < starts.length ? starts[k + 1].at : bodySpans.length;
    const partSpans = bodySpans.slice(s.at, end);
    const id = s.kind === "post" ? "post" : `comment${++commentN}`;
    result.parts.push({
      id,
      kind: s.kind,
      n: s.kind === "post" ? 1 : commentN,
      author: s.author,
      authorConfidence: s.confidence,
      lines: [partSpans[0][0], partSpans[partSpans.length - 1][1]],
    });
    partSpans.forEach((span, j) => {
      const blockId = s.kind === "post" ? `p${j + 1}` : `${id}-p${j + 1}`;
      result.blocks.push(paragraph(result, lines, blockId, span, id, "paragraph"));
    });
  });

  if (bioSpans.length) {
    result.parts.push({
      id: "bio",
      kind: "bio",
      n: 1,
      author: bioAuthor,
      authorConfidence: bioAuthor ? "explicit" : "unknown",
      lines: [bioSpans[0][0], bioSpans[bioSpans.length - 1][1]],
    });
    let n = 0;
    bioSpans.forEach((span) => {
      let a = span[0];
      const b = span[1];
      if (SEPARATOR.test(lines[a - 1].trim())) {
        const sep = new BlockBuilder("bio-hr", lines, [[a, a]]);
        sep.remove(lines[a - 1], "decorative separator line (shown as a rule)");
        const built = sep.finish();
        result.blocks.push({ id: "bio-hr", type: "separator", text: "", marks: [], lines: [[a, a]], part: "bio" });
        result.removals.push(...built.removals);
        a++;
      }
      if (a <= b) result.blocks.push(paragraph(result, lines, `bio-p${++n}`, [a, b], "bio", "bio"));
    });
  }
  return result;
};

function paragraph(result: CleanResult, lines: string[], id: string, span: [number, number], part: string, type: Block["type"]): Block {
  const b = new BlockBuilder(id, lines, [span]);
  const raw = b.raw;
  const stray =
    (raw.match(/"/g) ?? []).length === 1 && /"\s*$/.test(raw) && !/[“”]/.test(raw.slice(raw.lastIndexOf('"') - 1, raw.lastIndexOf('"')))
      ? raw.lastIndexOf('"')
      : -1;
  const url = URL.exec(raw);
  if (url) {
    inline(b, {}, url.index);
    b.open("link", "", "bare URL → link", url[0]);
    b.keep(url[0]);
    b.close("", "bare URL → link");
  }
  if (stray >= 0) {
    inline(b, {}, stray);
    b.remove('"', "unmatched straight quotation mark (the only one in the file): export artifact");
  }
  inline(b, {});
  const built = b.finish();
  result.mends.push(...built.mends);
  result.removals.push(...built.removals);
  return { id, type, text: built.text, marks: built.marks, lines: [span], part };
}
