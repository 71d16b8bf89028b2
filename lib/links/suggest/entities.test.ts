import { describe, expect, it } from "vitest";
import { STARTER_GLOSSARY } from "@/lib/links/glossary";
import { compileGazetteer, extractEntities, resolveAmbiguous } from "./entities";
import { demoSeminarNames } from "@/bench/suggest/names-fixture";
import { gazetteerFromNames } from "./name-list";

const GAZETTEER = gazetteerFromNames(demoSeminarNames());
const gazetteer = compileGazetteer(GAZETTEER);
const extract = (text: string) => extractEntities(text, { gazetteer, glossary: STARTER_GLOSSARY });
const ids = (text: string, kind?: string) =>
  extract(text)
    .mentions.filter((m) => !kind || m.kind === kind)
    .map((m) => m.id);

describe("the demo seminar's name list", () => {
  it("has unique ids and at least one name per entry", () => {
    expect(new Set(GAZETTEER.map((e) => e.id)).size).toBe(GAZETTEER.length);
    for (const e of GAZETTEER) expect(e.names.length, e.id).toBeGreaterThan(0);
  });
});

describe("extractEntities: people across spellings", () => {
  it("meets German, English and Cyrillic spellings of the same person", () => {
    expect(ids("Semjonow wird als Deutschlandexperte", "person")).toEqual(["semyonov"]);
    expect(ids("counselor Vladimir S. Semyonov, a specialist", "person")).toEqual(["semyonov"]);
    expect(ids("Im September 43 war Dekanosow in Stockholm", "person")).toEqual(["dekanozov"]);
    expect(ids("Vladimir Dekanov, the former Soviet ambassador", "person")).toEqual(["dekanozov"]);
    expect(ids("Молотов и Риббентроп", "person")).toEqual(["molotov", "ribbentrop"]);
    expect(ids("alias „Edgar Klauss“ (Clauss)", "person")).toEqual(["clauss", "clauss"]);
  });
  it("reads German and English genitives", () => {
    expect(ids("Stalins Drängen", "person")).toEqual(["stalin"]);
    expect(ids("Ribbentrop's assistant", "person")).toEqual(["ribbentrop"]);
  });
  it("does not take a given name for a look-alike surname", () => {
    expect(ids("the would-be assassin of Hitler, Claus von Stauffenberg.", "person")).toEqual(["hitler", "stauffenberg"]);
    expect(ids("Ernst Kaltenbrunner to Martin Bormann", "person")).toEqual(["bormann"]);
    expect(ids("Sir Archibald Clark-Kerr", "person")).toEqual(["clark-kerr"]);
    expect(ids("Im Juni 1943 liegen Colonel Clark diese Berichte vor", "person")).toEqual(["clark"]);
  });
  it("tells two men called Vinogradov apart by given name or by the rest of the document", () => {
    expect(ids("ein Gespräch mit Boris Winogradow statt", "person")).toEqual(["vinogradov-1933"]);
    expect(ids("Konstantin Vinogradov of the Soviet legation in Stockholm", "person")).toEqual(["vinogradov-1943"]);
    const bare = extract("along with the earlier hint by Vinogradov, is the only available document");
    expect(bare.mentions.find((m) => m.kind === "person")!.candidates).toHaveLength(2);
    const named = extract("Konstantin Vinogradov of the Soviet legation revealed");
    resolveAmbiguous([bare, named], "…", gazetteer);
    expect(bare.mentions.find((m) => m.kind === "person")!.id).toBe("vinogradov-1943");
  });
});

describe("extractEntities: places, works, numbers, glossary", () => {
  it("finds places in German and English forms, including adjectives", () => {
    expect(ids("die schwedische Zeitung in Stockholm", "place")).toEqual(["sweden", "stockholm"]);
    expect(ids("the Swedish newspaper", "place")).toEqual(["sweden"]);
    expect(ids("in Moskau", "place")).toEqual(ids("in Moscow", "place"));
  });
  it("finds a cited work under its German and English titles", () => {
    expect(ids("George F. Kennan, Sowjetische Außenpolitik unter Lenin und Stalin, Stuttgart 1961", "work")).toEqual(["russia-and-the-west-under-lenin-and-stalin"]);
    expect(ids("George F. Kennan, Russia and the West under Lenin and Stalin (Boston, 1961)", "work")).toEqual(["russia-and-the-west-under-lenin-and-stalin"]);
  });
  it("counts a number with its unit, in words or digits, in German or English", () => {
    expect(ids("innerhalb von 8 Tagen einen Waffenstillstand", "number")).toEqual(["8:day"]);
    expect(ids("ready to sign an armistice in eight days", "number")).toEqual(["8:day"]);
    expect(ids("thirty kilometers outside of Stockholm", "number")).toEqual(["30:km"]);
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
