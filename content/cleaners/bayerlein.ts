/**
 * Cleaner for seed 004: Bernhard H. Bayerlein, "Das geheime Winogradow-Treffen. Die Sowjetunion und die
 * Machtübernahme Hitlers" — a magazine analysis extracted from a PDF (raw file and its notes: content/sources/004_*).
 *
 * What the extraction did, and what this cleaner undoes (every change is a Mend or Removal, see fidelity.ts):
 * - every body line is followed by a blank line: blank lines are not paragraph breaks; a paragraph ends on a
 *   line without trailing space that ends in punctuation or a footnote number;
 * - a trailing space means the line ended at a word boundary; a line ending in a letter is a word split whose
 *   hyphen the PDF dropped (`welthisto`/`rische`): joined without a space; a line ending in `-` keeps the hyphen
 *   when the next part starts uppercase (`NS-`/`Deutschlands`) and drops it when lowercase (`Deutsch-`/`land`);
 * - margin footnotes (`N\u2003 text`, narrow column) are interleaved with the body: they become footnote blocks;
 * - one page is printed twice (L891–965 = L1124–1198): the copy that breaks the footnote sequence is removed,
 *   which also puts the "drittens" page (L1047–1123) back after `… das der Diktator` (L828);
 * - footnote markers lost their superscript (`wurden«.5`, `193338`): found by sequence (markers.ts);
 * - the private-use glyph U+F6CA is a caron after its letter (`S\uF6CAirinja` = Širinja);
 * - special spaces (U+2006, U+2009, NBSP, EM SPACE, U+2005) become plain spaces in block text.
 *
 * Deliberately kept as written (authorial or not safely decidable; candidates for an annotation layer):
 * fn 2 `dasTreffen`, L1227 `als»auf`, fn 8 `S. 928–938,,`, fn 10 `»Vertrauliche 09 Verschlusssache«` (stray
 * `09`), `Vinogradov` (fn 2) vs `Winogradow` (body), and the headings' capitals (display type, shown as printed).
 *
 * Title block: kicker, title and byline are metadata only (their lines are whole-line removals). The subtitle
 * carries footnote 1 (the author's acknowledgements), and a footnote marker needs a block, so the subtitle
 * lines are ALSO a block: id "subtitle", type "heading", level 1 (display text as printed, in capitals), before
 * the epigraph. meta.subtitle holds the same words in reading case; a renderer that prints meta.subtitle in
 * the header should render this block's footnote marker there instead of repeating the block.
 */
import type { Block, DocumentMeta, Removal } from "@/lib/content/types";
import type { Cleaner, CleanResult, Mend } from "@/lib/content/cleaners/types";
import { gatherRaw, normalizeWhitespace } from "@/lib/content/fidelity";
import { FOOTNOTE_START, endsWithSpace, isAllCaps, readLayout, type Layout, type RawLine } from "./bayerlein/layout";
import { findMarkers, type MarkerHit } from "./bayerlein/markers";
import { findDuplicateRuns } from "./bayerlein/duplicates";
import { assembleBlock, lineOffsets, spansOf, type Cut, type Edit } from "./bayerlein/assemble";

export const REASON = {
  split: "word split across a line break mended",
  realHyphen: "word split across a line break mended (hyphen kept: compound, the next part starts uppercase)",
  hyphenation: "word split across a line break mended (hyphenation hyphen dropped: the next part starts lowercase)",
  marker: (n: number) => `footnote marker ${n} separated from the text it was glued to`,
  caron: "private-use glyph U+F6CA restored as a caron on the preceding letter (NFC)",
  gap: "text lost in the source (the line starts mid-word after a break): gap marked […]",
  footnoteNumber: "footnote number moved to the footnote label",
  attribution: "epigraph attribution moved to the block's attribution",
  kicker: "moved to metadata (kicker)",
  title: "moved to metadata (title)",
  byline: "moved to metadata (author); decorative glyphs ΞΞ dropped",
  duplicate: (keptFrom: number, keptTo: number) => `duplicated page: the same lines are kept at L${keptFrom}–${keptTo}, where the footnote sequence continues`,
} as const;

const PRIVATE_USE_CARON = "\uF6CA";

/**
 * German capitalises nouns, so reading case cannot be derived from capitals alone; these are the words of the
 * title block that are not nouns (the first word is capitalised anyway).
 */
