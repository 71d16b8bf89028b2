import { describe, expect, it } from "vitest";
import type { CleanResult } from "./cleaners/types";
import { checkFidelity } from "./fidelity";
import type { Block } from "./types";

const RAW = "Title\n\nOne stra-\n\n¹ Note.\n\ntegic word.¹";
const block = (over: Partial<Block> = {}): Block => ({
  id: "p1",
  type: "paragraph",
  text: "One strategic word.",
  marks: [{ kind: "footnote-ref", at: 19, footnoteId: "fn1", label: "1" }],
  lines: [
    [3, 3],
    [7, 7],
  ],
  ...over,
});
const note: Block = { id: "fn1", type: "footnote", text: "Note.", marks: [], lines: [[5, 5]], footnote: { label: "1", status: "ok", refs: ["p1"] } };
const result = (over: Partial<CleanResult> = {}): CleanResult => ({
  meta: {},
  blocks: [block(), note],
  parts: [],
  removals: [
    { lines: [1, 1], text: "Title", reason: "title → metadata" },
    { blockId: "fn1", lines: [5, 5], text: "¹ ", reason: "footnote number" },
  ],
  mends: [
    { blockId: "p1", raw: "stra-\ntegic", clean: "strategic", reason: "hyphenation" },
    { blockId: "p1", raw: "¹", clean: "[^1]", reason: "marker" },
  ],
  ...over,
});

describe("checkFidelity", () => {
  it("accepts a clean result whose every change is a recorded mend or removal", () => {
    expect(checkFidelity(RAW, result())).toEqual([]);
  });

  it("catches an unrecorded change", () => {
    const r = result({ blocks: [block({ text: "One strategic words." }), note] });
    expect(checkFidelity(RAW, r)[0].message).toMatch(/differs at word/);
  });

  it("catches a raw line nobody claims", () => {
    const r = result({ removals: result().removals.slice(1) });
    expect(checkFidelity(RAW, r)).toEqual([{ line: 1, message: expect.stringContaining("neither in a block nor listed as removed") }]);
  });

  it("catches a removal whose text is not what the raw lines hold", () => {
    const r = result({ removals: [{ lines: [1, 1], text: "Another title", reason: "x" }, result().removals[1]] });
    expect(checkFidelity(RAW, r)[0].message).toMatch(/whole-line removal text differs/);
  });

  it("catches a block span outside the file", () => {
    const r = result({
      blocks: [
        block(),
        {
          ...note,
          lines: [
            [5, 5],
            [40, 41],
          ],
        },
      ],
    });
    expect(checkFidelity(RAW, r)[0].message).toMatch(/not inside the raw file/);
  });
});
