/**
 * The suggestion engine on texts nobody prepared: small documents written for these tests on events the
 * project's seed texts never mention, no name list, and (where said) a tiny lexicon made here, so the tests
 * run the same with or without FreeDict on the machine.
 */
import { deserialize, serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import type { Block, Language, SynopseDocument } from "@/lib/content/types";
import type { GlossaryEntry } from "@/lib/links/glossary";
import { buildIndex, correspondences, evidenceBetween, packIndex, suggest, unpackIndex, type SeminarName } from "./index";
import { formatLexicon, parseLexicon, type Lexicon } from "./lexicon";
import { stemWord, type WordLanguage } from "./words";

function doc(slug: string, lang: Language, texts: string[]): SynopseDocument {
  const blocks: Block[] = texts.map((text, i) => ({ id: `p${i + 1}`, type: "paragraph", text, marks: [], lines: [[i + 1, i + 1]] }));
  return {
    meta: { slug, title: slug, author: null, lang, date: null, kind: "article", source: "test", rawFile: `${slug}.txt` },
    version: slug,
    blocks,
    parts: [],
  };
}

// Passages on other matters, so that rarity means something (each shares little with the rest).
const FILLER_DE = [
  "Die Ernte fiel in diesem Jahr schlecht aus, und die Preise für Brot stiegen in allen Städten.",
  "Im Hafen lagen viele Schiffe, deren Ladung niemand abholen wollte.",
  "Der Rundfunk sendete am Abend Musik und einen Bericht über das Wetter.",
  "Viele Familien zogen in die Vororte, wo Wohnungen billiger waren.",
  "Die Universität eröffnete eine neue Bibliothek mit tausenden Büchern.",
  "In Berlin wurde über die Verkehrsplanung der Innenstadt gestritten.",
];
const FILLER_EN = [
  "The harvest was poor that year, and the price of bread rose in every town.",
  "Many ships lay in the harbour with cargo nobody came to collect.",
  "In the evening the radio played music and a report on the weather.",
  "Families moved to the suburbs, where flats were cheaper.",
  "The university opened a new library holding thousands of books.",
  "In Berlin the planning of traffic in the city centre was disputed.",
];
const FILLER_RU = ["Урожай в тот год был плохим, и цены на хлеб выросли во всех городах.", "Вечером радио передавало музыку и сводку погоды."];

/** A lexicon as set-up would build it, from word pairs written here (stemmed by the engine's own stemmer). */
function lexiconOf(pairs: Array<[WordLanguage, string, WordLanguage, string]>): Lexicon {
  const lexicon: Lexicon = { pairs: new Map(), sources: ["test"] };
  const add = (from: WordLanguage, a: string, to: WordLanguage, b: string) => {
    const [sa, sb] = [stemWord(a, from), stemWord(b, to)];
    const dir = `${from}>${to}`;
    if (!lexicon.pairs.has(dir)) lexicon.pairs.set(dir, new Map());
    const map = lexicon.pairs.get(dir)!;
    const list = map.get(sa)?.split(" ") ?? [];
    for (const s of sb.split(" ")) if (s && !list.includes(s)) list.push(s);
    map.set(sa, list.join(" "));
  };
  for (const [from, a, to, b] of pairs) {
    add(from, a, to, b);
    add(to, b, from, a);
  }
  // Through the file format, as the engine reads it.
  return parseLexicon(formatLexicon(lexicon));
}

const ref = (s: { slug: string; blockId: string }) => `${s.slug}#${s.blockId}`;
const whole = (d: SynopseDocument, id: string) => ({ slug: d.meta.slug, blockId: id, start: 0, end: d.blocks.find((b) => b.id === id)!.text.length });

describe("suggest: names and dates on a text nobody prepared", () => {
  const de = doc("bericht-de", "de", [...FILLER_DE, "Am 1. April 1948 traf Marschall Sokolowski mit seinem Stab in Dresden ein."]);
  const en = doc("report-en", "en", [
    ...FILLER_EN,
    "Marshal Sokolovsky and his staff arrived in Dresden on 1 April 1948.",
    "Later that spring the talks in Dresden broke down.",
  ]);

  it("proposes the English sentence with the same name and date for the German one, and lists both as reasons", () => {
    const index = buildIndex([de, en]);
    const top = suggest(index, whole(de, "p7"));
    expect(ref(top[0])).toBe("report-en#p7");
    const kinds = top[0].reasons.map((r) => `${r.kind}:${r.source}→${r.target}`);
    expect(kinds).toContain("name:Sokolowski→Sokolovsky");
    expect(kinds).toContain("date:1. April 1948→1 April 1948");
  });

  it("works the other way round, and with the date in Russian", () => {
    const ru = doc("doklad-ru", "ru", [...FILLER_RU, "1 апреля 1948 г. маршал Соколовский прибыл в Дрезден."]);
    const index = buildIndex([de, en, ru]);
    expect(suggest(index, whole(en, "p7")).map(ref)).toContain("bericht-de#p7");
    const fromRu = suggest(index, whole(ru, "p3"));
    expect(fromRu.map(ref).slice(0, 2).sort()).toEqual(["bericht-de#p7", "report-en#p7"]);
    expect(fromRu[0].reasons.some((r) => r.kind === "date" && r.source === "1 апреля 1948")).toBe(true);
  });

  it("meets Chruschtschow, Khrushchev and Хрущёв (and Kuba, Cuba, Кубу) with no list", () => {
    const a = doc("brief-de", "de", [...FILLER_DE, "Chruschtschow schrieb an Kennedy über Kuba."]);
    const b = doc("letter-en", "en", [...FILLER_EN, "Khrushchev wrote to Kennedy about Cuba."]);
    const c = doc("pismo-ru", "ru", [...FILLER_RU, "Хрущёв написал Кеннеди письмо о Кубе."]);
    const index = buildIndex([a, b, c]);
    const top = suggest(index, whole(a, "p7"));
    expect(top.map(ref).slice(0, 2).sort()).toEqual(["letter-en#p7", "pismo-ru#p3"]);
    const toEn = top.find((s) => s.slug === "letter-en")!;
    expect(toEn.reasons.filter((r) => r.kind === "name").map((r) => `${r.source}→${r.target}`)).toEqual(
      expect.arrayContaining(["Chruschtschow→Khrushchev", "Kuba→Cuba"]),
    );
    const toRu = top.find((s) => s.slug === "pismo-ru")!;
    expect(toRu.reasons.some((r) => r.source === "Chruschtschow" && r.target === "Хрущёв")).toBe(true);
  });

  it("marks a shared name as a possible namesake when the years disagree", () => {
    const a = doc("a-de", "de", [...FILLER_DE, "Botschaftssekretär Winogradow traf 1933 in Berlin Journalisten der Opposition."]);
    const b = doc("b-en", "en", [...FILLER_EN, "In 1943 Vinogradov of the legation in Stockholm met a German agent."]);
    const index = buildIndex([a, b]);
    const all = suggest(index, whole(a, "p7"), { limit: 50, minScore: -Infinity });
    const hit = all.find((s) => ref(s) === "b-en#p7")!;
    expect(hit.cautions).toEqual([{ kind: "namesake", source: "Winogradow", target: "Vinogradov" }]);
    // The same name with the same year: no caution.
    const c = doc("c-en", "en", [...FILLER_EN, "In 1933 Vinogradov met journalists of the opposition in Berlin."]);
    const same = suggest(buildIndex([a, c]), whole(a, "p7"));
    expect(ref(same[0])).toBe("c-en#p7");
    expect(same[0].cautions).toBeUndefined();
  });

  it("gives a date reason only when both sides mean the same date, and lists the shared day", () => {
    const a = doc("blog-en", "en", [...FILLER_EN, "In 1941 the front was far away.", "By a note of 12 November Sobolev asked the envoy to wait."]);
    const b = doc("essay-en", "en", [
      ...FILLER_EN,
      "On November 12, 1943 Sobolev told the envoy to wait for an answer.",
      "The year 1941 had ended in a winter of despair for Sobolev.",
    ]);
    const index = buildIndex([a, b]);
    const list = suggest(index, whole(a, "p8"), { limit: 10, minScore: -Infinity });
    const right = list.find((s) => ref(s) === "essay-en#p7")!;
    expect(right.reasons).toContainEqual({ kind: "date", source: "12 November", target: "November 12, 1943" });
    const other = list.find((s) => ref(s) === "essay-en#p8");
    expect(other?.reasons.some((r) => r.kind === "date") ?? false).toBe(false);
    expect(ref(list[0])).toBe("essay-en#p7");
  });

  it("meets a season of a year across languages (Ende 1943 / late 1943) but not a day of that year", () => {
    const a = doc("e-de", "de", [...FILLER_DE, "Ende 1943 verhandelte Pawlow in Ankara über Kredite."]);
    const b = doc("e-en", "en", [...FILLER_EN, "In late 1943 Pavlov negotiated credits in Ankara.", "On 3 March 1943 Pavlov was still in Ankara."]);
    const list = suggest(buildIndex([a, b]), whole(a, "p7"), { limit: 10, minScore: -Infinity });
    expect(list.find((s) => ref(s) === "e-en#p7")!.reasons).toContainEqual({ kind: "date", source: "1943", target: "1943" });
    expect(list.find((s) => ref(s) === "e-en#p8")?.reasons.some((r) => r.kind === "date") ?? false).toBe(false);
  });

  it("cuts the long tail: a passage sharing only a common place is not proposed", () => {
    const a = doc("x-de", "de", [
      ...FILLER_DE,
      "In Berlin unterzeichnete Minister Lemmer am 3. Mai 1950 den Vertrag.",
      "Berlin blieb geteilt.",
      "Berlin war kalt.",
    ]);
    const b = doc("y-en", "en", [...FILLER_EN, "Berlin was cold that winter.", "Minister Lemmer signed the treaty on 3 May 1950."]);
    const top = suggest(buildIndex([a, b]), whole(a, "p7"));
    expect(top.map(ref)).toEqual(["y-en#p8"]);
  });

  it("returns nothing for a passage without evidence", () => {
    const index = buildIndex([de, en]);
    expect(suggest(index, { slug: de.meta.slug, exact: "und das ist so" })).toEqual([]);
  });
});

describe("suggest: words across languages through the lexicon", () => {
  const lexicon = lexiconOf([
    ["de", "Gesandtschaft", "en", "legation"],
    ["de", "Separatfrieden", "en", "separate peace"],
    ["de", "Verhandlungen", "en", "negotiations"],
    ["de", "heimlich", "en", "secret"],
  ]);
  const a = doc("g-de", "de", [...FILLER_DE, "Die Gesandtschaft führte heimlich Verhandlungen über einen Separatfrieden."]);
  const b = doc("g-en", "en", [...FILLER_EN, "The legation conducted secret negotiations about a separate peace."]);

  it("proposes a translation with no shared name or number, with the translated words as reasons", () => {
    const index = buildIndex([a, b], [], [], { lexicon });
    const top = suggest(index, whole(a, "p7"));
    expect(ref(top[0])).toBe("g-en#p7");
    expect(top[0].reasons.filter((r) => r.kind === "translation").map((r) => `${r.source}→${r.target}`)).toEqual(
      expect.arrayContaining(["Gesandtschaft→legation", "Verhandlungen→negotiations"]),
    );
  });

  it("falls back without a dictionary: no translation reasons, no crash, and the index says it has none", () => {
    const index = buildIndex([a, b], [], [], { lexicon: null });
    expect(index.lexicon).toBeNull();
    for (const s of suggest(index, whole(a, "p7"), { limit: 10, minScore: -Infinity })) expect(s.reasons.every((r) => r.kind !== "translation")).toBe(true);
  });

  it("meets an inflected form of a glossary term (Kriegszielen ↔ Kriegsziele ↔ war aims)", () => {
    const glossary: GlossaryEntry[] = [{ id: "war-aims", terms: { de: ["Kriegsziele"], en: ["war aims"], ru: [] } }];
    const c = doc("k-de", "de", [...FILLER_DE, "Über die Kriegszielen der Regierung schwieg die Presse."]);
    const d = doc("k-en", "en", [...FILLER_EN, "The press kept silent about the government's war aims."]);
    const top = suggest(buildIndex([c, d], glossary), whole(c, "p7"));
    expect(top[0].reasons).toContainEqual({ kind: "glossary", source: "Kriegszielen", target: "war aims" });
  });

  // "army" stands in the term "Frontier Army" and again on its own, in both passages: the term is one reason,
  // the lone "army" another, whichever comes first on either side.
  const armyGlossary: GlossaryEntry[] = [{ id: "frontier-army", terms: { de: [], en: ["Frontier Army"], ru: [] } }];
  const armyReasons = (selection: string, target: string) => {
    const c = doc("r-en", "en", [...FILLER_EN, selection]);
    const d = doc("r-en2", "en", [...FILLER_EN.slice(1), target]);
    return suggest(buildIndex([c, d], armyGlossary), whole(c, "p7"), { limit: 1, minScore: -Infinity })[0].reasons;
  };
  const TERM = { kind: "glossary", source: "Frontier Army", target: "Frontier Army" };
  const ARMY = { kind: "word", source: "army", target: "army" };

  it("counts a target's repeated word when its first occurrence there is part of a matched term", () => {
    const reasons = armyReasons(
      "A second army waited while the Frontier Army marched north.",
      "Scouts of the Frontier Army saw that a rebel army had crossed.",
    );
    expect(reasons).toContainEqual(TERM);
    expect(reasons).toContainEqual(ARMY);
  });

  it("counts a selection's repeated word when its first occurrence there is part of a matched term", () => {
    const reasons = armyReasons("The Frontier Army marched north, and a second army waited.", "A rebel army had crossed before the Frontier Army came.");
    expect(reasons).toContainEqual(TERM);
    expect(reasons).toContainEqual(ARMY);
  });

  it("takes the seminar's name list as input: a listed variant that sounds different still meets", () => {
    const names: SeminarName[] = [{ id: "dekanozov", kind: "person", variants: ["Dekanozov", "Dekanov", "Dekanosow"] }];
    const c = doc("n-de", "de", [...FILLER_DE, "Im September war Dekanosow in Stockholm."]);
    const d = doc("n-en", "en", [...FILLER_EN, "Vladimir Dekanov was going to visit Stockholm."]);
    const without = suggest(buildIndex([c, d]), whole(c, "p7"), { limit: 5, minScore: -Infinity }).find((s) => ref(s) === "n-en#p7");
    const withList = suggest(buildIndex([c, d], [], names), whole(c, "p7")).find((s) => ref(s) === "n-en#p7")!;
    expect(withList.reasons).toContainEqual({ kind: "person", source: "Dekanosow", target: "Dekanov" });
    expect(withList.score).toBeGreaterThan(without?.score ?? 0);
  });
});

describe("suggest: what the seminar taught", () => {
  const a = doc("s-de", "de", [...FILLER_DE, "Kollontai empfing in Stockholm einen Abgesandten.", "Der Abgesandte aus Stockholm reiste ab."]);
  const b = doc("s-en", "en", [...FILLER_EN, "In Stockholm Kollontay received an emissary.", "Stockholm was calm that week."]);

  it("weighs a feature the seminar linked before more, and says so", () => {
    const index = buildIndex([a, b]);
    const from = whole(a, "p7");
    const before = suggest(index, from).find((s) => ref(s) === "s-en#p7")!;
    const { features } = evidenceBetween(index, from, { slug: "s-en", blockId: "p7" });
    expect(features.length).toBeGreaterThan(0);
    const learned = new Map(features.map((f) => [f, 1]));
    const after = suggest(index, from, { learned }).find((s) => ref(s) === "s-en#p7")!;
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.reasons.some((r) => r.kind === "seminar")).toBe(true);
    expect(before.reasons.some((r) => r.kind === "seminar")).toBe(false);
  });

  it("weighs a weakened feature less and leaves a dismissed passage out", () => {
    const index = buildIndex([a, b]);
    const from = whole(a, "p7");
    const before = suggest(index, from, { minScore: -Infinity, limit: 20 }).find((s) => ref(s) === "s-en#p7")!;
    const { features } = evidenceBetween(index, from, { slug: "s-en", blockId: "p7" });
    const weaker = suggest(index, from, { minScore: -Infinity, limit: 20, learned: new Map(features.map((f) => [f, -1])) }).find((s) => ref(s) === "s-en#p7")!;
    expect(weaker.score).toBeLessThan(before.score);
    expect(suggest(index, from, { dismissed: [{ slug: "s-en", blockId: "p7" }], limit: 20, minScore: -Infinity }).map(ref)).not.toContain("s-en#p7");
  });
});

