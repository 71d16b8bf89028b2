/**
 * The extraction printed one page twice (L891–965 = L1124–1198, byte-identical). Find such repeated runs of
 * body lines; which copy to keep is decided by the caller (by the footnote sequence).
 */
import type { RawLine } from "./layout";

export interface DuplicateRun {
  /** Index into the body lines of the first copy, and of the second copy. */
  first: number;
  second: number;
  length: number;
}

/**
 * Runs of at least `minLength` consecutive body lines that occur twice. A real page repeats dozens of lines;
 * a short threshold would catch legitimately repeated short lines (headings, `Ebd.`).
 */
export function findDuplicateRuns(body: RawLine[], minLength = 10): DuplicateRun[] {
  const runs: DuplicateRun[] = [];
  const byText = new Map<string, number[]>();
  body.forEach((l, i) => byText.set(l.text, [...(byText.get(l.text) ?? []), i]));
  for (let i = 0; i < body.length; i++) {
    for (const j of byText.get(body[i].text) ?? []) {
      if (j <= i) continue;
      // Only start at the beginning of a run.
      if (i > 0 && body[i - 1].text === body[j - 1].text) continue;
      let length = 0;
      while (i + length < j && j + length < body.length && body[i + length].text === body[j + length].text) length++;
      if (length >= minLength) runs.push({ first: i, second: j, length });
    }
  }
  return runs;
}
