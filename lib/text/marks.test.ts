import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nestMarks, type MarkNode, type MarkRange } from "./marks";

type Node = MarkNode<number, number>;

/** Each character's covering ranges and each point's enclosing ranges, read back from the tree. */
function walk(
  nodes: Node[],
  around: number[] = [],
  out = { chars: [] as Array<{ at: number; ranges: number[] }>, points: [] as Array<{ id: number; ranges: number[] }> },
) {
  for (const n of nodes) {
    if (n.type === "text") for (let c = n.start; c < n.end; c++) out.chars.push({ at: c, ranges: [...around].sort((a, b) => a - b) });
    else if (n.type === "point") out.points.push({ id: n.value, ranges: [...around].sort((a, b) => a - b) });
    else walk(n.children, [...around, n.value], out);
  }
  return out;
}
const countRanges = (nodes: Node[]): number => nodes.reduce((s, n) => s + (n.type === "range" ? 1 + countRanges(n.children) : 0), 0);

const clamped = (ranges: Array<{ start: number; end: number }>, length: number) =>
  ranges.map((r) => ({ start: Math.max(0, Math.min(length, r.start)), end: Math.max(0, Math.min(length, r.end)) }));

const input = fc.integer({ min: 0, max: 40 }).chain((length) =>
  fc.record({
    length: fc.constant(length),
    ranges: fc.array(
      fc.record({ start: fc.integer({ min: -2, max: length + 2 }), end: fc.integer({ min: -2, max: length + 2 }), rank: fc.integer({ min: 0, max: 3 }) }),
      { maxLength: 8 },
    ),
    points: fc.array(fc.record({ at: fc.integer({ min: 0, max: length }), rank: fc.integer({ min: 0, max: 3 }) }), { maxLength: 6 }),
  }),
);

describe("nestMarks", () => {
  it("keeps every character once, in order, with exactly the ranges that cover it", () => {
    fc.assert(
      fc.property(input, ({ length, ranges, points }) => {
        const tree = nestMarks(
          length,
          ranges.map((r, i) => ({ ...r, value: i })),
          points.map((p, i) => ({ ...p, value: i })),
        );
        const { chars } = walk(tree);
        expect(chars.map((c) => c.at)).toEqual(Array.from({ length }, (_, i) => i));
        for (const { at, ranges: got } of chars) {
          const want = clamped(ranges, length).flatMap((r, i) => (r.start <= at && r.end > at ? [i] : []));
          expect([...new Set(got)]).toEqual(want);
        }
      }),
    );
  });

  it("puts a point inside the ranges running on both sides of it, and points in order", () => {
    fc.assert(
      fc.property(input, ({ length, ranges, points }) => {
        const { points: got } = walk(
          nestMarks(
            length,
            ranges.map((r, i) => ({ ...r, value: i })),
            points.map((p, i) => ({ ...p, value: i })),
          ),
        );
        const order = points.map((p, i) => ({ ...p, i })).sort((a, b) => a.at - b.at || a.rank - b.rank || a.i - b.i);
        expect(got.map((p) => p.id)).toEqual(order.map((p) => p.i));
        for (const p of got) {
          const { at } = points[p.id];
          expect([...new Set(p.ranges)]).toEqual(clamped(ranges, length).flatMap((r, i) => (r.start < at && r.end > at ? [i] : [])));
        }
      }),
    );
  });

  it("never splits ranges that nest", () => {
    const nested = fc.integer({ min: 1, max: 40 }).chain((length) =>
      fc.array(fc.tuple(fc.integer({ min: 0, max: length }), fc.integer({ min: 0, max: length })), { maxLength: 6 }).map((pairs) => {
        // intervals that nest or are disjoint: a laminar family built by keeping only the ones that do
        const kept: MarkRange<number>[] = [];
        for (const [a, b] of pairs) {
          const start = Math.min(a, b),
            end = Math.max(a, b) + 1;
          if (end > length) continue;
          if (kept.every((k) => end <= k.start || start >= k.end || (start >= k.start && end <= k.end) || (start <= k.start && end >= k.end)))
            kept.push({ start, end, rank: kept.length, value: kept.length });
        }
        return { length, ranges: kept };
      }),
    );
    fc.assert(
      fc.property(nested, ({ length, ranges }) => {
        expect(countRanges(nestMarks(length, ranges))).toBe(ranges.length);
      }),
    );
  });

  it("splits the later of two crossing ranges where the earlier one ends", () => {
    const tree = nestMarks(6, [
      { start: 0, end: 4, rank: 0, value: 1 },
      { start: 2, end: 6, rank: 0, value: 2 },
    ]);
    expect(tree).toEqual([
      {
        type: "range",
        value: 1,
        children: [
          { type: "text", start: 0, end: 2 },
          { type: "range", value: 2, children: [{ type: "text", start: 2, end: 4 }] },
        ],
      },
      { type: "range", value: 2, children: [{ type: "text", start: 4, end: 6 }] },
    ]);
  });

  it("makes the longer of two ranges with one start the outer one, then the lower rank", () => {
    const outer = (ranges: MarkRange<string>[]) => (nestMarks(5, ranges)[0] as { value: string }).value;
    expect(
      outer([
        { start: 0, end: 2, rank: 0, value: "short" },
        { start: 0, end: 5, rank: 1, value: "long" },
      ]),
    ).toBe("long");
    expect(
      outer([
        { start: 0, end: 5, rank: 2, value: "em" },
        { start: 0, end: 5, rank: 1, value: "link" },
      ]),
    ).toBe("link");
  });
});
