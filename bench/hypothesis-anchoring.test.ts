import { describe, expect, it } from "vitest";
import { documentText } from "@/lib/content/text";
import { anchor } from "@/lib/anchoring/anchor";
import { baselineAnchor } from "./hypothesis-anchoring";
import { describeRange } from "@/lib/anchoring/describe";
import { documentFromBlocks } from "@/lib/anchoring/testing/document";
import { applyEdits, replaceOccurrence } from "@/lib/anchoring/testing/edits";

const doc = documentFromBlocks([
  "In June 1943 Molotov denied the rumours of a separate peace that were spreading through Stockholm.",
  "The British took them seriously. In September Molotov denied the rumours again, this time to Eden himself.",
]);
const text = documentText(doc).text;

describe("baselineAnchor (the Hypothesis method, benchmark reference)", () => {
  it("finds an exact quote and a lightly edited one", () => {
    const exact = "took them seriously";
    expect(baselineAnchor(text, { exact })).toMatchObject({ start: text.indexOf(exact), end: text.indexOf(exact) + exact.length });
    const typo = baselineAnchor(text, { exact: "took them serously" }, { exactShortcut: false });
    expect(typo?.start).toBe(text.indexOf("took them"));
  });

  it("attaches a rewritten passage to a look-alike, where the Synopse cascade leaves an orphan", () => {
    const at = text.indexOf("Molotov denied the rumours");
    const s = describeRange(doc, at, at + "Molotov denied the rumours".length);
    const { doc: edited } = applyEdits(doc, [replaceOccurrence(doc, "Molotov denied the rumours of", "Molotov stayed silent about the rumours of")]);
    const newText = documentText(edited).text;
    const hypothesis = baselineAnchor(newText, { exact: s.quote.exact, prefix: s.quote.prefix, suffix: s.quote.suffix, hint: s.position.start });
    expect(hypothesis?.start).toBe(newText.indexOf("Molotov denied the rumours again")); // the other sentence
    expect(anchor(edited, s).status).toBe("orphan");
  });
});
