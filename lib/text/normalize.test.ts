import { describe, expect, it } from "vitest";
import { foldText, tokenize } from "./normalize";

describe("foldText", () => {
  it("folds case, diacritics, ß and umlaut transcriptions the same way", () => {
    expect(foldText("Mastný")).toBe("mastny");
    expect(foldText("Führer")).toBe("fuhrer");
    expect(foldText("Fuehrer")).toBe("fuhrer");
    expect(foldText("FÜHRER")).toBe("fuhrer");
    expect(foldText("Straße")).toBe(foldText("Strasse"));
    expect(foldText("Außenpolitik")).toBe("aussenpolitik");
    expect(foldText("Vojtěch")).toBe("vojtech");
  });
  it("turns Cyrillic into Latin", () => {
    expect(foldText("Молотов")).toBe("molotov");
    expect(foldText("сепаратный мир")).toBe("separatniy mir");
  });
});

describe("tokenize", () => {
  it("splits hyphenated compounds and keeps offsets into the original text", () => {
    const text = "Das Winogradow-Treffen, Mastný.";
    const toks = tokenize(text);
    expect(toks.map((t) => t.raw)).toEqual(["Das", "Winogradow", "Treffen", "Mastný"]);
    for (const t of toks) expect(text.slice(t.start, t.end)).toBe(t.raw);
  });
});
