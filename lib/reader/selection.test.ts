import { describe, expect, it } from "vitest";
import { blockText, boundariesForPassage, describeRange, offsetInBlock, passageFromRange, type NodeLike } from "./selection";

/** A minimal stand-in for the DOM (no jsdom in this project): just what selection.ts reads. */
interface FakeNode extends NodeLike {
  childNodes: FakeNode[];
  parentNode: FakeNode | null;
  attrs?: Record<string, string>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
}

function el(attrs: Record<string, string>, ...children: Array<FakeNode | string>): FakeNode {
  const node: FakeNode = {
    nodeType: 1,
    nodeValue: null,
    parentNode: null,
    childNodes: [],
    attrs,
    getAttribute: (n) => attrs[n] ?? null,
    hasAttribute: (n) => n in attrs,
  };
  for (const c of children) {
    const child = typeof c === "string" ? text(c) : c;
    child.parentNode = node;
    node.childNodes.push(child);
  }
  return node;
}

function text(value: string): FakeNode {
  return { nodeType: 3, nodeValue: value, parentNode: null, childNodes: [], getAttribute: () => null, hasAttribute: () => false };
}

/**
 * <div>
 *   <p data-block-id="p1">Stalin <em>never</em> wanted<sup data-fn-marker><button>12</button></sup> peace.</p>
 *   <p data-block-id="p2">Second.</p>
 * </div>
 * Block p1's text is "Stalin never wanted peace." with a footnote marker after "wanted".
 */
function sample() {
  const em = el({}, "never");
  const marker = el({ "data-fn-marker": "" }, el({}, "12"));
  const p1 = el({ "data-block-id": "p1" }, "Stalin ", em, " wanted", marker, " peace.");
  const p2 = el({ "data-block-id": "p2" }, "Second.");
  const root = el({}, p1, p2);
  return { root, p1, p2, em, marker };
}

describe("selection → passage", () => {
  it("reads a block's own text, skipping footnote markers", () => {
    const { p1 } = sample();
    expect(blockText(p1)).toBe("Stalin never wanted peace.");
  });

  it("maps a selection inside formatted text to block offsets", () => {
    const { p1, em } = sample();
    const neverText = em.childNodes[0];
    // select "ever wanted" : from inside <em> to inside the text after it
    const range = { startContainer: neverText, startOffset: 1, endContainer: p1.childNodes[2], endOffset: 7 };
    const passage = passageFromRange(range);
    expect(passage).toEqual({ blockId: "p1", blockStart: 8, blockEnd: 19 });
    expect(blockText(p1).slice(passage!.blockStart, passage!.blockEnd)).toBe("ever wanted");
  });

  it("does not count the footnote label, and a point inside a marker is the marker's position", () => {
    const { p1, marker } = sample();
    const after = p1.childNodes[4]; // " peace."
    expect(offsetInBlock(p1, after, 1)).toBe(20);
    expect(offsetInBlock(p1, marker.childNodes[0].childNodes[0], 1)).toBe(19);
    // element boundary points: (p1, 4) = before " peace."
    expect(offsetInBlock(p1, p1, 4)).toBe(19);
  });

  it("cuts a selection that runs into the next block at the end of the first", () => {
    const { root, p1, p2 } = sample();
    const range = { startContainer: p1.childNodes[0], startOffset: 0, endContainer: p2.childNodes[0], endOffset: 0 };
    expect(passageFromRange(range)).toEqual({ blockId: "p1", blockStart: 0, blockEnd: 26 });
    expect(describeRange(range)).toEqual({ start: { blockId: "p1", offset: 0 }, end: { blockId: "p2", offset: 0 } });
    // a point between blocks belongs to the block after it
    expect(describeRange({ startContainer: root, startOffset: 1, endContainer: p2.childNodes[0], endOffset: 3 })).toEqual({
      start: { blockId: "p2", offset: 0 },
      end: { blockId: "p2", offset: 3 },
    });
  });

  it("gives no passage for an empty selection or one outside the text", () => {
    const { p1 } = sample();
    const t = p1.childNodes[0];
    expect(passageFromRange({ startContainer: t, startOffset: 3, endContainer: t, endOffset: 3 })).toBeNull();
    const outside = el({}, "toolbar");
    expect(passageFromRange({ startContainer: outside.childNodes[0], startOffset: 0, endContainer: t, endOffset: 2 })).toBeNull();
  });
});

describe("passage → DOM boundaries", () => {
  it("finds the text nodes and offsets for a character range", () => {
    const { p1, em } = sample();
    const b = boundariesForPassage(p1, 8, 19)!;
    expect(b.startNode).toBe(em.childNodes[0]);
    expect(b.startOffset).toBe(1);
    expect(b.endNode).toBe(p1.childNodes[2]);
    expect(b.endOffset).toBe(7);
  });

  it("starts after and ends before node boundaries, never inside a marker", () => {
    const { p1 } = sample();
    const b = boundariesForPassage(p1, 19, 26)!;
    expect(b.startNode).toBe(p1.childNodes[4]);
    expect(b.startOffset).toBe(0);
    expect(b.endNode).toBe(p1.childNodes[4]);
    expect(b.endOffset).toBe(7);
    const whole = boundariesForPassage(p1, 0, 999)!;
    expect(whole.endNode).toBe(p1.childNodes[4]);
    expect(whole.endOffset).toBe(7);
  });

  it("round-trips every range of a block", () => {
    const { p1 } = sample();
    const textOf = blockText(p1);
    for (let s = 0; s < textOf.length; s++) {
      for (let e = s + 1; e <= textOf.length; e++) {
        const b = boundariesForPassage(p1, s, e)!;
        const range = { startContainer: b.startNode, startOffset: b.startOffset, endContainer: b.endNode, endOffset: b.endOffset };
        expect(passageFromRange(range)).toEqual({ blockId: "p1", blockStart: s, blockEnd: e });
      }
    }
  });
});
