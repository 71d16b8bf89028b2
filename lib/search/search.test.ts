/**
 * Search against a real database (temp SQLite file; PostgreSQL with TEST_DATABASE=postgresql through
 * scripts/pg-test.sh) over the real corpus in content/documents: spelling variants, glossary expansion
 * across languages, notes findable at once after a write and gone after deletion, visibility, filters,
 * hostile input, and the API route's JSON.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, setupTestDatabase, type TestDatabase } from "@/lib/annotations/testing/db";
import { isAppError } from "@/lib/errors";
import { setDocumentCatalog } from "@/lib/seminars/catalog";
import type { SearchResponse } from "./search";

type SearchModule = typeof import("./search");
type Store = typeof import("@/lib/annotations/store");
type Seminars = typeof import("@/lib/seminars");

let testDb: TestDatabase;
let s: SearchModule;
let store: Store;
let seminars: Seminars;
let instructor: { id: string }, alice: { id: string }, bob: { id: string }, outsider: { id: string };
let seminarId = "";
let otherSeminarId = "";
// Words that occur nowhere in the corpus, unique per run (PostgreSQL test databases are shared by runs).
const run = randomUUID()
  .replace(/[^a-f]/g, "")
  .slice(0, 6);
const word = (w: string) => `${w}${run}`;

const slugsOf = (r: SearchResponse) => r.groups.map((g) => g.slug);
const allResults = (r: SearchResponse) => r.groups.flatMap((g) => g.results.map((x) => ({ ...x, slug: g.slug })));
const noteIds = (r: SearchResponse) => allResults(r).flatMap((x) => (x.annotationId ? [x.annotationId] : []));

/** A passage in a corpus block: the first occurrence of `exact`. */
async function passageOf(slug: string, exact: string) {
  const { getDocument } = await import("@/lib/content/store");
  const doc = getDocument(slug)!;
  const block = doc.blocks.find((b) => b.text.includes(exact))!;
  const start = block.text.indexOf(exact);
  return { documentSlug: slug, blockId: block.id, blockStart: start, blockEnd: start + exact.length };
}

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(null); // the real corpus
  s = await import("./search");
  store = await import("@/lib/annotations/store");
  seminars = await import("@/lib/seminars");
  const { listDocuments } = await import("@/lib/content/store");
  instructor = await createTestUser("Irene");
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
  outsider = await createTestUser("Olga");
  const created = await seminars.createSeminar(instructor.id, { title: "Separatfrieden", documents: listDocuments().map((d) => d.slug) });
  seminarId = created.id;
  // The seminar reads with the library's glossary, as the demo seminar does (scripts/seed.ts).
  const { seedSeminarGlossary } = await import("@/lib/links/glossary-store");
  const { libraryGlossary } = await import("@/lib/links/library-lists");
  await seedSeminarGlossary(seminarId, libraryGlossary());
  await seminars.joinByInvite(alice.id, created.inviteCode);
  await seminars.joinByInvite(bob.id, created.inviteCode);
  otherSeminarId = (await seminars.createSeminar(outsider.id, { title: "Elsewhere", documents: ["mastny-separate-peace"] })).id;
}, 60_000);

afterAll(async () => {
  await testDb?.close();
});

