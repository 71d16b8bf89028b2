/**
 * Footnote markers in the Bayerlein extraction lost their superscript and are glued to the text:
 * `Sowjetunion.3`, `wurden«.5`, `22.2.1933,7`, `ab9`, `HITLERS1`, `Niederlage 193338` (1933 + note 38) and,
 * once, space-separated: `Anfang 1933) 2`. Shape alone cannot tell `193338` from a number, nor `1923` from
 * "192 + note 3", so markers are found by their sequence: the next marker must be n = last + 1, searched from
 * the previous marker onwards, and only in the few shapes a glued superscript produces.
 */
import type { RawLine } from "./layout";

export interface MarkerHit {
  n: number;
  line: number;
  /** Range in the raw line that becomes `[^n]` (for a spaced marker this includes the space before it). */
  start: number;
  end: number;
}

const LETTER = /\p{L}/u;
/** Characters a superscript marker follows directly in this text: sentence/clause punctuation, quote marks, brackets. */
const GLUE_PUNCT = new Set(".,;:!?«»‹›\"“”„’')]…");
/** A plausible year a marker can be glued to (`193338`). */
const YEAR = /^(1[89]\d\d|20\d\d)$/;

function isSpace(ch: string): boolean {
  return /\s/u.test(ch);
}

/** Where marker `n` sits in `text` at or after `from`, or null. */
export function matchMarker(text: string, n: number, from: number): { start: number; end: number } | null {
  const label = String(n);
  const digits = /\d+/g;
  digits.lastIndex = from;
  for (let m = digits.exec(text); m; m = digits.exec(text)) {
    const run = m[0];
    const at = m.index;
    const before = text[at - 1] ?? "";
    const after = text[at + run.length] ?? "";
    // A marker ends the word: end of line, space, or the clause punctuation that follows a marker in German
    // typesetting (`ab9, für`). This rejects the inner parts of dates such as `22.2.1933`.
    if (!(after === "" || isSpace(after) || ",;:".includes(after))) continue;
    if (run === label) {
      if (LETTER.test(before) || GLUE_PUNCT.has(before)) return { start: at, end: at + run.length };
      // `(Victor Schiff, Anfang 1933) 2`: a lone number after a closing bracket/quote at the end of the line.
      if (isSpace(before) && after === "") {
        const prev = text.slice(0, at).trimEnd();
        if (/[)»«.]$/u.test(prev)) return { start: prev.length, end: at + run.length };
      }
    }
    // `193338`: a four-digit year directly followed by the marker digits.
    if (run.length === 4 + label.length && run.endsWith(label) && YEAR.test(run.slice(0, 4)) && !/\d/.test(before)) {
      return { start: at + 4, end: at + run.length };
    }
  }
  return null;
}

/** Markers 1, 2, 3 … in reading order; stops at the first number that cannot be found. */
export function findMarkers(lines: RawLine[]): MarkerHit[] {
  const hits: MarkerHit[] = [];
  let lineIndex = 0;
  let from = 0;
  for (let n = 1; ; n++) {
    let found: MarkerHit | null = null;
    for (let i = lineIndex; i < lines.length && !found; i++) {
      const m = matchMarker(lines[i].text, n, i === lineIndex ? from : 0);
      if (m) {
        found = { n, line: lines[i].no, ...m };
        lineIndex = i;
        from = m.end;
      }
    }
    if (!found) return hits;
    hits.push(found);
  }
}
