import { describe, expect, it } from "vitest";
import { alignmentDelta, CONNECTOR_SWING, connectorPath, endsIn, noteHtml, shortQuote } from "./reader-view";
import type { LinkEnd, LinkView } from "./views";

const end = (slug: string, role: "target" | "body", anchored = true): LinkEnd => ({
  role,
  slug,
  lang: "de",
  exact: `${slug} text`,
  anchor: anchored ? { status: "anchored", blockId: "p1", blockStart: 0, blockEnd: 4, start: 0, end: 4, firstBlockEnd: 4 } : { status: "orphan" },
});
const link = (id: string, a: LinkEnd, b: LinkEnd): LinkView => ({
  id,
  relation: "supports",
  author: { id: "u", name: "U" },
  visibility: "seminar",
  tags: [],
  bodyHtml: "",
  bodyText: "",
  hidden: false,
  revision: 1,
  createdAt: "2026-01-01T00:00:00Z",
  replies: 0,
  thread: [],
  ends: [a, b],
});

describe("link ends in a pane", () => {
  it("lists anchored ends of a document with their other end, never orphaned ones", () => {
    const links = [
      link("1", end("forum", "target"), end("mastny", "body")),
      link("2", end("mastny", "target", false), end("forum", "body")),
      link("3", end("forum", "target"), end("forum", "body")),
    ];
    expect(endsIn(links, "forum").map((e) => [e.link.id, e.end.role, e.other.slug])).toEqual([
      ["1", "target", "mastny"],
      ["2", "body", "mastny"],
      ["3", "target", "forum"],
      ["3", "body", "forum"],
    ]);
    expect(endsIn(links, "mastny").map((e) => e.link.id)).toEqual(["1"]);
  });
});

describe("synchronized scrolling by links", () => {
  it("lines up the link nearest the middle of the driving pane", () => {
    const d = alignmentDelta(
      [
        { key: "top", driverOffset: 40, peerOffset: 900 },
        { key: "middle", driverOffset: 320, peerOffset: 500 },
        { key: "below", driverOffset: 1200, peerOffset: 100 },
      ],
      700,
    );
    expect(d).toEqual({ key: "middle", delta: 180 });
  });
  it("gives up when no link end is in view (proportional scrolling takes over)", () => {
    expect(alignmentDelta([{ key: "x", driverOffset: -10, peerOffset: 5 }], 700)).toBeNull();
    expect(alignmentDelta([], 700)).toBeNull();
  });
});

describe("connector between panes", () => {
  const left = { left: 0, top: 100, right: 500, bottom: 900 };
  const right = { left: 500, top: 100, right: 1000, bottom: 900 };
  it("runs in the gutter, level with each passage, whichever end is which — never across the words", () => {
    const a = { left: 50, top: 200, right: 300, bottom: 220 };
    const b = { left: 600, top: 400, right: 800, bottom: 420 };
    const p = connectorPath(a, left, b, right)!;
    expect(p.startsWith(`M${500 - CONNECTOR_SWING},210 `)).toBe(true);
    expect(p.endsWith(` ${500 + CONNECTOR_SWING},410`)).toBe(true);
    expect(connectorPath(b, right, a, left)).toBe(p);
    // Sample the curve: every point stays within the swing of the gutter, far from both passages' words.
    const [x0, , c1x, , c2x, , x3] = p.match(/-?[\d.]+/g)!.map(Number);
    for (let t = 0; t <= 1; t += 0.05) {
      const x = (1 - t) ** 3 * x0 + 3 * (1 - t) ** 2 * t * c1x + 3 * (1 - t) * t ** 2 * c2x + t ** 3 * x3;
      expect(Math.abs(x - 500)).toBeLessThanOrEqual(CONNECTOR_SWING + 0.5);
    }
  });
  it("is not drawn when an end is scrolled out of its pane", () => {
    expect(connectorPath({ left: 50, top: 950, right: 300, bottom: 970 }, left, { left: 600, top: 400, right: 800, bottom: 420 }, right)).toBeNull();
  });
});

describe("labels and notes", () => {
  it("shortens long quotes on a word boundary", () => {
    expect(shortQuote("Semjonow wird als Deutschlandexperte in das Ressort versetzt", 30)).toBe("Semjonow wird als…");
    expect(shortQuote("  kurz  ")).toBe("kurz");
  });
  it("turns a typed note into escaped paragraphs, and nothing into no body", () => {
    expect(noteHtml("a <b>\nc\n\nd")).toBe("<p>a &lt;b><br>c</p><p>d</p>");
    expect(noteHtml("   ")).toBeUndefined();
  });
});