describe("document text across spelling variants", () => {
  it("finds Mastný when typed without the accent, and highlights the word as written", async () => {
    const r = await s.search(null, { q: "Mastny" });
    const forum = r.groups.find((g) => g.slug === "forum-separatfrieden-1941-43");
    expect(forum).toBeDefined();
    expect(forum!.results.some((x) => x.snippetHtml.includes("<mark>Mastný</mark>"))).toBe(true);
  });

  it("finds Führer when typed as Fuehrer, in German and English documents", async () => {
    const r = await s.search(null, { q: "Fuehrer" });
    expect(slugsOf(r)).toEqual(expect.arrayContaining(["forum-separatfrieden-1941-43", "mastny-separate-peace"]));
    expect(allResults(r).some((x) => /<mark>Führer<\/mark>/i.test(x.snippetHtml))).toBe(true);
  });

  it("finds Außenpolitik when typed as Aussenpolitik", async () => {
    const r = await s.search(null, { q: "Aussenpolitik" });
    expect(slugsOf(r)).toEqual(expect.arrayContaining(["bayerlein-winogradow-treffen"]));
    expect(allResults(r).some((x) => x.snippetHtml.includes("<mark>Außenpolitik</mark>"))).toBe(true);
  });

  it("finds Molotov (English essay) when the German spelling Molotow or the Cyrillic is typed", async () => {
    for (const q of ["Molotow", "Молотов"]) {
      const r = await s.search(null, { q });
      expect(slugsOf(r), q).toContain("mastny-separate-peace");
      expect(
        allResults(r).some((x) => x.snippetHtml.includes("<mark>Molotov</mark>")),
        q,
      ).toBe(true);
    }
  });

  it("stems German and English: an inflected query finds other forms", async () => {
    const r = await s.search(null, { q: "negotiating" });
    expect(allResults(r).some((x) => /<mark>negotiations?<\/mark>/i.test(x.snippetHtml))).toBe(true);
    const de = await s.search(null, { q: "Verhandlung" });
    expect(allResults(de).some((x) => /<mark>Verhandlungen<\/mark>/.test(x.snippetHtml))).toBe(true);
  });

  it("returns W3C selectors that point at the highlighted passage in the document's text", async () => {
    const { getDocument } = await import("@/lib/content/store");
    const { documentText } = await import("@/lib/content/text");
    const r = await s.search(null, { q: "Kleist" });
    const hit = allResults(r).find((x) => x.slug === "mastny-separate-peace")!;
    const text = documentText(getDocument("mastny-separate-peace")!).text;
    const { start, end } = hit.selectors.TextPositionSelector;
    expect(text.slice(start, end)).toBe("Kleist");
    expect(hit.selectors.TextQuoteSelector.exact).toBe("Kleist");
    expect(text.slice(start - hit.selectors.TextQuoteSelector.prefix.length, start)).toBe(hit.selectors.TextQuoteSelector.prefix);
    const block = getDocument("mastny-separate-peace")!.blocks.find((b) => b.id === hit.blockId)!;
    expect(block.text.slice(hit.blockStart, hit.blockEnd)).toBe("Kleist");
  });

  it("a quoted phrase needs the words together", async () => {
    const loose = await s.search(null, { q: "peace Stockholm", kinds: ["text"] });
    const phrase = await s.search(null, { q: '"peace Stockholm"', kinds: ["text"] });
    expect(loose.total).toBeGreaterThan(0);
    expect(phrase.total).toBeLessThan(loose.total);
  });
});

describe("glossary expansion across languages", () => {
  it('"separate peace" also finds Separatfrieden in the German forum, and says so', async () => {
    const r = await s.search(alice.id, { q: "separate peace" });
    expect(r.expansions.map((e) => e.term)).toContain("Separatfrieden");
    expect(slugsOf(r)).toEqual(expect.arrayContaining(["mastny-separate-peace", "forum-separatfrieden-1941-43"]));
    const forum = r.groups.find((g) => g.slug === "forum-separatfrieden-1941-43")!;
    expect(forum.lang).toBe("de");
    expect(forum.results.some((x) => x.snippetHtml.includes("<mark>Separatfrieden</mark>"))).toBe(true);
  });

  it("a removed expansion is reported as removed and no longer matched", async () => {
    const r = await s.search(alice.id, { q: "separate peace", no: ["Separatfrieden"] });
    expect(r.expansions.find((e) => e.term === "Separatfrieden")?.removed).toBe(true);
    expect(allResults(r).some((x) => x.snippetHtml.includes("<mark>Separatfrieden</mark>"))).toBe(false);
    expect(slugsOf(r)).toContain("mastny-separate-peace");
  });

  it("expands a visitor's query, who belongs to no seminar, with the library's glossary (the data file)", async () => {
    const r = await s.search(null, { q: "separate peace" });
    expect(r.expansions.map((e) => e.term)).toContain("Separatfrieden");
  });

  it("uses the seminar's own glossary entries", async () => {
    const { db } = await import("@/lib/db/client");
    await db().glossaryEntry.create({ data: { seminarId, terms: JSON.stringify({ de: [word("Fachwort")], en: ["Kleist"], ru: [] }) } });
    const r = await s.search(alice.id, { q: word("Fachwort") });
    expect(r.expansions.map((e) => e.term)).toContain("Kleist");
    expect(slugsOf(r)).toContain("mastny-separate-peace");
    // Someone outside the seminar does not get its glossary.
    expect((await s.search(outsider.id, { q: word("Fachwort") })).total).toBe(0);
  });
});

