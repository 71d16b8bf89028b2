import { describe, expect, it } from "vitest";
import { edgeSpan, spansOf, stepSelection, type TextSpan } from "./keyboard-selection";

const TEXT = "Stalin wartete ab. Molotow reiste nach Berlin, ohne Ergebnis. Dann kam der Krieg.";
const words = (sel: TextSpan | string) => (typeof sel === "string" ? sel : TEXT.slice(sel.start, sel.end));

describe("selecting by word and sentence with the keyboard", () => {
  it("starts at the first word and moves word by word, skipping punctuation", () => {
    const first = edgeSpan(TEXT, "de", "word", "first")!;
    expect(words(first)).toBe("Stalin");
    let sel: TextSpan = first;
    for (const expected of ["wartete", "ab", "Molotow"]) {
      sel = stepSelection(TEXT, "de", sel, "next-word") as TextSpan;
      expect(words(sel)).toBe(expected);
    }
    expect(words(stepSelection(TEXT, "de", sel, "previous-word") as TextSpan)).toBe("ab");
  });

  it("extends and shrinks the end by words and sentences, never past the start", () => {
    const start = edgeSpan(TEXT, "de", "word", "first")!;
    const two = stepSelection(TEXT, "de", start, "extend-word") as TextSpan;
    expect(words(two)).toBe("Stalin wartete");
    const sentence = stepSelection(TEXT, "de", two, "extend-sentence") as TextSpan;
    expect(words(sentence)).toBe("Stalin wartete ab.");
    const further = stepSelection(TEXT, "de", sentence, "extend-sentence") as TextSpan;
    expect(words(further)).toBe("Stalin wartete ab. Molotow reiste nach Berlin, ohne Ergebnis.");
    expect(words(stepSelection(TEXT, "de", further, "shrink-sentence") as TextSpan)).toBe("Stalin wartete ab.");
    expect(words(stepSelection(TEXT, "de", start, "shrink-word") as TextSpan)).toBe("Stalin");
  });

  it("moves sentence by sentence and says when it leaves the block", () => {
    const first = edgeSpan(TEXT, "de", "sentence", "first")!;
    const second = stepSelection(TEXT, "de", first, "next-sentence") as TextSpan;
    expect(words(second)).toBe("Molotow reiste nach Berlin, ohne Ergebnis.");
    const last = edgeSpan(TEXT, "de", "sentence", "last")!;
    expect(words(last)).toBe("Dann kam der Krieg.");
    expect(stepSelection(TEXT, "de", last, "next-sentence")).toBe("after");
    expect(stepSelection(TEXT, "de", first, "previous-sentence")).toBe("before");
    expect(stepSelection(TEXT, "de", edgeSpan(TEXT, "de", "word", "last")!, "next-word")).toBe("after");
  });

  it("works on Cyrillic text and on a text with no words", () => {
    expect(spansOf("Молотов приехал в Берлин.", "ru", "word").map((s) => s.end - s.start)).toEqual([7, 7, 1, 6]);
    expect(edgeSpan("— …", "en", "word", "first")).toBeNull();
    expect(spansOf("Ein Satz", "xx-invalid-tag-!!", "word")).toHaveLength(2);
  });
});
