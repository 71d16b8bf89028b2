import { describe, expect, it } from "vitest";
import { documentText } from "@/lib/content/text";
import { documentFromBlocks } from "./document";
import { applyEdits } from "./edits";

const doc = documentFromBlocks(["Alpha beta gamma.", "Delta epsilon zeta.", "Eta theta."]);
const text = documentText(doc).text;
const range = (s: string) => [text.indexOf(s), text.indexOf(s) + s.length] as const;

describe("applyEdits (ground truth for the anchoring tests and benchmark)", () => {
  it("shifts ranges after an edit, keeps ranges before it, and rebuilds blocks with positional ids", () => {
    const e = applyEdits(doc, [{ start: documentText(doc).starts[1], end: documentText(doc).starts[1], insert: "New paragraph.\n\n" }]);
    const newText = documentText(e.doc).text;
    const [s, t] = range("epsilon");
    const m = e.map(s, t);
    expect(m.status).toBe("intact");
    expect(newText.slice(m.start, m.end)).toBe("epsilon");
    expect(e.map(...range("beta"))).toMatchObject({ status: "intact", start: text.indexOf("beta") });
    expect(e.doc.blocks.map((b) => b.id)).toEqual(["p1", "p2", "p3", "x4"]);
    expect(e.doc.blocks[1].text).toBe("New paragraph.");
  });

  it("classifies edits strictly inside as modified and edits across a boundary as damaged", () => {
    const [s, t] = range("Delta epsilon zeta");
    const inside = applyEdits(doc, [{ start: s + 7, end: s + 8, insert: "E" }]);
    expect(inside.map(s, t)).toMatchObject({ status: "modified", start: s, end: t, removed: 1, inserted: 1 });
    const across = applyEdits(doc, [{ start: s - 3, end: s + 2, insert: "" }]);
    expect(across.map(s, t).status).toBe("damaged");
  });

  it("puts an insertion exactly at a passage boundary outside the passage", () => {
    const [s, t] = range("epsilon");
    const e = applyEdits(doc, [
      { start: s, end: s, insert: "very " },
      { start: t, end: t, insert: " indeed" },
    ]);
    const m = e.map(s, t);
    expect(m.status).toBe("intact");
    expect(documentText(e.doc).text.slice(m.start, m.end)).toBe("epsilon");
  });
});