const LOWERCASE_IN_TITLE = new Set(["der", "die", "das", "und", "geheime"]);

function readingCase(caps: string): string {
  return caps
    .split(" ")
    .map((word, i) => {
      const lower = word.toLocaleLowerCase("de");
      if (i > 0 && LOWERCASE_IN_TITLE.has(lower)) return lower;
      return lower
        .split("-")
        .map((part) => part.charAt(0).toLocaleUpperCase("de") + part.slice(1))
        .join("-");
    })
    .join(" ");
}

/** Display lines joined: a line-final hyphen in display type is part of a compound (`WINOGRADOW- `/`TREFFEN`). */
function joinDisplayLines(lines: RawLine[]): string {
  return lines.map((l) => normalizeWhitespace(l.text)).reduce((acc, part) => (acc === "" ? part : acc.endsWith("-") ? acc + part : `${acc} ${part}`), "");
}

const isLetter = (ch: string | undefined): boolean => ch !== undefined && /\p{L}/u.test(ch);

/** A body line closes its paragraph when it has no trailing space and ends in neither a letter nor a hyphen. */
function endsParagraph(text: string): boolean {
  return !endsWithSpace(text) && !/[\p{L}-]$/u.test(text);
}

/** Line-break joins inside a block: only joins without a space change the text (a space join is whitespace). */
function joinEdits(lines: RawLine[], offsets: Map<number, number>): Edit[] {
  const edits: Edit[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i].text;
    const b = lines[i + 1].text;
    if (endsWithSpace(a)) continue;
    const aEnd = offsets.get(lines[i].no)! + a.length;
    const bStart = offsets.get(lines[i + 1].no)! + (b.length - b.trimStart().length);
    const next = b.trimStart().charAt(0);
    const last = a.charAt(a.length - 1);
    if (isLetter(last)) {
      edits.push({ start: aEnd, end: bStart, clean: "", reason: REASON.split });
    } else if (last === "-" && isLetter(a.charAt(a.length - 2)) && isLetter(next)) {
      if (next === next.toLocaleUpperCase("de")) edits.push({ start: aEnd, end: bStart, clean: "", reason: REASON.realHyphen });
      else edits.push({ start: aEnd - 1, end: bStart, clean: "", reason: REASON.hyphenation });
    }
    // Anything else (a footnote line ending in punctuation without a space) joins with a space.
  }
  return edits;
}

function markerEdits(lines: RawLine[], offsets: Map<number, number>, hitsByLine: Map<number, MarkerHit[]>): Edit[] {
  return lines.flatMap((l) =>
    (hitsByLine.get(l.no) ?? []).map((h) => ({
      start: offsets.get(l.no)! + h.start,
      end: offsets.get(l.no)! + h.end,
      clean: `[^${h.n}]`,
      reason: REASON.marker(h.n),
      absorbSpaceBefore: true,
    })),
  );
}

function caronEdits(lines: RawLine[], offsets: Map<number, number>): Edit[] {
  const edits: Edit[] = [];
  for (const l of lines) {
    for (let i = l.text.indexOf(PRIVATE_USE_CARON); i > 0; i = l.text.indexOf(PRIVATE_USE_CARON, i + 1)) {
      const at = offsets.get(l.no)! + i;
      edits.push({ start: at - 1, end: at + 1, clean: `${l.text[i - 1]}\u030C`.normalize("NFC"), reason: REASON.caron });
    }
  }
  return edits;
}

/**
 * Inside a footnote the column never indents, so a continuation line that starts with a space and a lowercase
 * word fragment is damage: text was lost before it (fn 38 `Literatur ` / ` gen kann hier …`).
 */
function gapEdits(lines: RawLine[], offsets: Map<number, number>): Edit[] {
  const edits: Edit[] = [];
  for (let i = 1; i < lines.length; i++) {
    const b = lines[i].text;
    if (!/^\s+\p{Ll}/u.test(b)) continue;
    const a = lines[i - 1].text;
    edits.push({
      start: offsets.get(lines[i - 1].no)! + a.trimEnd().length,
      end: offsets.get(lines[i].no)! + (b.length - b.trimStart().length),
      clean: " […] ",
      reason: REASON.gap,
    });
  }
  return edits;
}

