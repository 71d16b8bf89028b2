/**
 * Turns a block's raw lines plus a list of positioned changes into the block's clean text, its footnote marks,
 * and the Mends/Removals that let lib/content/fidelity.ts replay the change. Changes are computed on exact
 * positions; the Mend strings are then cut from the raw text around those positions, widened to whole words
 * (`welthisto\n\nrische` → `welthistorische`, like the examples in cleaners/types.ts), and widened further to the
 * left when needed so that fidelity's "first occurrence after the previous mend" lands on the intended place.
 */
import type { Block, Mark, Removal } from "@/lib/content/types";
import type { Mend } from "@/lib/content/cleaners/types";
import { gatherRaw, normalizeWhitespace } from "@/lib/content/fidelity";

/** A change at a position of the block's gathered raw text (see fidelity's gatherRaw). */
export interface Edit {
  start: number;
  end: number;
  clean: string;
  reason: string;
  /** Also swallow the whitespace before `start` (a footnote number printed after a space: `1933) 2`). */
  absorbSpaceBefore?: boolean;
}

/** A piece of the gathered raw text that is dropped (applied before the edits, as fidelity does). */
export interface Cut {
  start: number;
  end: number;
  reason: string;
  /** Raw lines the cut sits on (Removal.lines). */
  lines: [number, number];
}

export interface AssembledBlock {
  text: string;
  marks: Mark[];
  mends: Mend[];
  removals: Array<Removal & { blockId: string }>;
}

const MARKER = /\[\^([^\]\s]+)\]/g;

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/u.test(ch);
const isLetter = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{M}]/u.test(ch);

/**
 * Raw line spans: consecutive lines share a span when only blank lines lie between them in the raw file.
 * Blank lines inside a span are harmless: fidelity compares up to whitespace.
 */
export function spansOf(lineNos: number[], rawLines: string[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const no of lineNos) {
    const last = spans[spans.length - 1];
    if (last && no > last[1] && rawLines.slice(last[1], no - 1).every((l) => normalizeWhitespace(l) === "")) last[1] = no;
    else spans.push([no, no]);
  }
  return spans;
}

/** Offset of each raw line's first character inside the gathered raw text of `spans`. */
export function lineOffsets(spans: Array<[number, number]>, rawLines: string[]): Map<number, number> {
  const offsets = new Map<number, number>();
  let pos = 0;
  for (const [a, b] of spans) {
    for (let l = a; l <= b; l++) {
      offsets.set(l, pos);
      pos += rawLines[l - 1].length + 1; // "\n" after each line, also between spans
    }
  }
  return offsets;
}

export function assembleBlock(blockId: string, rawLines: string[], spans: Array<[number, number]>, edits: Edit[], cuts: Cut[] = []): AssembledBlock {
  function fail(what: string): never {
    throw new Error(`assembleBlock(${blockId}): ${what}`);
  }
  const gathered = gatherRaw(rawLines, { id: blockId, type: "paragraph", text: "", marks: [], lines: spans } as Block);

  // 1. Cuts, each at its first occurrence (fidelity's rule), in order.
  const removals: AssembledBlock["removals"] = [];
  let base = gathered;
  const sortedCuts = [...cuts].sort((x, y) => x.start - y.start);
  let removedBefore = 0;
  const shifts: Array<{ at: number; by: number }> = [];
  for (const c of sortedCuts) {
    const text = gathered.slice(c.start, c.end);
    const at = c.start - removedBefore;
    if (base.indexOf(text) !== at) fail(`cut ${JSON.stringify(text)} is not the first occurrence`);
    base = base.slice(0, at) + base.slice(at + text.length);
    shifts.push({ at: c.end, by: text.length });
    removedBefore += text.length;
    removals.push({ blockId, lines: c.lines, text, reason: c.reason });
  }
  const toBase = (pos: number): number => {
    let p = pos;
    for (const s of shifts) if (pos >= s.at) p -= s.by;
    return p;
  };

  // 2. Edits in base coordinates, in order, not overlapping each other or a cut.
  const sorted = edits
    .map((e) => {
      for (const c of sortedCuts) if (e.start < c.end && e.end > c.start) fail(`edit overlaps cut at ${c.start}`);
      return { ...e, start: toBase(e.start), end: toBase(e.end) };
    })
    .sort((x, y) => x.start - y.start);
  sorted.forEach((e, i) => {
    if (i > 0 && e.start < sorted[i - 1].end) fail(`overlapping edits at ${e.start}`);
  });

  // 3. Widen each edit to whole words for a readable audit trail, without touching neighbours.
  const widened: Array<{ from: number; to: number; raw: string; clean: string; reason: string }> = [];
  sorted.forEach((e, i) => {
    const lower = i > 0 ? widened[i - 1].to : 0;
    const upper = i + 1 < sorted.length ? sorted[i + 1].start : base.length;
    let start = e.start;
    if (e.absorbSpaceBefore) while (start > lower && isSpace(base[start - 1])) start--;
    let from = start;
    while (from > lower && !isSpace(base[from - 1])) from--;
    let to = e.end;
    while (to < upper && isLetter(base[to])) to++;
    widened.push({
      from,
      to,
      raw: base.slice(from, to),
      clean: base.slice(from, start) + e.clean + base.slice(e.end, to),
      reason: e.reason,
    });
  });

  // 4. Replay exactly as fidelity will, widening to the left until the first occurrence is the intended one.
  const mends: Mend[] = [];
  let text = base;
  let cursor = 0;
  let delta = 0;
  for (const w of widened) {
    let { from, raw, clean } = w;
    let at = from + delta;
    while (text.indexOf(raw, cursor) !== at) {
      if (at - 1 < cursor) fail(`cannot make mend ${JSON.stringify(raw)} unique`);
      from--;
      at--;
      raw = base[from] + raw;
      clean = base[from] + clean;
    }
    text = text.slice(0, at) + clean + text.slice(at + raw.length);
    cursor = at + clean.length;
    delta += clean.length - raw.length;
    mends.push({ blockId, raw, clean, reason: w.reason });
  }

  // 5. Clean text: whitespace normalized (special spaces become plain spaces), markers lifted out as marks.
  const rendered = normalizeWhitespace(text);
  const marks: Mark[] = [];
  let clean = "";
  let pos = 0;
  for (const m of rendered.matchAll(MARKER)) {
    clean += rendered.slice(pos, m.index);
    marks.push({ kind: "footnote-ref", at: clean.length, footnoteId: `fn${m[1]}`, label: m[1] });
    pos = m.index + m[0].length;
  }
  clean += rendered.slice(pos);
  if (/\s\s/.test(clean) || clean !== clean.trim()) fail("a footnote marker was left between spaces");
  return { text: clean, marks, mends, removals };
}
