/**
 * A block's text and marks as mdast phrasing content: the one step from a Block to a syntax tree, used by the
 * Markdown serializer (./markdown) and the reader's HTML (lib/reader/html, on to hast and HTML). Marks nest by
 * the one rule of lib/text/marks (crossing ranges are split, never refused).
 *
 * An edition's marks (variants, edits, names, cells, gaps, pages) have no mdast form: with `edition: true`
 * they become `editionRange` / `editionPoint` nodes, which the reader turns into hast itself; Markdown keeps
 * them in the block's comment instead and asks for them to be left out.
 */
import type { Node, Parent, PhrasingContent } from "mdast";
import { nestMarks, type MarkNode, type MarkPoint, type MarkRange } from "@/lib/text/marks";
import { EDITION_MARK_KINDS, type Block, type EditionMark, type Mark } from "./types";

type RefMark = Extract<Mark, { kind: "footnote-ref" }>;
type EditionRangeMark = Extract<EditionMark, { start: number }>;
type EditionPointMark = Extract<EditionMark, { at: number }> | Extract<EditionMark, { kind: "variant" }>;

/** A range of an edition's mark (for a variant: the reading text it stands for). */
export interface EditionRange extends Parent {
  type: "editionRange";
  mark: EditionRangeMark;
  children: PhrasingContent[];
}

/** What an edition puts at one point: a gap, a page break, or a variant's written form (at the variant's start). */
export interface EditionPoint extends Node {
  type: "editionPoint";
  mark: EditionPointMark;
}

declare module "mdast" {
  interface PhrasingContentMap {
    editionRange: EditionRange;
    editionPoint: EditionPoint;
  }
  interface RootContentMap {
    editionRange: EditionRange;
    editionPoint: EditionPoint;
  }
  interface FootnoteReferenceData {
    /** The block's marker, for renderers that link it to the footnote block. */
    mark?: RefMark;
  }
}

/** Outer before inner when two ranges cover the same text (see nestMarks). */
const RANGE_RANK: Record<string, number> = { variant: 0, link: 1, edit: 2, strong: 3, em: 4, entity: 5, cell: 6 };
/** Order of things at one offset: page break, gap, the written form of a variant, then a footnote marker. */
const POINT_RANK: Record<string, number> = { page: 0, gap: 1, variant: 2, "footnote-ref": 3 };

type RangeValue = Extract<Mark, { kind: "em" | "strong" | "link" }> | EditionRangeMark;
type PointValue = RefMark | EditionPointMark;

export interface PhrasingOptions {
  /** Include the edition's marks as editionRange/editionPoint nodes (else they are left out). */
  edition: boolean;
  /** Write "\n" in the text as mdast `break` nodes (Markdown's hard line break) rather than as text. */
  lineBreaks: boolean;
}

export function blockPhrasing(block: Block, options: PhrasingOptions): PhrasingContent[] {
  const ranges: MarkRange<RangeValue>[] = [];
  const points: MarkPoint<PointValue>[] = [];
  for (const m of block.marks) {
    if (EDITION_MARK_KINDS.has(m.kind) && !options.edition) continue;
    if (m.kind === "footnote-ref" || m.kind === "gap" || m.kind === "page") points.push({ at: m.at, rank: POINT_RANK[m.kind], value: m });
    else {
      if (m.kind === "variant") points.push({ at: m.start, rank: POINT_RANK.variant, value: m });
      ranges.push({ start: m.start, end: m.end, rank: RANGE_RANK[m.kind], value: m });
    }
  }
  const text = (start: number, end: number): PhrasingContent[] => {
    const value = block.text.slice(start, end);
    if (!options.lineBreaks) return [{ type: "text", value }];
    return value
      .split("\n")
      .flatMap((piece, i): PhrasingContent[] => [...(i > 0 ? [{ type: "break" as const }] : []), ...(piece ? [{ type: "text" as const, value: piece }] : [])]);
  };
  const convert = (nodes: MarkNode<RangeValue, PointValue>[]): PhrasingContent[] =>
    nodes.flatMap((n): PhrasingContent[] => {
      if (n.type === "text") return text(n.start, n.end);
      if (n.type === "point") {
        const m = n.value;
        if (m.kind === "footnote-ref") return [{ type: "footnoteReference", identifier: m.label.toLowerCase(), label: m.label, data: { mark: m } }];
        return [{ type: "editionPoint", mark: m }];
      }
      const m = n.value;
      const children = convert(n.children);
      if (m.kind === "em") return [{ type: "emphasis", children }];
      if (m.kind === "strong") return [{ type: "strong", children }];
      if (m.kind === "link") return [{ type: "link", url: m.href ?? "", title: null, children }];
      return [{ type: "editionRange", mark: m, children }];
    });
  return convert(nestMarks(block.text.length, ranges, points));
}
