import { describe, expect, it } from "vitest";
import { analyze, analyzeWord, normalizeForIndex } from "./analyze";

/** Do two written words share a token in any column (what a one-word query needs to find the other)? */
function meet(a: string, b: string): boolean {
  const x = analyzeWord(a);
  const y = analyzeWord(b);
  return x.w === y.w || x.de === y.de || x.en === y.en || x.nk === y.nk;
}

describe("normalizeForIndex", () => {
  it("folds case, diacritics, ß and umlaut transcriptions to the same token", () => {
    for (const [a, b] of [
      ["Mastný", "Mastny"],
      ["Führer", "Fuehrer"],
      ["FÜHRER", "fuhrer"],
      ["Außenpolitik", "Aussenpolitik"],
      ["Außenpolitik", "AUSSENPOLITIK"],
      ["Winogradow", "winogradow"],
    ]) {
      expect(analyzeWord(a).w, `${a} / ${b}`).toBe(analyzeWord(b).w);
    }
  });

  it("stems German and English inflections together", () => {
    for (const [a, b] of [
      ["Verhandlungen", "Verhandlung"],
      ["Separatfriedens", "Separatfrieden"],
      ["negotiations", "negotiating"],
      ["feelers", "feeler"],
      ["сепаратного", "сепаратный"],
    ]) {
      expect(meet(a, b), `${a} / ${b}`).toBe(true);
    }
  });

  it("meets Russian names across German, English and Cyrillic spellings", () => {
    for (const [a, b] of [
      ["Molotow", "Molotov"],
      ["Молотов", "Molotov"],
      ["Winogradow", "Vinogradov"],
      ["Dekanosow", "Dekanozov"],
      ["Tschuikow", "Chuikov"],
    ]) {
      expect(meet(a, b), `${a} / ${b}`).toBe(true);
    }
  });

  it("keeps different words apart", () => {
    for (const [a, b] of [
      ["Molotov", "Moltke"],
      ["Stalin", "Stalingrad"],
      ["peace", "piece"],
      ["Frieden", "Friedrich"],
    ]) {
      expect(meet(a, b), `${a} / ${b}`).toBe(false);
    }
  });

  it("gives every word exactly one [a-z0-9] token in every column, so the columns stay position-aligned", () => {
    const text = "Stalin's „Fühler“ (1943) — Молотов/Риббентроп: 2nd-front ✓ d’Estaing 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 " + "x".repeat(3000);
    const cols = normalizeForIndex(text);
    const n = analyze(text).length;
    for (const c of Object.values(cols)) {
      const tokens = c.split(" ");
      expect(tokens).toHaveLength(n);
      for (const t of tokens) expect(t).toMatch(/^[a-z0-9]{1,60}$/);
    }
  });

  it("records each word's offsets in the original text", () => {
    const text = "Der Führer, Molotow.";
    expect(analyze(text).map((w) => text.slice(w.start, w.end))).toEqual(["Der", "Führer", "Molotow"]);
  });
});