describe("notes follow every write at once", () => {
  it("a note is found right after creation, by its text and its tag, and is gone after deletion", async () => {
    const target = await passageOf("mastny-separate-peace", "Peter Kleist");
    const note = await store.createAnnotation(alice.id, seminarId, {
      motivation: "commenting",
      target,
      body: `<p>Kleists ${word("Zeugnis")} ist fragwürdig</p>`,
      tags: ["Quellenkritik"],
    });
    const found = await s.search(bob.id, { q: word("Zeugnis") });
    expect(noteIds(found)).toEqual([note.id]);
    const hit = allResults(found)[0];
    expect(hit.kind).toBe("note");
    expect(hit.slug).toBe("mastny-separate-peace");
    expect(hit.blockId).toBe(target.blockId);
    expect(hit.selectors.TextQuoteSelector.exact).toBe("Peter Kleist");
    expect(hit.author?.name).toBe("Alice");

    const updated = await store.updateAnnotation(alice.id, note.id, { revision: note.revision, body: `<p>${word("Neufassung")}</p>` });
    expect(noteIds(await s.search(bob.id, { q: word("Zeugnis") }))).toEqual([]);
    expect(noteIds(await s.search(bob.id, { q: word("Neufassung") }))).toEqual([note.id]);

    await store.deleteAnnotation(alice.id, note.id, updated.revision);
    expect(noteIds(await s.search(bob.id, { q: word("Neufassung") }))).toEqual([]);
  });

  it("a name in a note is found by its German, English and Cyrillic spellings", async () => {
    const target = await passageOf("mastny-separate-peace", "Peter Kleist");
    const note = await store.createAnnotation(alice.id, seminarId, {
      motivation: "commenting",
      target,
      body: `<p>Chruschtschow und Winogradow ${word("Brief")}</p>`,
    });
    for (const q of ["Khrushchev", "Хрущёв", "Chruschtschow", "Vinogradov", "Виноградов"]) {
      expect(noteIds(await s.search(bob.id, { q })), q).toContain(note.id);
    }
    await store.deleteAnnotation(alice.id, note.id, note.revision);
  });

  it("notes indexed by an older analysis get the current name keys before the next search", async () => {
    const { db } = await import("@/lib/db/client");
    const { resetCorpusIndexMemo } = await import("./indexer");
    const target = await passageOf("mastny-separate-peace", "Peter Kleist");
    const note = await store.createAnnotation(alice.id, seminarId, { motivation: "commenting", target, body: `<p>Jelzin ${word("Notiz")}</p>` });
    // What the entry held before: name keys that Yeltsin does not meet.
    await db().searchEntry.updateMany({ where: { annotationId: note.id }, data: { nk: "0 0" } });
    await db().searchIndexState.upsert({
      where: { key: "notes-analyzer" },
      create: { key: "notes-analyzer", value: "analyze-v1" },
      update: { value: "analyze-v1" },
    });
    resetCorpusIndexMemo();
    expect(noteIds(await s.search(bob.id, { q: "Yeltsin" }))).toContain(note.id);
    await store.deleteAnnotation(alice.id, note.id, note.revision);
  });

  it("replies are found at their thread's passage; link notes in both linked documents", async () => {
    const a = await passageOf("mastny-separate-peace", "Stockholm");
    const b = await passageOf("forum-separatfrieden-1941-43", "Separatfrieden");
    const root = await store.createAnnotation(alice.id, seminarId, { motivation: "commenting", target: a, body: "<p>Wo genau?</p>" });
    const reply = await store.createAnnotation(instructor.id, seminarId, { parentId: root.id, body: `<p>Siehe ${word("Antwortwort")}</p>` });
    const r = await s.search(bob.id, { q: word("Antwortwort") });
    expect(noteIds(r)).toEqual([reply.id]);
    expect(allResults(r)[0].blockId).toBe(a.blockId);

    const link = await store.createAnnotation(bob.id, seminarId, {
      motivation: "linking",
      target: a,
      bodyTarget: b,
      relation: "same-event",
      body: `<p>${word("Verknuepfung")}</p>`,
    });
    const lr = await s.search(alice.id, { q: word("Verknuepfung") });
    expect(allResults(lr).every((x) => x.kind === "link" && x.annotationId === link.id)).toBe(true);
    expect(slugsOf(lr).sort()).toEqual(["forum-separatfrieden-1941-43", "mastny-separate-peace"]);
    // kind filter: only notes → the link note is not among them
    expect((await s.search(alice.id, { q: word("Verknuepfung"), kinds: ["note"] })).total).toBe(0);
  });
});

