/**
 * Windows over a long document: a whole volume (tens of thousands of blocks) is read in parts, so that the
 * reader page ships one part and the browser loads the neighbours as the reader scrolls. A window is a run of
 * consecutive body blocks (never a part of one) of about WINDOW_BUDGET characters; windows prefer to start at
 * a heading, a forum post or a numbered section, and a heading never ends a window (it stays with its text).
 * Each footnote travels with the window of its first marker, so a marker's note is loaded with it.
 *
 * Documents up to WHOLE_DOCUMENT_LIMIT characters (every text of the corpus) are not windowed at all: the reader
 * shows them whole, exactly as before. Framework-free and pure; plans are cached per document object.
 */
import type { Block, SynopseDocument } from "@/lib/content/types";

/** About this many characters per window (block text plus its notes plus BLOCK_OVERHEAD per block). */
export const WINDOW_BUDGET = 150_000;
/** Documents at most this size (same measure) are shown whole. */
export const WHOLE_DOCUMENT_LIMIT = 300_000;
/**
 * What a block costs beyond its text (its element, ids, classes): counted so that a text of very many short
 * blocks (a register, a list) still gets windows of a reasonable number of elements.
 */
export const BLOCK_OVERHEAD = 40;
/** A window may start early, at a good place (a heading), once it holds this share of the budget. */
const EARLY_START_SHARE = 0.75;

export interface DocumentWindow {
  /** 0-based position of the window in the document. */
  n: number;
  /** Range of body blocks (document order, footnotes excluded): [start, end). */
  start: number;
  end: number;
  /** Id of the window's first block. */
  firstBlockId: string;
  /** Footnotes shown with this window (their first marker is in it; unreferenced ones go with the last window). */
  footnotes: Block[];
  /** Its size in the budget's measure. */
  size: number;
}

export interface WindowPlan {
  /** The document's body blocks (footnotes excluded), in reading order. */
  body: Block[];
  windows: DocumentWindow[];
  /** Every block id (footnotes too) → the window it is shown in. */
  windowOfBlock: Map<string, number>;
  /** Whole document size in the budget's measure. */
  size: number;
}

export interface WindowOptions {
  budget?: number;
}

/** Footnotes by id, and for each body block the footnotes whose first marker it holds (in marker order). */
function footnotesByFirstMarker(doc: SynopseDocument): { notes: Map<string, Block>; firstIn: Map<string, Block[]> } {
  const notes = new Map(doc.blocks.filter((b) => b.type === "footnote").map((b) => [b.id, b]));
  const firstIn = new Map<string, Block[]>();
  const seen = new Set<string>();
  for (const block of doc.blocks) {
    if (block.type === "footnote") continue;
    const refs = block.marks
      .filter((m) => m.kind === "footnote-ref")
      .sort((a, b) => (a.kind === "footnote-ref" && b.kind === "footnote-ref" ? a.at - b.at : 0));
    for (const ref of refs) {
      if (ref.kind !== "footnote-ref" || seen.has(ref.footnoteId)) continue;
      const note = notes.get(ref.footnoteId);
      if (!note) continue;
      seen.add(ref.footnoteId);
      firstIn.set(block.id, [...(firstIn.get(block.id) ?? []), note]);
    }
  }
  return { notes, firstIn };
}

/** Where a window would like to start: a heading, the first block of a forum post, a new numbered section. */
function isGoodStart(block: Block, previous: Block | undefined): boolean {
  if (block.type === "heading") return true;
  if (block.part !== undefined && block.part !== previous?.part) return true;
  return block.section !== undefined && block.section !== previous?.section;
}

const planCache = new WeakMap<SynopseDocument, Map<number, WindowPlan>>();

