import { describe, expect, it } from "vitest";
import { checkFidelity } from "../fidelity";
import type { Block } from "../types";
import { BlockBuilder } from "./block-builder";

function asResult(raw: string, b: BlockBuilder, block: Partial<Block> = {}) {
  const built = b.finish();
  return {
    built,
    result: {
      meta: {},
      blocks: [{ id: b.blockId, type: "paragraph" as const, text: built.text, marks: built.marks, lines: b.spans, ...block }],
      parts: [],
      removals: built.removals,
      mends: built.mends,
    },
  };
}

describe("BlockBuilder", () => {
  it("derives text, marks and one readable mend per marked span", () => {
    const raw = "A *modus vivendi* here.¹";
    const b = new BlockBuilder("p1", [raw], [[1, 1]]);
    b.keep("A ").open("em", "*", "italics").keep("modus vivendi").close("*", "italics").keep(" here.").ref("¹", "1", "marker");
    const { built, result } = asResult(raw, b);
    expect(built.text).toBe("A modus vivendi here.");
    expect(built.marks).toEqual([
      { kind: "em", start: 2, end: 15 },
      { kind: "footnote-ref", at: 21, footnoteId: "fn1", label: "1" },
    ]);
    expect(built.mends.map((m) => [m.raw, m.clean])).toEqual([
      ["*modus vivendi*", "modus vivendi"],
      ["¹", "[^1]"],
    ]);
    expect(checkFidelity(raw, result)).toEqual([]);
  });

  it("widens a mend when the same raw text occurs earlier, so fidelity finds it in the right place", () => {
    const raw = "a x b x";
    const b = new BlockBuilder("p1", [raw], [[1, 1]]);
    b.keep("a x b ").change("x", "y", "fix the second x");
    const { built, result } = asResult(raw, b);
    expect(built.text).toBe("a x b y");
    expect(built.mends).toEqual([{ blockId: "p1", raw: "a x b x", clean: "a x b y", reason: "fix the second x" }]);
    expect(checkFidelity(raw, result)).toEqual([]);
  });

  it("turns a deletion into a mend when the removal would hit an earlier occurrence", () => {
    const raw = '"a" b"';
    const b = new BlockBuilder("p1", [raw], [[1, 1]]);
    b.keep('"a" b').remove('"', "stray quote");
    const { built, result } = asResult(raw, b);
    expect(built.removals).toEqual([]);
    expect(built.text).toBe('"a" b');
    expect(checkFidelity(raw, result)).toEqual([]);
  });

  it("refuses pieces that do not match the raw text, or leave some of it out", () => {
    expect(() => new BlockBuilder("p1", ["abc"], [[1, 1]]).keep("abd")).toThrow(/expected "abd"/);
    expect(() => new BlockBuilder("p1", ["abc"], [[1, 1]]).keep("ab").finish()).toThrow(/unaccounted/);
  });
});