describe("visibility", () => {
  it("nobody finds a note they may not read", async () => {
    const target = await passageOf("mastny-separate-peace", "Stockholm");
    const priv = await store.createAnnotation(alice.id, seminarId, {
      motivation: "commenting",
      visibility: "private",
      target,
      body: `<p>${word("Geheimnotiz")}</p>`,
    });
    expect(noteIds(await s.search(alice.id, { q: word("Geheimnotiz") }))).toEqual([priv.id]);
    expect(noteIds(await s.search(bob.id, { q: word("Geheimnotiz") }))).toEqual([]);
    expect(noteIds(await s.search(instructor.id, { q: word("Geheimnotiz") }))).toEqual([]);
    expect(noteIds(await s.search(null, { q: word("Geheimnotiz") }))).toEqual([]);

    const forInstructors = await store.createAnnotation(alice.id, seminarId, {
      motivation: "commenting",
      visibility: "instructors",
      target,
      body: `<p>${word("Dozentennotiz")}</p>`,
    });
    expect(noteIds(await s.search(instructor.id, { q: word("Dozentennotiz") }))).toEqual([forInstructors.id]);
    expect(noteIds(await s.search(bob.id, { q: word("Dozentennotiz") }))).toEqual([]);

    const hidden = await store.createAnnotation(bob.id, seminarId, { motivation: "commenting", target, body: `<p>${word("Verborgen")}</p>` });
    await store.setHidden(instructor.id, hidden.id, true);
    expect(noteIds(await s.search(alice.id, { q: word("Verborgen") }))).toEqual([]);
    expect(noteIds(await s.search(bob.id, { q: word("Verborgen") }))).toEqual([hidden.id]);
  });

  it("post first: a student finds classmates' notes on a document only after writing their own there", async () => {
    const { db } = await import("@/lib/db/client");
    const created = await seminars.createSeminar(instructor.id, { title: "Post first", documents: ["mastny-separate-peace"] });
    await seminars.joinByInvite(alice.id, created.inviteCode);
    await seminars.joinByInvite(bob.id, created.inviteCode);
    await db().seminar.update({ where: { id: created.id }, data: { postFirst: 1 } });
    const target = await passageOf("mastny-separate-peace", "Stockholm");
    const classmates = await store.createAnnotation(alice.id, created.id, { motivation: "commenting", target, body: `<p>${word("Vorabnotiz")}</p>` });
    expect(noteIds(await s.search(bob.id, { q: word("Vorabnotiz") }))).toEqual([]);
    expect(noteIds(await s.search(instructor.id, { q: word("Vorabnotiz") }))).toEqual([classmates.id]);
    await store.createAnnotation(bob.id, created.id, { motivation: "commenting", target, body: "<p>Meine eigene Notiz</p>" });
    expect(noteIds(await s.search(bob.id, { q: word("Vorabnotiz") }))).toEqual([classmates.id]);
  });

  it("another seminar's notes are not found, and its id is not-found", async () => {
    const target = await passageOf("mastny-separate-peace", "Stockholm");
    const other = await store.createAnnotation(outsider.id, otherSeminarId, { motivation: "commenting", target, body: `<p>${word("Fremdnotiz")}</p>` });
    expect(noteIds(await s.search(outsider.id, { q: word("Fremdnotiz") }))).toEqual([other.id]);
    expect(noteIds(await s.search(alice.id, { q: word("Fremdnotiz") }))).toEqual([]);
    await expect(s.search(alice.id, { q: "Stalin", seminar: otherSeminarId })).rejects.toSatisfy((e) => isAppError(e) && e.code === "not-found");
  });
});