describe("correspondences between two documents", () => {
  it("pairs each passage with its counterpart, best first, each block at most once", () => {
    const a = doc("c-de", "de", [...FILLER_DE, "Am 1. April 1948 traf Sokolowski in Dresden ein.", "Am 9. Mai 1948 verließ Tulpanow Leipzig."]);
    const b = doc("c-en", "en", [...FILLER_EN, "Tulpanov left Leipzig on 9 May 1948.", "Sokolovsky arrived in Dresden on 1 April 1948."]);
    const pairs = correspondences(buildIndex([a, b]), "c-de", "c-en");
    const byFrom = new Map(pairs.map((p) => [p.from.blockId, p.to.blockId]));
    expect(byFrom.get("p7")).toBe("p8");
    expect(byFrom.get("p8")).toBe("p7");
    expect(new Set(pairs.map((p) => p.to.blockId)).size).toBe(pairs.length);
    expect(pairs.map((p) => p.score)).toEqual([...pairs.map((p) => p.score)].sort((x, y) => y - x));
    expect(pairs[0].to.reasons.length).toBeGreaterThan(0);
  });
});

describe("an index sent to another thread", () => {
  it("answers as the index it was packed from, names list and glossary included", () => {
    const a = doc("t-de", "de", [
      ...FILLER_DE,
      "Am 1. April 1948 traf Marschall Sokolowski mit dem Stab in Dresden ein.",
      "Chruschtschow schrieb an Kennedy über Kuba.",
    ]);
    const b = doc("t-en", "en", [...FILLER_EN, "Marshal Sokolovsky arrived in Dresden on 1 April 1948.", "Khrushchev wrote to Kennedy about Cuba."]);
    const names: SeminarName[] = [{ id: "sokolovsky", kind: "person", variants: ["Sokolowski", "Sokolovsky"], years: [1948] }];
    const glossary: GlossaryEntry[] = [{ id: "staff", terms: { de: ["Stab"], en: ["staff"], ru: [] } }];
    const index = buildIndex([a, b], glossary, names);
    // Through the structured clone a MessagePort uses (v8 serialize), as the worker receives it.
    const copy = unpackIndex(deserialize(serialize(packIndex(index, names))), null);
    for (const id of ["p7", "p8"]) {
      const passage = whole(a, id);
      expect(suggest(copy, passage, { limit: 10, minScore: -Infinity })).toEqual(suggest(index, passage, { limit: 10, minScore: -Infinity }));
    }
    expect(suggest(copy, whole(a, "p7"))[0].reasons.some((r) => r.kind === "person")).toBe(true);
    expect(correspondences(copy, "t-de", "t-en")).toEqual(correspondences(index, "t-de", "t-en"));
  });
});

describe("the paragraph around the selection", () => {
  it("lends its names as weaker evidence, marked as around, and prefers the passage that shares them", () => {
    const a = doc("ctx-de", "de", [...FILLER_DE, "Landrat Oberhuber kam mit dem Zug. Am 3. Oktober 1962 eröffnete er die Strecke."]);
    const b = doc("ctx-en", "en", [
      ...FILLER_EN,
      "On 3 October 1962 the mayor of another town opened a school.",
      "On 3 October 1962 Oberhuber opened the line.",
    ]);
    const text = a.blocks[6].text;
    const start = text.indexOf("Am 3.");
    const top = suggest(buildIndex([a, b]), { slug: "ctx-de", blockId: "p7", start, end: text.length });
    expect(ref(top[0])).toBe("ctx-en#p8");
    expect(top[0].reasons).toContainEqual({ kind: "name", source: "Oberhuber", target: "Oberhuber", around: true });
    expect(top.find((s) => ref(s) === "ctx-en#p7")?.reasons.some((r) => r.around) ?? false).toBe(false);
  });
});
