/**
 * Test/bench helper: edit a document's plain text the way a re-run of the content pipeline would change
 * it, and know where every old range went (the ground truth anchoring is judged against).
 */
import { BLOCK_SEPARATOR, documentText } from "@/lib/content/text";
import type { SynopseDocument } from "@/lib/content/types";
import { documentFromBlocks } from "./document";

/** Replace old-text [start, end) by `insert`. Offsets are in the ORIGINAL document text. */
export interface TextEdit {
  start: number;
  end: number;
  insert: string;
}

export interface MappedRange {
  /**
   * intact: no edit touches the range (it only moved); modified: edits lie strictly inside it and
   * change at most a quarter of it; damaged: an edit crosses its boundary, or the edits inside change
   * more than a quarter of it (what remains is arguably another passage).
   */
  status: "intact" | "modified" | "damaged";
  start: number;
  end: number;
  /** Characters removed from / inserted into the range (modified/damaged). */
  removed: number;
  inserted: number;
}

export interface EditedDocument {
  doc: SynopseDocument;
  map(start: number, end: number): MappedRange;
}

/**
 * Apply non-overlapping edits and rebuild the blocks by splitting on the block separator. Block ids are
 * given by position, reusing the old document's id sequence — what a pipeline that numbers paragraphs
 * does when a paragraph is inserted, split or merged (ids then point at different text).
 */
export function applyEdits(doc: SynopseDocument, edits: TextEdit[]): EditedDocument {
  const old = documentText(doc).text;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start < sorted[i - 1].end) throw new Error("Overlapping edits");
  }
  let text = "";
  let at = 0;
  for (const e of sorted) {
    text += old.slice(at, e.start) + e.insert;
    at = e.end;
  }
  text += old.slice(at);
  const texts = text.split(BLOCK_SEPARATOR);
  const edited = documentFromBlocks(
    texts.map((t, i) => ({ id: doc.blocks[i]?.id ?? `x${i + 1}`, type: doc.blocks[i]?.type ?? "paragraph", text: t })),
    doc.meta.slug,
  );

  /** New offset of an old offset that no edit covers; `side` decides for an insertion exactly there. */
  const mapPoint = (p: number, side: "before" | "after"): number => {
    let delta = 0;
    for (const e of sorted) {
      const delta1 = e.insert.length - (e.end - e.start);
      if (e.end < p || (e.end === p && (e.start < p || side === "after"))) delta += delta1;
      else if (e.start < p) return e.start + delta + (side === "after" ? e.insert.length : 0);
    }
    return p + delta;
  };

  const map = (start: number, end: number): MappedRange => {
    let status: MappedRange["status"] = "intact";
    let removed = 0;
    let inserted = 0;
    for (const e of sorted) {
      const touchesInside = e.start < end && e.end > start;
      const insertionInside = e.start === e.end && e.start > start && e.start < end;
      if (!touchesInside && !insertionInside) continue;
      const overlap = Math.min(end, e.end) - Math.max(start, e.start);
      removed += Math.max(0, overlap);
      if (e.start > start && e.end < end) {
        inserted += e.insert.length;
        if (status === "intact") status = "modified";
      } else status = "damaged";
    }
    if (status === "modified" && removed + inserted > (end - start) / 4) status = "damaged";
    // An insertion exactly at the start goes before the passage; exactly at the end, after it.
    return { status, start: mapPoint(start, "after"), end: mapPoint(end, "before"), removed, inserted };
  };

  return { doc: edited, map };
}

/** An edit replacing the n-th (0-based) occurrence of `find` in the document text. */
export function replaceOccurrence(doc: SynopseDocument, find: string, insert: string, n = 0): TextEdit {
  const text = documentText(doc).text;
  let at = text.indexOf(find);
  for (let i = 0; i < n && at !== -1; i++) at = text.indexOf(find, at + 1);
  if (at === -1) throw new Error(`"${find}" not found (occurrence ${n})`);
  return { start: at, end: at + find.length, insert };
}
