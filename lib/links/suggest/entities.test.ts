import { describe, expect, it } from "vitest";
import type { GlossaryEntry } from "@/lib/links/glossary";
import { compileGazetteer, extractEntities, nameKeysOf, resolveAmbiguous } from "./entities";
import type { SeminarName } from "./names";

// A seminar's name list and glossary as a test makes them (seminar data, not engine knowledge).
const NAMES: SeminarName[] = [
  { id: "semyonov", kind: "person", variants: ["Semyonov", "Semjonow", "Vladimir Semyonov"] },
  { id: "dekanozov", kind: "person", variants: ["Dekanozov", "Dekanov"] },
  { id: "winogradow-1933", kind: "person", variants: ["Winogradow", "Boris Winogradow"], years: [1933], roles: ["Botschaftssekretär", "Berlin"] },
  { id: "vinogradov-1943", kind: "person", variants: ["Vinogradov", "Konstantin Vinogradov"], years: [1943], roles: ["legation", "Gesandtschaft"] },
  { id: "stauffenberg", kind: "person", variants: ["Stauffenberg", "Claus von Stauffenberg"] },
  { id: "clauss", kind: "person", variants: ["Clauss", "Edgar Clauss"] },
  { id: "stockholm", kind: "place", variants: ["Stockholm", "Стокгольм"] },
  { id: "sweden", kind: "place", variants: ["Sweden", "Schweden", "schwedisch", "Swedish"] },
  { id: "russia-west", kind: "work", variants: ["Russia and the West under Lenin and Stalin", "Sowjetische Außenpolitik unter Lenin und Stalin"] },
  { id: "comintern", kind: "organisation", variants: ["Komintern", "Comintern", "Коминтерн"] },
];
const GLOSSARY: GlossaryEntry[] = [{ id: "unconditional-surrender", terms: { de: ["bedingungslose Kapitulation"], en: ["unconditional surrender"], ru: [] } }];

const gazetteer = compileGazetteer(NAMES);
const extract = (text: string) => extractEntities(text, { gazetteer, glossary: GLOSSARY });
const ids = (text: string, kind?: string) =>
  extract(text)
    .mentions.filter((m) => !kind || m.kind === kind)
    .map((m) => m.id);

describe("extractEntities: the seminar's name list", () => {
  it("meets German, English and Cyrillic spellings of a listed person, place, organisation or work", () => {
    expect(ids("Semjonow wird als Deutschlandexperte", "person")).toEqual(["semyonov"]);
    expect(ids("counselor Vladimir S. Semyonov, a specialist", "person")).toEqual(["semyonov"]);
    expect(ids("Vladimir Dekanov, the former ambassador", "person")).toEqual(["dekanozov"]);
    expect(ids("in Стокгольм", "place")).toEqual(["stockholm"]);
    expect(ids("die schwedische Zeitung", "place")).toEqual(["sweden"]);
    // inflected forms of listed place words (German cases and adjective endings, English possessive)
    expect(ids("in den schwedischen Häfen", "place")).toEqual(["sweden"]);
    expect(ids("Stockholms Presse", "place")).toEqual(["stockholm"]);
    expect(ids("Sweden's neutrality", "place")).toEqual(["sweden"]);
    expect(ids("der Komintern", "organisation")).toEqual(["comintern"]);
    expect(ids("Kennan, Russia and the West under Lenin and Stalin (Boston, 1961)", "work")).toEqual(["russia-west"]);
  });
  it("does not take a given name for a listed look-alike surname", () => {
    expect(ids("the would-be assassin, Claus von Stauffenberg.", "person")).toEqual(["stauffenberg"]);
  });
  it("tells two listed namesakes apart by given name, by roles and years, or by the rest of the document", () => {
    expect(ids("ein Gespräch mit Boris Winogradow statt", "person")).toEqual(["winogradow-1933"]);
    expect(ids("Konstantin Vinogradov of the legation", "person")).toEqual(["vinogradov-1943"]);
    expect(ids("Vinogradov of the legation in 1943", "person")).toEqual(["vinogradov-1943"]);
    const bare = extract("along with the earlier hint by Vinogradov, is the only document");
    expect(bare.mentions.find((m) => m.kind === "person")!.candidates).toHaveLength(2);
    const named = extract("Konstantin Vinogradov revealed");
    resolveAmbiguous([bare, named], "…", gazetteer);
    expect(bare.mentions.find((m) => m.kind === "person")!.id).toBe("vinogradov-1943");
  });
});

describe("extractEntities: names nobody listed", () => {
  const none = compileGazetteer([]);
  const names = (text: string, isDictionaryWord?: (w: string) => boolean) =>
    extractEntities(text, { gazetteer: none, glossary: [], isDictionaryWord }).mentions.filter((m) => m.kind === "name");
  it("finds capitalised names in any script, also at a sentence start, and keys them across conventions", () => {
    const de = names("Chruschtschow schrieb an Kennedy über Kuba.");
    const en = names("Khrushchev wrote to Kennedy about Cuba.");
    const ru = names("Хрущёв написал Кеннеди о Кубе.");
    const meet = (a: { keys?: string[] }, b: { keys?: string[] }) => a.keys!.some((k) => b.keys!.includes(k));
    expect(de.map((m) => m.text)).toEqual(["Chruschtschow", "Kennedy", "Kuba"]);
    expect(en.map((m) => m.text)).toEqual(["Khrushchev", "Kennedy", "Cuba"]);
    expect(ru.map((m) => m.text)).toEqual(["Хрущёв", "Кеннеди", "Кубе"]);
    for (let i = 0; i < 3; i++) {
      expect(meet(de[i], en[i]), en[i].text).toBe(true);
      expect(meet(ru[i], en[i]), en[i].text).toBe(true);
    }
    expect(meet(de[0], en[1])).toBe(false);
  });
  it("leaves out stop words and month names at a sentence start, and marks dictionary words as common", () => {
    expect(names("The war began. In April Molotov left.").map((m) => m.text)).toEqual(["Molotov"]);
    expect(names("Der Krieg und Winogradow", (w) => w === "Krieg").map((m) => [m.text, !!m.common])).toEqual([
      ["Krieg", true],
      ["Winogradow", false],
    ]);
  });
  it("keys inflected forms to their base (German genitive, Russian cases)", () => {
    expect(nameKeysOf("Chruschtschows")).toContain(nameKeysOf("Khrushchev")[0]);
    expect(nameKeysOf("Хрущёва")).toContain(nameKeysOf("Khrushchev")[0]);
  });
});

describe("extractEntities: numbers, glossary, dates", () => {
  it("counts a number with its unit, in words or digits, in German or English", () => {
    expect(ids("innerhalb von 8 Tagen einen Waffenstillstand", "number")).toEqual(["8:day"]);
    expect(ids("ready to sign an armistice in eight days", "number")).toEqual(["8:day"]);
    expect(ids("der 15. US-Luftflotte", "number")).toEqual([]);
  });
  it("adds glossary concepts and dates with offsets into the text", () => {
    const text = "das in Casablanca im Januar 1943 formulierte „unconditional surrender“";
    const ex = extract(text);
    const g = ex.mentions.find((m) => m.kind === "glossary")!;
    expect(g.id).toBe("unconditional-surrender");
    expect(text.slice(g.start, g.end)).toBe("unconditional surrender");
    expect(ex.dates.map((d) => [d.year, d.month])).toEqual([[1943, 1]]);
  });
});
