import { describe, expect, it } from "vitest";
import { documentText } from "@/lib/content/text";
import { anchor, anchorMany } from "./anchor";
import { describe as describePassage, describeRange } from "./describe";
import { documentFromBlocks } from "./testing/document";
import { applyEdits, replaceOccurrence } from "./testing/edits";
import type { Anchored, AnchorResult, PassageSelectors } from "./types";

const paragraphs = [
  "Stalin and the Prospects of a Separate Peace in World War II",
  "In June 1943 the Soviet ambassador was recalled from London, and rumours of a separate peace spread through the neutral capitals.",
  "Molotov denied the rumours. The British government, however, took them seriously enough to ask Washington for advice.",
  "In Stockholm the German agent Peter Kleist claimed that a Soviet emissary had offered talks. Molotov denied the rumours again in September.",
  "The possibility never materialized; but does that mean a rapprochement was merely an empty threat?",
];
const doc = documentFromBlocks(paragraphs);
const text = documentText(doc).text;

function selectorsFor(passage: string, occurrence = 0): PassageSelectors {
  let at = text.indexOf(passage);
  for (let i = 0; i < occurrence; i++) at = text.indexOf(passage, at + 1);
  return describeRange(doc, at, at + passage.length);
}

function expectAnchoredAt(result: AnchorResult, newText: string, start: number, exact: string): Anchored {
  expect(result.status).toBe("anchored");
  const a = result as Anchored;
  expect(a.start).toBe(start);
  expect(a.exact).toBe(exact);
  expect(newText.slice(a.start, a.end)).toBe(exact);
  return a;
}