/** Split the document's body into windows (see the module comment). Cached per document object and budget. */
export function planWindows(doc: SynopseDocument, options: WindowOptions = {}): WindowPlan {
  const budget = Math.max(1, options.budget ?? WINDOW_BUDGET);
  const byBudget = planCache.get(doc) ?? new Map<number, WindowPlan>();
  planCache.set(doc, byBudget);
  const hit = byBudget.get(budget);
  if (hit) return hit;

  const body = doc.blocks.filter((b) => b.type !== "footnote");
  const { notes, firstIn } = footnotesByFirstMarker(doc);
  const weight = (b: Block) => b.text.length + BLOCK_OVERHEAD + (firstIn.get(b.id) ?? []).reduce((s, n) => s + n.text.length + BLOCK_OVERHEAD, 0);
  const weights = body.map(weight);

  // Cut points: indexes of body blocks that start a window.
  const starts: number[] = body.length > 0 ? [0] : [];
  let size = 0;
  for (let i = 0; i < body.length; i++) {
    const windowStart = starts[starts.length - 1];
    if (i > windowStart) {
      const early = size >= budget * EARLY_START_SHARE && isGoodStart(body[i], body[i - 1]);
      const full = size + weights[i] > budget;
      if (early || full) {
        // A heading does not end a window: it moves to the next one with its text (if that leaves any).
        let cut = i;
        while (cut - 1 > windowStart && body[cut - 1].type === "heading") cut--;
        starts.push(cut);
        size = 0;
        for (let k = cut; k < i; k++) size += weights[k];
      }
    }
    size += weights[i];
  }

  const windowOfBlock = new Map<string, number>();
  const windows: DocumentWindow[] = starts.map((start, n) => {
    const end = starts[n + 1] ?? body.length;
    const footnotes: Block[] = [];
    let windowSize = 0;
    for (let k = start; k < end; k++) {
      windowOfBlock.set(body[k].id, n);
      windowSize += weights[k];
      for (const note of firstIn.get(body[k].id) ?? []) {
        windowOfBlock.set(note.id, n);
        footnotes.push(note);
      }
    }
    return { n, start, end, firstBlockId: body[start].id, footnotes, size: windowSize };
  });
  // Notes without any marker: with the last window (where the whole document shows its notes).
  const unreferenced = [...notes.values()].filter((note) => !windowOfBlock.has(note.id));
  const last = windows[windows.length - 1];
  if (last) {
    for (const note of unreferenced) {
      windowOfBlock.set(note.id, last.n);
      last.footnotes.push(note);
      last.size += note.text.length + BLOCK_OVERHEAD;
    }
  }
  // Notes in the document's own order (numeric), as the whole document lists them.
  const order = new Map(doc.blocks.map((b, i) => [b.id, i]));
  for (const w of windows) w.footnotes.sort((a, b) => order.get(a.id)! - order.get(b.id)!);

  const plan: WindowPlan = {
    body,
    windows,
    windowOfBlock,
    size: weights.reduce((s, w) => s + w, 0) + unreferenced.reduce((s, n) => s + n.text.length + BLOCK_OVERHEAD, 0),
  };
  byBudget.set(budget, plan);
  return plan;
}

/** Whether the reader shows this document in windows (only documents far larger than any article). */
export function isWindowed(doc: SynopseDocument, options: WindowOptions & { wholeLimit?: number } = {}): boolean {
  const limit = options.wholeLimit ?? WHOLE_DOCUMENT_LIMIT;
  // Cheap upper bound first: most documents are far below the limit.
  let rough = 0;
  for (const b of doc.blocks) {
    rough += b.text.length + BLOCK_OVERHEAD;
    if (rough > limit) return planWindows(doc, options).windows.length > 1;
  }
  return false;
}

/** The window that shows a block (a body block or a footnote); undefined for an unknown id. */
export function windowOf(plan: WindowPlan, blockId: string): number | undefined {
  return plan.windowOfBlock.get(blockId);
}

/** The window to render first: the one holding the deep-link target if there is one, else the first. */
export function initialWindow(plan: WindowPlan, targetBlockId?: string | null): number {
  return (targetBlockId ? windowOf(plan, targetBlockId) : undefined) ?? 0;
}

/**
 * Which windows to keep loaded after adding `n`: at most `max` consecutive windows including `n`, dropping
 * those farthest from it (a jump far away keeps only `n`). Pure bookkeeping for the reader's pane.
 */
export function windowsAfterLoading(loaded: readonly number[], n: number, max: number): number[] {
  const sorted = [...new Set(loaded)].sort((a, b) => a - b);
  const lo = sorted[0];
  const hi = sorted[sorted.length - 1];
  if (sorted.length === 0 || n < lo - 1 || n > hi + 1) return [n];
  const range: number[] = [];
  for (let k = Math.min(lo, n); k <= Math.max(hi, n); k++) range.push(k);
  if (range.length <= max) return range;
  // Keep the `max` windows nearest to n (the new one sits at an end of the range).
  return n >= hi ? range.slice(range.length - max) : range.slice(0, max);
}
