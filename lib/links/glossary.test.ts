import { describe, expect, it } from "vitest";
import { demoSeminarGlossary } from "@/bench/suggest/glossary-fixture";
import { expandTerms, findGlossaryTerms } from "./glossary";

// The library's glossary (content/seminar-data/glossary.csv), read as seminar data.
const GLOSSARY = demoSeminarGlossary();

const ids = (text: string) => findGlossaryTerms(text, GLOSSARY).map((h) => h.entryId);

describe("the library's glossary", () => {
  it("has at least 25 entries, each with German, English and Russian terms and a unique id", () => {
    expect(GLOSSARY.length).toBeGreaterThanOrEqual(25);
    for (const e of GLOSSARY) {
      expect(e.terms.de.length && e.terms.en.length && e.terms.ru.length, e.id).toBeTruthy();
    }
    expect(new Set(GLOSSARY.map((e) => e.id)).size).toBe(GLOSSARY.length);
  });
});

describe("findGlossaryTerms", () => {
  it("finds the same concept in German (inflected, compounded), English and Russian", () => {
    expect(ids("Ab Casablanca waren alle Separatfriedensaspirationen sowieso obsolet.")).toEqual(["separate-peace"]);
    expect(ids("Stalin had publicly assumed a position on the subject of separate peace.")).toEqual(["separate-peace"]);
    expect(ids("Eisenhower bestand auf bedingungsloser Kapitulation vor allen Siegermächten")).toEqual(["unconditional-surrender"]);
    expect(ids("the demand for unconditional surrender that Roosevelt and Churchill had enunciated")).toEqual(["unconditional-surrender"]);
    expect(ids("безоговорочная капитуляция")).toEqual(["unconditional-surrender"]);
    expect(ids("die Eröffnung der »Zweiten Front« im Westen")).toEqual(["second-front"]);
  });
  it("prefers the longer term: Botschafter is an ambassador, not an embassy", () => {
    expect(ids("füherer Botschafter in Berlin")).toEqual(["ambassador"]);
    expect(ids("an die sowjetische Botschaft nach Stockholm")).toEqual(["embassy"]);
  });
  it("returns offsets of the words as written", () => {
    const text = "in der Frage der „Zweiten Front“, dem Baltikum";
    const [hit] = findGlossaryTerms(text, GLOSSARY);
    expect(text.slice(hit.start, hit.end)).toBe("Zweiten Front");
  });
  it("does not take a word that merely starts like a short term", () => {
    expect(ids("the front line of 1941")).not.toContain("second-front");
    expect(ids("Frontabschnitt")).toEqual([]);
    expect(ids("OSS report no. A-9469")).toEqual(["intelligence"]);
    expect(ids("Oss, a town in Brabant")).toEqual([]); // abbreviations count only in capitals
  });
});

describe("expandTerms", () => {
  it("adds every language's terms for the concepts in the query", () => {
    const out = expandTerms("Separatfrieden 1943", GLOSSARY);
    expect(out[0]).toBe("Separatfrieden 1943");
    expect(out).toContain("separate peace");
    expect(out).toContain("сепаратный мир");
  });
  it("leaves a query without glossary terms alone", () => {
    expect(expandTerms("Kollontay", GLOSSARY)).toEqual(["Kollontay"]);
  });
  it("works with a seminar's own entries without ids", () => {
    const mine = [{ terms: { de: ["Winterkrieg"], en: ["Winter War"], ru: ["Зимняя война"] } }];
    expect(expandTerms("der Winterkrieg", mine)).toEqual(["der Winterkrieg", "Winterkrieg", "Winter War", "Зимняя война"]);
  });
});

describe("inflected forms meet their entry", () => {
  // A seminar's own entries on another topic, each term written once in its base form.
  const glossary = [
    { id: "harvest", terms: { de: ["Ernteausfälle"], en: ["crop failures"], ru: ["неурожай"] } },
    { id: "collective-farm", terms: { de: ["Kolchose"], en: ["collective farm"], ru: ["колхоз"] } },
    { id: "grain-levy", terms: { de: ["Getreideablieferung"], en: ["grain levy"], ru: ["хлебозаготовки"] } },
    { id: "officer", terms: { de: ["Offizier"], en: ["officer"], ru: ["офицер"] } },
  ];
  const found = (text: string) => findGlossaryTerms(text, glossary).map((h) => `${h.entryId}:${h.text}`);
  it("in German, English and Russian case and number endings, shorter or longer than the term", () => {
    expect(found("wegen der Ernteausfälle und eines Ernteausfalls")).toEqual(["harvest:Ernteausfälle", "harvest:Ernteausfalls"]);
    expect(found("in den Kolchosen und der Kolchos")).toEqual(["collective-farm:Kolchosen", "collective-farm:Kolchos"]);
    expect(found("a crop failure, two collective farms")).toEqual(["harvest:crop failure", "collective-farm:collective farms"]);
    expect(found("в колхозе, о хлебозаготовках")).toEqual(["collective-farm:колхозе", "grain-levy:хлебозаготовках"]);
    expect(found("the grain levies")).toEqual(["grain-levy:grain levies"]);
  });
  it("but not a word that only begins like the term (derivation, a shorter word)", () => {
    expect(found("die Offiziersschule")).toEqual(["officer:Offiziersschule"]);
    expect(found("the office")).toEqual([]);
  });
});