describe("anchor cascade", () => {
  it("position: on the same version the stored offsets are used as they are", () => {
    const s = selectorsFor("Peter Kleist");
    const a = expectAnchoredAt(anchor(doc, s), text, s.position.start, "Peter Kleist");
    expect(a).toMatchObject({ method: "position", score: 1, blockId: "p4", blockStart: s.blockStart, blockEnd: s.blockEnd });
  });

  it("block: after an edit in a later block the block offsets still hold the quote", () => {
    const s = selectorsFor("the Soviet ambassador");
    const edited = applyEdits(doc, [replaceOccurrence(doc, "an empty threat", "a hollow threat")]).doc;
    expect(edited.version).not.toBe(doc.version);
    const a = expectAnchoredAt(anchor(edited, s), documentText(edited).text, s.position.start, "the Soviet ambassador");
    expect(a.method).toBe("block");
  });

  it("exact: a paragraph inserted before shifts offsets and block ids; the quote is found where it moved", () => {
    const s = selectorsFor("Peter Kleist claimed");
    const insert = "A new paragraph about the winter of 1942-43.\n\n";
    const { doc: edited, map } = applyEdits(doc, [{ start: documentText(doc).starts[1], end: documentText(doc).starts[1], insert }]);
    const newText = documentText(edited).text;
    expect(edited.blocks.find((b) => b.id === "p4")?.text).not.toContain("Kleist"); // ids were renumbered
    const a = expectAnchoredAt(anchor(edited, s), newText, map(s.position.start, s.position.end).start, "Peter Kleist claimed");
    expect(a.method).toBe("exact");
    expect(a.blockId).toBe("p5");
    expect(a.blockStart).toBe(s.blockStart);
  });

  it("exact: of two identical quotes the one whose context agrees wins, even when the other is nearer the old position", () => {
    const second = selectorsFor("Molotov denied the rumours", 1);
    // Remove text before the second occurrence so that the first one sits near the old offsets.
    const cut = replaceOccurrence(doc, paragraphs[1] + "\n\n" + paragraphs[2] + "\n\n", "");
    const { doc: edited, map } = applyEdits(doc, [cut]);
    const expected = map(second.position.start, second.position.end).start;
    const a = expectAnchoredAt(anchor(edited, second), documentText(edited).text, expected, "Molotov denied the rumours");
    expect(a.method).toBe("exact");
  });

  it("fuzzy: a typo fixed inside the passage", () => {
    const s = selectorsFor("rumours of a separate peace spread through");
    const { doc: edited, map } = applyEdits(doc, [replaceOccurrence(doc, "rumours of a", "rumors of a")]);
    const newText = documentText(edited).text;
    const a = expectAnchoredAt(anchor(edited, s), newText, map(s.position.start, s.position.end).start, "rumors of a separate peace spread through");
    expect(a.method).toBe("fuzzy");
    expect(a.score).toBeGreaterThan(0.9);
    expect(a.score).toBeLessThan(1);
  });

  it("fuzzy beats exact when the exact words sit in half-matching context and the edited passage sits between its own", () => {
    const twins = documentFromBlocks([
      "In 1943 the German agent Peter Kleist said that the talks in Stockholm had failed because Moscow lost interest.",
      "Much later the German agent Peter Kleist said that the talks in Stockholm were a ruse devised by Ribbentrop himself.",
    ]);
    const twinsText = documentText(twins).text;
    const at = twinsText.indexOf("the talks in Stockholm");
    const s = describeRange(twins, at, at + "the talks in Stockholm".length);
    const { doc: edited, map } = applyEdits(twins, [replaceOccurrence(twins, "talks in Stockholm had", "talks at Stockholm had")]);
    expect(s.quote.prefix).toBe(twinsText.slice(twinsText.lastIndexOf("the talks") - 32, twinsText.lastIndexOf("the talks"))); // same prefix
    const r = anchor(edited, s);
    expect(r).toMatchObject({ status: "anchored", method: "fuzzy", start: map(at, at + 22).start, exact: "the talks at Stockholm" });
  });

  it("orphan: the passage's sentence was deleted", () => {
    const s = selectorsFor("took them seriously enough");
    const edited = applyEdits(doc, [
      replaceOccurrence(doc, " The British government, however, took them seriously enough to ask Washington for advice.", ""),
    ]).doc;
    expect(anchor(edited, s)).toMatchObject({ status: "orphan", reason: "quote-not-found" });
  });

  it("orphan, never the look-alike: the passage's words were rewritten, the same words remain elsewhere", () => {
    const s = selectorsFor("Molotov denied the rumours");
    const edited = applyEdits(doc, [replaceOccurrence(doc, "Molotov denied the rumours. The British", "The Kremlin kept silent. The British")]).doc;
    expect(documentText(edited).text).toContain("Molotov denied the rumours");
    const result = anchor(edited, s);
    // Either reason is right: the look-alikes' context disagrees, and the old place (between the
    // surviving context) now holds different words.
    expect(result.status).toBe("orphan");
    expect(["context-mismatch", "low-score"]).toContain((result as { reason: string }).reason);
  });

  it("a multi-block passage survives a paragraph inserted before it; blockEnd counts from the first block", () => {
    const s = selectorsFor("advice.\n\nIn Stockholm");
    const at = documentText(doc).starts[1];
    const { doc: edited, map } = applyEdits(doc, [{ start: at, end: at, insert: "Inserted.\n\n" }]);
    const a = expectAnchoredAt(anchor(edited, s), documentText(edited).text, map(s.position.start, s.position.end).start, "advice.\n\nIn Stockholm");
    expect(a.blockId).toBe("p4");
    expect(a.blockEnd - a.blockStart).toBe("advice.\n\nIn Stockholm".length);
  });

  it("invalid selectors are orphans, not exceptions", () => {
    const s = selectorsFor("Peter Kleist");
    expect(anchor(doc, { ...s, quote: { ...s.quote, exact: "" } })).toMatchObject({ status: "orphan", reason: "invalid-selectors" });
  });
});

describe("anchorMany", () => {
  it("gives for each selector what anchor gives", () => {
    const list = [
      selectorsFor("Peter Kleist"),
      selectorsFor("rumours of a separate peace"),
      selectorsFor("Molotov denied the rumours", 1),
      selectorsFor("took them seriously enough"),
      describePassage(doc, "p5", 4, 30),
    ];
    const { doc: edited } = applyEdits(doc, [
      { start: documentText(doc).starts[2], end: documentText(doc).starts[2], insert: "Inserted paragraph.\n\n" },
      replaceOccurrence(doc, "took them seriously enough", "took them very seriously"),
    ]);
    const many = anchorMany(edited, list);
    expect(many).toEqual(list.map((s) => anchor(edited, s)));
    expect(many.map((r) => r.status)).toEqual(["anchored", "anchored", "anchored", "orphan", "anchored"]);
  });
});