interface BuiltBlock {
  block: Block;
  mends: Mend[];
  removals: Array<Removal & { blockId: string }>;
}

function buildBlock(
  layout: Layout,
  id: string,
  fields: Omit<Block, "id" | "text" | "marks" | "lines">,
  lines: RawLine[],
  hitsByLine: Map<number, MarkerHit[]>,
  extra: { cuts?: (gathered: string, offsets: Map<number, number>) => Cut[]; gaps?: boolean } = {},
): BuiltBlock {
  const spans = spansOf(
    lines.map((l) => l.no),
    layout.rawLines,
  );
  const offsets = lineOffsets(spans, layout.rawLines);
  const gathered = gatherRaw(layout.rawLines, { id, type: fields.type, text: "", marks: [], lines: spans });
  const edits = [
    ...joinEdits(lines, offsets),
    ...markerEdits(lines, offsets, hitsByLine),
    ...caronEdits(lines, offsets),
    ...(extra.gaps ? gapEdits(lines, offsets) : []),
  ];
  const assembled = assembleBlock(id, layout.rawLines, spans, edits, extra.cuts?.(gathered, offsets) ?? []);
  return {
    block: { id, ...fields, text: assembled.text, marks: assembled.marks, lines: spans },
    mends: assembled.mends,
    removals: assembled.removals,
  };
}

/** Removes repeated pages, keeping for each the copy after which the footnote markers still run 1, 2, 3 … */
function dropDuplicatePages(layout: Layout): { body: RawLine[]; dropped: Array<{ lines: RawLine[]; kept: RawLine[] }> } {
  let body = layout.body;
  const dropped: Array<{ lines: RawLine[]; kept: RawLine[] }> = [];
  for (;;) {
    const [run] = findDuplicateRuns(body);
    if (!run) return { body, dropped };
    const without = (start: number) => [...body.slice(0, start), ...body.slice(start + run.length)];
    const dropFirst = without(run.first);
    const dropSecond = without(run.second);
    const found = (lines: RawLine[]) => findMarkers([...layout.subtitle, ...lines]).length;
    // On a tie the later copy is the plain repeat.
    const first = found(dropFirst) > found(dropSecond);
    const [gone, kept] = first ? [run.first, run.second] : [run.second, run.first];
    dropped.push({ lines: body.slice(gone, gone + run.length), kept: body.slice(kept, kept + run.length) });
    body = first ? dropFirst : dropSecond;
  }
}