describe("texts uploaded in a seminar", () => {
  it("are found by the seminar's members only", async () => {
    const { testDocument } = await import("@/lib/annotations/testing/db");
    const { corpusCatalog } = await import("@/lib/seminars/catalog");
    const { indexDocumentText } = await import("./indexer");
    const { db } = await import("@/lib/db/client");
    const uploaded = testDocument(`upload-${run}`, [`Ein hochgeladener Bericht über ${word("Hochgeladen")} und Molotow.`], "de");
    // Uploaded texts are found by slug, not listed (as lib/content/store serves them).
    setDocumentCatalog({ list: corpusCatalog.list, get: async (slug) => (slug === uploaded.meta.slug ? uploaded : corpusCatalog.get(slug)) });
    try {
      await db().$transaction((tx) => indexDocumentText(tx, uploaded, seminarId));
      const member = await s.search(bob.id, { q: word("Hochgeladen") });
      expect(slugsOf(member)).toEqual([uploaded.meta.slug]);
      expect(member.groups[0].lang).toBe("de");
      expect((await s.search(outsider.id, { q: word("Hochgeladen") })).total).toBe(0);
      expect((await s.search(null, { q: word("Hochgeladen") })).total).toBe(0);
    } finally {
      setDocumentCatalog(null);
    }
  });
});

describe("filters", () => {
  it("document, language, kind, tag, member and date narrow the results", async () => {
    const target = await passageOf("mastny-separate-peace", "Stockholm");
    const tagged = await store.createAnnotation(bob.id, seminarId, {
      motivation: "commenting",
      target,
      body: `<p>${word("Filterwort")} Stalin</p>`,
      tags: ["Diplomatie"],
    });
    await store.createAnnotation(alice.id, seminarId, { motivation: "commenting", target, body: `<p>${word("Filterwort")} anders</p>` });

    const docOnly = await s.search(alice.id, { q: "Stalin", doc: "kowalski-stalin-hitler-1942" });
    expect(slugsOf(docOnly)).toEqual(["kowalski-stalin-hitler-1942"]);
    const german = await s.search(alice.id, { q: "Stalin", lang: "de", kinds: ["text"] });
    expect(german.groups.length).toBeGreaterThan(0);
    expect(german.groups.every((g) => g.lang === "de")).toBe(true);
    const textOnly = await s.search(alice.id, { q: word("Filterwort"), kinds: ["text"] });
    expect(textOnly.total).toBe(0);

    expect(noteIds(await s.search(alice.id, { q: word("Filterwort"), tag: "Diplomatie" }))).toEqual([tagged.id]);
    expect(noteIds(await s.search(alice.id, { q: word("Filterwort"), member: bob.id }))).toEqual([tagged.id]);
    const today = new Date().toISOString().slice(0, 10);
    expect(noteIds(await s.search(alice.id, { q: word("Filterwort"), from: today })).length).toBe(2);
    expect(noteIds(await s.search(alice.id, { q: word("Filterwort"), to: "2000-01-01" }))).toEqual([]);
    // An annotation filter leaves document text out.
    expect(allResults(await s.search(alice.id, { q: "Stalin", member: bob.id })).every((x) => x.kind !== "text")).toBe(true);
  });
});

