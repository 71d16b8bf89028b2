import { describe, expect, it } from "vitest";
import { sortByPosition } from "./sort";
import type { AnchorResult } from "./types";

const at = (start: number, end: number): AnchorResult => ({
  status: "anchored",
  method: "exact",
  score: 1,
  start,
  end,
  blockId: "p1",
  blockStart: start,
  blockEnd: end,
  exact: "",
});
const orphan: AnchorResult = { status: "orphan", reason: "quote-not-found", bestScore: 0 };

describe("sortByPosition", () => {
  it("orders notes by where their passages are now, enclosing passages first, orphans last in their original order", () => {
    const notes = [
      { id: "late", anchor: at(500, 520) },
      { id: "lost-1", anchor: orphan },
      { id: "inner", anchor: at(100, 110) },
      { id: "outer", anchor: at(100, 180) },
      { id: "lost-2", anchor: orphan },
      { id: "early", anchor: at(3, 9) },
    ];
    expect(sortByPosition(notes, (n) => n.anchor).map((n) => n.id)).toEqual(["early", "outer", "inner", "late", "lost-1", "lost-2"]);
    expect(notes[0].id).toBe("late"); // the input is left alone
  });
});
