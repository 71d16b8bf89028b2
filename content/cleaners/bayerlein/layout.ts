/**
 * Page layout of the Bayerlein PDF extraction (seed 004): which raw lines are the title block, which are
 * body text and which belong to the margin footnote column. Line numbers are 1-based raw lines.
 */
import { normalizeWhitespace } from "@/lib/content/fidelity";

export interface RawLine {
  /** 1-based raw line number. */
  no: number;
  text: string;
}

/** One footnote text as printed in the margin column: `N\u2003 text…` plus its continuation lines. */
export interface FootnoteSource {
  n: number;
  lines: RawLine[];
}

export interface Layout {
  rawLines: string[];
  kicker: RawLine;
  title: RawLine[];
  subtitle: RawLine[];
  byline: RawLine;
  /** Non-blank body lines (epigraph onwards) in raw order, margin footnotes taken out. */
  body: RawLine[];
  footnotes: FootnoteSource[];
}

/** A footnote text starts with its number and an EM SPACE (the separator the layout uses). */
export const FOOTNOTE_START = /^(\d{1,3})\u2003/;

/**
 * The margin column is narrow: its lines are at most 39 characters in this file, while every body line that
 * follows a footnote block (a page start or a continuation) is a full-width line of 46+ characters. The column
 * cannot be told apart by a leading space (body page starts have one, but so has fn 38's damaged line
 * ` gen kann hier …`), nor by a blank line (L1047 follows the fn 35–42 block after a blank), so width decides.
 */
export const FOOTNOTE_COLUMN_MAX = 45;

export function isBlank(line: string): boolean {
  return normalizeWhitespace(line) === "";
}

/** All letters are capitals (display type: kicker, title, headings). */
export function isAllCaps(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}

/** The line ends at a word boundary: it has trailing whitespace (the PDF kept the space before the break). */
export function endsWithSpace(text: string): boolean {
  return /\s$/u.test(text);
}

export function readLayout(raw: string, file: string): Layout {
  const rawLines = raw.split("\n");
  const nonBlank: RawLine[] = [];
  rawLines.forEach((text, i) => {
    if (!isBlank(text)) nonBlank.push({ no: i + 1, text });
  });
  function fail(what: string): never {
    throw new Error(`${file}: unexpected layout for the Bayerlein cleaner: ${what}`);
  }

  // Title block: kicker line, then the title and the subtitle, each a run of all-caps lines that continues
  // while a line ends with a space, then the byline.
  let i = 0;
  const kicker = nonBlank[i++];
  if (!kicker || !isAllCaps(kicker.text)) fail("no all-caps kicker on the first line");
  const displayUnit = (name: string): RawLine[] => {
    const unit: RawLine[] = [];
    while (i < nonBlank.length) {
      const line = nonBlank[i++];
      if (!isAllCaps(line.text)) fail(`${name} is not in capitals (L${line.no})`);
      unit.push(line);
      if (!endsWithSpace(line.text)) break;
    }
    if (unit.length === 0) fail(`no ${name}`);
    return unit;
  };
  const title = displayUnit("title");
  const subtitle = displayUnit("subtitle");
  const byline = nonBlank[i++];
  if (!byline || isAllCaps(byline.text)) fail("no byline after the subtitle");

  // Body and margin footnotes.
  const body: RawLine[] = [];
  const footnotes: FootnoteSource[] = [];
  let current: FootnoteSource | null = null;
  for (; i < nonBlank.length; i++) {
    const line = nonBlank[i];
    const start = FOOTNOTE_START.exec(line.text);
    if (start) {
      const n = Number(start[1]);
      const last = footnotes[footnotes.length - 1];
      if (last && n <= last.n) fail(`footnote ${n} after footnote ${last.n} (L${line.no})`);
      current = { n, lines: [line] };
      footnotes.push(current);
    } else if (current && line.text.trim().length <= FOOTNOTE_COLUMN_MAX) {
      current.lines.push(line);
    } else {
      current = null;
      body.push(line);
    }
  }
  return { rawLines, kicker, title, subtitle, byline, body, footnotes };
}
