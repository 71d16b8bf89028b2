import { describe as group, expect, it } from "vitest";
import { documentText } from "@/lib/content/text";
import { CONTEXT_LENGTH, describe, describeRange } from "./describe";
import { AnchoringError } from "./errors";
import { documentFromBlocks } from "./testing/document";

const doc = documentFromBlocks([
  "Stalin and the Prospects of a Separate Peace",
  "THE FEAR THAT Moscow and Berlin might again come to terms preoccupied American and British statesmen long after Hitler had forced the unwilling Stalin to join the Allied coalition.",
  "The possibility never materialized.",
]);
const text = documentText(doc).text;

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof AnchoringError ? e.code : "not-an-AnchoringError";
  }
  return undefined;
}

group("describe", () => {
  it("records block offsets, document offsets, quote with 32-character context and the version", () => {
    const block = doc.blocks[1].text;
    const start = block.indexOf("Moscow");
    const end = start + "Moscow and Berlin".length;
    const s = describe(doc, "p2", start, end);
    const docStart = text.indexOf("Moscow");
    expect(s).toMatchObject({ blockId: "p2", blockStart: start, blockEnd: end, version: doc.version });
    expect(s.position).toEqual({ type: "TextPositionSelector", start: docStart, end: docStart + 17 });
    expect(s.quote.exact).toBe("Moscow and Berlin");
    expect(s.quote.prefix).toBe(text.slice(docStart - CONTEXT_LENGTH, docStart));
    expect(s.quote.prefix).toHaveLength(32);
    expect(s.quote.suffix).toBe(text.slice(docStart + 17, docStart + 17 + 32));
  });

  it("keeps the context short at the edges of the document (no padding)", () => {
    const first = describe(doc, "p1", 0, 6);
    expect(first.quote.prefix).toBe("");
    const lastBlock = doc.blocks[2].text;
    const last = describe(doc, "p3", lastBlock.length - "materialized.".length, lastBlock.length);
    expect(last.quote.suffix).toBe("");
    expect(last.quote.exact).toBe("materialized.");
  });

  it("context crosses block boundaries with the block separator, as the plain text does", () => {
    const s = describe(doc, "p2", 0, 3);
    expect(s.quote.prefix.endsWith("Separate Peace\n\n")).toBe(true);
  });

  it("rejects bad input with typed errors", () => {
    expect(codeOf(() => describe(doc, "p2", 5, 5))).toBe("empty-selection");
    expect(codeOf(() => describe(doc, "p2", 3, 4))).toBe("empty-selection"); // the space after "THE"
    expect(codeOf(() => describe(doc, "p9", 0, 4))).toBe("unknown-block");
    expect(codeOf(() => describe(doc, "p3", 0, 999))).toBe("out-of-range");
    expect(codeOf(() => describe(doc, "p3", -1, 4))).toBe("out-of-range");
    expect(codeOf(() => describe(doc, "p3", 4, 2))).toBe("out-of-range");
    expect(codeOf(() => describe(doc, "p3", 0.5, 2))).toBe("out-of-range");
  });
});

group("describeRange", () => {
  it("allows a passage over several blocks; the block reference is the first block", () => {
    const start = text.indexOf("coalition.");
    const end = text.indexOf("never");
    const s = describeRange(doc, start, end);
    expect(s.blockId).toBe("p2");
    expect(s.quote.exact).toBe("coalition.\n\nThe possibility ");
    expect(s.blockEnd - s.blockStart).toBe(end - start);
  });

  it("pulls ends that fall inside a separator onto block text", () => {
    const sep = doc.blocks[0].text.length; // first separator character
    const s = describeRange(doc, sep + 1, text.indexOf(" FEAR"));
    expect(s.blockId).toBe("p2");
    expect(s.quote.exact).toBe("THE");
    const t = describeRange(doc, text.indexOf("coalition"), documentText(doc).starts[2] - 1);
    expect(t.quote.exact).toBe("coalition.");
  });

  it("rejects empty, separator-only and out-of-document ranges", () => {
    const sep = doc.blocks[0].text.length;
    expect(codeOf(() => describeRange(doc, sep, sep + 2))).toBe("empty-selection");
    expect(codeOf(() => describeRange(doc, 10, 10))).toBe("empty-selection");
    expect(codeOf(() => describeRange(doc, 0, text.length + 1))).toBe("out-of-range");
  });
});