describe("anything typed is safe", () => {
  const nasty = [
    "",
    "   ",
    '"',
    '""',
    "*",
    "**",
    "(",
    ")",
    "((Stalin",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(Stalin Hitler)",
    "Stalin AND",
    "OR Stalin",
    "Stalin OR",
    "NOT Stalin",
    "-Stalin",
    "Stalin NOT Hitler",
    "Stalin -Hitler",
    '"separate peace',
    "Stal*",
    "*talin",
    "w : stalin",
    "{w de} : x",
    '\'; DROP TABLE "SearchEntry"; --',
    "stalin' OR '1'='1",
    "a:*A & !b",
    "<script>alert(1)</script>",
    "Ж€😀",
    "x".repeat(5000),
    "Stalin ".repeat(2000),
    '" OR ( ) * NEAR NOT AND "'.repeat(100),
  ];
  it.each(nasty.map((q) => [q.length > 40 ? `${q.slice(0, 40)}… (${q.length} chars)` : q, q]))("%s", async (_label, q) => {
    const r = await s.search(alice.id, { q });
    expect(Array.isArray(r.groups)).toBe(true);
    if (r.empty) expect(r.groups).toEqual([]);
  });

  it("operators work as people expect", async () => {
    const stalin = (await s.search(null, { q: "Stalin", kinds: ["text"], limit: 500 })).total;
    const notHitler = (await s.search(null, { q: "Stalin -Hitler", kinds: ["text"], limit: 500 })).total;
    expect(notHitler).toBeGreaterThan(0);
    expect(notHitler).toBeLessThan(stalin);
    const either = await s.search(null, { q: "Winogradow OR Kleist", kinds: ["text"] });
    expect(slugsOf(either)).toEqual(expect.arrayContaining(["bayerlein-winogradow-treffen", "mastny-separate-peace"]));
    const prefix = await s.search(null, { q: "Ribbentr*", kinds: ["text"] });
    expect(allResults(prefix).some((x) => x.snippetHtml.includes("<mark>Ribbentrop</mark>"))).toBe(true);
  });

  it("snippets escape HTML from notes", async () => {
    const target = await passageOf("mastny-separate-peace", "Stockholm");
    await store.createAnnotation(alice.id, seminarId, { motivation: "commenting", target, body: `${word("Skript")} &lt;img src=x onerror=alert(1)&gt;` });
    const r = await s.search(alice.id, { q: word("Skript") });
    expect(r.total).toBe(1);
    expect(allResults(r)[0].snippetHtml).not.toMatch(/<img/);
  });
});

describe("GET /api/search", () => {
  it("answers JSON with groups, selectors, snippets and kinds; anonymous callers get text only", async () => {
    const route = await import("@/app/api/search/route");
    const res = await route.GET(new Request(`http://localhost:3000/api/search?q=${encodeURIComponent("separate peace")}&kind=text,note`));
    expect(res.status).toBe(200);
    const body = (await res.json()) as SearchResponse;
    expect(body.query).toBe("separate peace");
    expect(body.expansions.length).toBeGreaterThan(0);
    const first = body.groups[0];
    expect(first).toMatchObject({ slug: expect.any(String), title: expect.any(String), lang: expect.any(String) });
    expect(first.results[0]).toMatchObject({
      kind: "text",
      blockId: expect.any(String),
      selectors: { TextQuoteSelector: { type: "TextQuoteSelector" }, TextPositionSelector: { type: "TextPositionSelector" } },
      snippetHtml: expect.stringContaining("<mark>"),
    });
    expect(body.groups.flatMap((g) => g.results).every((x) => x.kind === "text")).toBe(true);

    const empty = await route.GET(new Request("http://localhost:3000/api/search?q=%22%28%2A"));
    expect(empty.status).toBe(200);
    expect(await empty.json()).toMatchObject({ empty: true, groups: [] });

    const foreign = await route.GET(new Request(`http://localhost:3000/api/search?q=Stalin&seminar=${otherSeminarId}`));
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual({ code: "not-found" });

    const badToken = await route.GET(new Request("http://localhost:3000/api/search?q=Stalin", { headers: { authorization: "Bearer syn_not-a-token" } }));
    expect(badToken.status).toBe(401);
  });
});
