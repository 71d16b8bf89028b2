/**
 * Fidelity proof: every clean block is its raw lines, minus listed removals, with listed mends,
 * up to whitespace. Every non-blank raw line is claimed by a block or a whole-line removal, whose `text` must be
 * what those raw lines hold (so the removals table cannot misreport), and block spans lie inside the file.
 * Pure; used by the pipeline tests and by `npm run content:build` (which refuses unfaithful output).
 */
import type { Block } from "./types";
import type { CleanResult } from "./cleaners/types";

/** All Unicode whitespace (incl. NBSP, thin/six-per-em/em spaces) collapses to one space; NFC. */
export function normalizeWhitespace(s: string): string {
  return s
    .normalize("NFC")
    .replace(/[\s\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]+/gu, " ")
    .trim();
}

/** Block text with footnote markers rendered as `[^label]` at their positions. */
export function renderWithMarkers(block: Block): string {
  const refs = block.marks.filter((m): m is Extract<Block["marks"][number], { kind: "footnote-ref" }> => m.kind === "footnote-ref").sort((a, b) => a.at - b.at);
  let out = "";
  let pos = 0;
  for (const r of refs) {
    out += block.text.slice(pos, r.at) + `[^${r.label}]`;
    pos = r.at;
  }
  return out + block.text.slice(pos);
}

export function gatherRaw(rawLines: string[], block: Block): string {
  return block.lines.map(([a, b]) => rawLines.slice(a - 1, b).join("\n")).join("\n");
}

export interface FidelityProblem {
  blockId?: string;
  line?: number;
  message: string;
}

export function checkFidelity(raw: string, result: CleanResult): FidelityProblem[] {
  const rawLines = raw.split("\n");
  const problems: FidelityProblem[] = [];
  const claimed = new Set<number>();
  // Grouped once: filtering the whole lists per block is quadratic, minutes for a multi-megabyte volume.
  const removalsOf = new Map<string, typeof result.removals>();
  for (const r of result.removals) if (r.blockId) removalsOf.set(r.blockId, [...(removalsOf.get(r.blockId) ?? []), r]);
  const mendsOf = new Map<string, typeof result.mends>();
  for (const m of result.mends) {
    const list = mendsOf.get(m.blockId);
    if (list) list.push(m);
    else mendsOf.set(m.blockId, [m]);
  }

  for (const block of result.blocks) {
    const outside = block.lines.find(([a, b]) => a < 1 || b < a || b > rawLines.length);
    if (outside)
      problems.push({
        blockId: block.id,
        line: outside[0],
        message: `line span ${outside[0]}-${outside[1]} is not inside the raw file (1-${rawLines.length})`,
      });
    let text = gatherRaw(rawLines, block);
    for (const [a, b] of block.lines) for (let l = a; l <= b; l++) claimed.add(l);
    // In-block removals first (each at its first occurrence), then mends in the order recorded.
    for (const r of removalsOf.get(block.id) ?? []) {
      const at = text.indexOf(r.text);
      if (at < 0) problems.push({ blockId: block.id, message: `removed text not found in raw: ${JSON.stringify(r.text)} (${r.reason})` });
      else text = text.slice(0, at) + text.slice(at + r.text.length);
    }
    let cursor = 0;
    for (const m of mendsOf.get(block.id) ?? []) {
      const at = text.indexOf(m.raw, cursor);
      if (at < 0) {
        problems.push({ blockId: block.id, message: `mend not found in raw: ${JSON.stringify(m.raw)} (${m.reason})` });
        continue;
      }
      text = text.slice(0, at) + m.clean + text.slice(at + m.raw.length);
      cursor = at + m.clean.length;
    }
    const expected = normalizeWhitespace(text);
    const actual = normalizeWhitespace(renderWithMarkers(block));
    if (expected !== actual) {
      const ew = expected.split(" ");
      const aw = actual.split(" ");
      let i = 0;
      while (i < ew.length && ew[i] === aw[i]) i++;
      problems.push({
        blockId: block.id,
        line: block.lines[0]?.[0],
        message: `differs at word ${i}: raw «${ew.slice(Math.max(0, i - 3), i + 4).join(" ")}» vs clean «${aw.slice(Math.max(0, i - 3), i + 4).join(" ")}»`,
      });
    }
  }

  for (const r of result.removals) {
    if (r.blockId) continue;
    // The audit trail shows r.text: it must be what those lines really hold.
    const removed = rawLines.slice(r.lines[0] - 1, r.lines[1]).join("\n");
    if (normalizeWhitespace(removed) !== normalizeWhitespace(r.text))
      problems.push({
        line: r.lines[0],
        message: `whole-line removal text differs from raw lines ${r.lines[0]}-${r.lines[1]}: ${JSON.stringify(r.text.slice(0, 40))} (${r.reason})`,
      });
    for (let l = r.lines[0]; l <= r.lines[1]; l++) {
      if (claimed.has(l)) problems.push({ line: l, message: `whole-line removal overlaps a block: ${r.reason}` });
      claimed.add(l);
    }
  }
  rawLines.forEach((line, i) => {
    if (normalizeWhitespace(line) !== "" && !claimed.has(i + 1)) {
      problems.push({ line: i + 1, message: `raw line neither in a block nor listed as removed: ${JSON.stringify(line.slice(0, 60))}` });
    }
  });
  return problems;
}