export const cleanBayerlein: Cleaner = (raw, ctx): CleanResult => {
  if (raw.includes("[^")) throw new Error(`${ctx.file}: raw text already contains "[^", which marks footnotes here`);
  const layout = readLayout(raw, ctx.file);
  const { body, dropped } = dropDuplicatePages(layout);

  const hits = findMarkers([...layout.subtitle, ...body]);
  const hitsByLine = new Map<number, MarkerHit[]>();
  for (const h of hits) hitsByLine.set(h.line, [...(hitsByLine.get(h.line) ?? []), h]);

  // Body units: headings (an all-caps line at a paragraph start) and paragraphs.
  const units: Array<{ kind: "heading" | "paragraph"; lines: RawLine[] }> = [];
  let open: RawLine[] | null = null;
  for (const line of body) {
    if (!open && isAllCaps(line.text)) {
      units.push({ kind: "heading", lines: [line] });
      continue;
    }
    (open ??= []).push(line);
    if (endsParagraph(line.text)) {
      units.push({ kind: "paragraph", lines: open });
      open = null;
    }
  }
  if (open) units.push({ kind: "paragraph", lines: open });

  const firstHeading = units.findIndex((u) => u.kind === "heading");
  if (firstHeading !== 1) throw new Error(`${ctx.file}: expected exactly one epigraph before the first heading`);

  const built: BuiltBlock[] = [];
  built.push(buildBlock(layout, "subtitle", { type: "heading", level: 1 }, layout.subtitle, hitsByLine));

  // Epigraph: »quote« (Attribution) N — the attribution is cut from the text into its own field.
  let attribution: string | null = null;
  const epigraph = buildBlock(layout, "epigraph", { type: "epigraph" }, units[0].lines, hitsByLine, {
    cuts: (gathered, offsets) => {
      const m = /«\s*(\(([^()]*)\))\s*\d*\s*$/u.exec(gathered);
      if (!m) return [];
      attribution = normalizeWhitespace(m[2]);
      const start = m.index + m[0].indexOf("(");
      const end = start + m[1].length;
      const lineAt = (pos: number) => [...offsets].filter(([, off]) => off <= pos).pop()![0];
      return [{ start, end, reason: REASON.attribution, lines: [lineAt(start), lineAt(end - 1)] }];
    },
  });
  epigraph.block.attribution = attribution;
  built.push(epigraph);

  let section = 0;
  let paragraphs = 0;
  for (const unit of units.slice(1)) {
    if (unit.kind === "heading") {
      section++;
      built.push(buildBlock(layout, `h${section}`, { type: "heading", level: 2, section }, unit.lines, hitsByLine));
    } else {
      paragraphs++;
      const fields = section > 0 ? { type: "paragraph" as const, section } : { type: "paragraph" as const };
      built.push(buildBlock(layout, `p${paragraphs}`, fields, unit.lines, hitsByLine));
    }
  }

  // Footnotes 1…N in numeric order: texts from the margin column, "missing" where only the marker survived,
  // "truncated" where the text stops without closing punctuation (fn 43 ends the file mid-word).
  // A missing footnote has no raw text: text "" and lines [] (fidelity gathers "" for it, so it stays honest).
  const texts = new Map(layout.footnotes.map((f) => [f.n, f]));
  const last = Math.max(0, ...hits.map((h) => h.n), ...layout.footnotes.map((f) => f.n));
  const refsOf = (n: number) => built.filter((b) => b.block.marks.some((m) => m.kind === "footnote-ref" && m.label === String(n))).map((b) => b.block.id);
  const footnoteBlocks: BuiltBlock[] = [];
  for (let n = 1; n <= last; n++) {
    const source = texts.get(n);
    const refs = refsOf(n);
    if (!source) {
      footnoteBlocks.push({
        block: { id: `fn${n}`, type: "footnote", text: "", marks: [], lines: [], footnote: { label: String(n), status: "missing", refs } },
        mends: [],
        removals: [],
      });
      continue;
    }
    const fn = buildBlock(layout, `fn${n}`, { type: "footnote" }, source.lines, new Map(), {
      gaps: true,
      cuts: (_gathered, offsets) => {
        const first = source.lines[0];
        const number = FOOTNOTE_START.exec(first.text)![0];
        const start = offsets.get(first.no)!;
        return [{ start, end: start + number.length, reason: REASON.footnoteNumber, lines: [first.no, first.no] }];
      },
    });
    const status = /[.!?)\]»«]$/u.test(fn.block.text) ? "ok" : "truncated";
    fn.block.footnote = { label: String(n), status, refs };
    footnoteBlocks.push(fn);
  }

  const wholeLine = (lines: RawLine[], reason: string): Removal[] =>
    spansOf(
      lines.map((l) => l.no),
      layout.rawLines,
    ).map(([a, b]) => ({ lines: [a, b] as [number, number], text: layout.rawLines.slice(a - 1, b).join("\n"), reason }));

  const removals: CleanResult["removals"] = [
    ...wholeLine([layout.kicker], REASON.kicker),
    ...wholeLine(layout.title, REASON.title),
    ...wholeLine([layout.byline], REASON.byline),
    ...dropped.flatMap((d) => wholeLine(d.lines, REASON.duplicate(d.kept[0].no, d.kept[d.kept.length - 1].no))),
    ...[...built, ...footnoteBlocks].flatMap((b) => b.removals),
  ];

  const meta: Partial<DocumentMeta> = {
    kicker: readingCase(normalizeWhitespace(layout.kicker.text)),
    title: readingCase(joinDisplayLines(layout.title)),
    // The subtitle block's text: its footnote marker already lifted out.
    subtitle: readingCase(built[0].block.text),
    author: normalizeWhitespace(layout.byline.text.replace(/^\s*Ξ+/u, "")),
    lang: "de",
    date: null,
    kind: "article",
  };

  return {
    meta,
    blocks: [...built, ...footnoteBlocks].map((b) => b.block),
    parts: [],
    removals,
    mends: [...built, ...footnoteBlocks].flatMap((b) => b.mends),
  };
};
