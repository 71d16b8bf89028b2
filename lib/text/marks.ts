/**
 * Marks over a text as a tree: the one nesting rule shared by the reader's renderer (lib/reader/html) and the
 * Markdown serializer (lib/content/markdown), so that a block reads the same in both.
 *
 * The rule, cheap to state and stable under edits:
 * - ranges open in order of start, then the longer one first (it is the outer element), then by `rank`;
 * - ranges that cross are not refused: the range that opened later is closed where the earlier one ends and
 *   reopened right after it (`<em>a<b>b</b></em><b>c</b>`), so every character keeps every mark it has and the
 *   output always nests. A trip through Markdown merges the two pieces again (lib/content/markdown
 *   canonicalizeBlocks joins touching ranges of one kind);
 * - a point (a footnote marker, a page break) sits inside the ranges that run on both sides of it and outside
 *   a range that starts or ends exactly there; points at one offset keep their `rank`, then their given order;
 * - empty ranges carry no text and are dropped; offsets are clamped to the text.
 * Hand-written because no unified utility nests offset ranges; the output is plain data for mdast/hast.
 */

export interface MarkRange<R> {
  start: number;
  end: number;
  /** Tie-break between ranges with the same start and end: the lower rank is outside. */
  rank: number;
  value: R;
}

export interface MarkPoint<P> {
  at: number;
  /** Order among points at one offset: the lower rank comes first. */
  rank: number;
  value: P;
}

export type MarkNode<R, P> =
  { type: "text"; start: number; end: number } | { type: "point"; value: P } | { type: "range"; value: R; children: MarkNode<R, P>[] };

export function nestMarks<R, P>(length: number, ranges: readonly MarkRange<R>[], points: readonly MarkPoint<P>[] = []): MarkNode<R, P>[] {
  const clamp = (n: number) => Math.max(0, Math.min(length, n));
  const live = ranges
    .map((r) => ({ ...r, start: clamp(r.start), end: clamp(r.end) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank);
  const placed = points.map((p, i) => ({ ...p, at: clamp(p.at), i })).sort((a, b) => a.at - b.at || a.rank - b.rank || a.i - b.i);
  const cuts = [...new Set([0, length, ...live.flatMap((r) => [r.start, r.end]), ...placed.map((p) => p.at)])].sort((a, b) => a - b);

  const root: MarkNode<R, P>[] = [];
  // The open ranges, outermost first, each with the node its content goes into.
  const stack: Array<{ range: (typeof live)[number]; node: Extract<MarkNode<R, P>, { type: "range" }> }> = [];
  const into = () => (stack.length ? stack[stack.length - 1].node.children : root);
  let nextPoint = 0;
  for (let i = 0; i < cuts.length; i++) {
    const at = cuts[i];
    // Close every range ending here, and what is open above it (reopened below if it goes on).
    const firstEnded = stack.findIndex((s) => s.range.end <= at);
    if (firstEnded >= 0) stack.length = firstEnded;
    const next = cuts[i + 1];
    const open = new Set(stack.map((s) => s.range));
    const openFrom = (from: (r: (typeof live)[number]) => boolean) => {
      if (next === undefined) return;
      for (const range of live) {
        if (range.start > at) break;
        if (range.end < next || open.has(range) || !from(range)) continue;
        const node: Extract<MarkNode<R, P>, { type: "range" }> = { type: "range", value: range.value, children: [] };
        into().push(node);
        stack.push({ range, node });
        open.add(range);
      }
    };
    // Reopen what goes on across this offset first, so that a point here stays inside it; then the points;
    // then the ranges that start here.
    openFrom((r) => r.start < at);
    while (nextPoint < placed.length && placed[nextPoint].at === at) into().push({ type: "point", value: placed[nextPoint++].value });
    if (next === undefined) break;
    openFrom((r) => r.start === at);
    into().push({ type: "text", start: at, end: next });
  }
  return root;
}
