/**
 * Every text of a seminar takes part: texts uploaded into a seminar get link suggestions in both directions
 * (to each other and to the seminar's library texts, and back), and its members — only they — find them in
 * search. The texts are new: a German and an English page on an event, a name and a date the project has
 * never seen (no name list, no glossary entry for them). Indexing runs in the worker thread after publishing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, setupTestDatabase, type TestDatabase } from "@/lib/annotations/testing/db";
import { setDocumentCatalog } from "@/lib/seminars/catalog";

let testDb: TestDatabase;
let member: { id: string }, outsider: { id: string };
let seminarId = "";
let deSlug = "",
  enSlug = "";
const run = randomUUID()
  .replace(/[^a-f]/g, "")
  .slice(0, 6);
const LIBRARY = "forum-separatfrieden-1941-43";

const page = (lang: string, title: string, body: string) =>
  Buffer.from(`---\ntitle: ${title}\nlang: ${lang}\nkind: article\nsource: Stadtarchiv\n---\n\n${body}\n`);
const DE_SENTENCE = "Am 14. März 1957 traf Bürgermeister Wenzel Hrdlicka in Brünn ein, um über den Staudamm zu verhandeln.";
const EN_SENTENCE = "On 14 March 1957 mayor Václav Hrdlička arrived in Brno to negotiate over the dam.";

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(null);
  const seminars = await import("@/lib/seminars");
  const up = await import("./upload");
  const teacher = await createTestUser("Teacher");
  member = await createTestUser("Member");
  outsider = await createTestUser("Outsider");
  const s = await seminars.createSeminar(teacher.id, { title: "Uploads take part", documents: [LIBRARY] });
  seminarId = s.id;
  await seminars.joinByInvite(member.id, s.inviteCode);
  const other = await seminars.createSeminar(outsider.id, { title: "Elsewhere", documents: [LIBRARY] });
  expect(other.id).not.toBe(seminarId);

  const de = await up.previewUpload(
    teacher.id,
    seminarId,
    "brno-de.md",
    page(
      "de",
      "Der Staudamm von Brünn",
      `Vorgeschichte des Projekts.\n\n${DE_SENTENCE} Die Gespräche dauerten drei Tage.\n\nAm 16. Juni 1943 hatte eine schwedische Zeitung über Gespräche bei Stockholm berichtet; das gehört nicht hierher.`,
    ),
    { slug: `brno-de-${run}` },
  );
  deSlug = (await up.publishUpload(teacher.id, seminarId, de.token)).slug;
  const en = await up.previewUpload(
    teacher.id,
    seminarId,
    "brno-en.md",
    page(
      "en",
      "The Brno dam",
      `Background of the project.\n\n${EN_SENTENCE} The talks lasted three days.\n\nOn June 16, 1943 a Swedish newspaper reported talks near Stockholm, a story told elsewhere.`,
    ),
    { slug: `brno-en-${run}` },
  );
  enSlug = (await up.publishUpload(teacher.id, seminarId, en.token)).slug;
}, 60_000);

afterAll(async () => {
  const { stopWorkers } = await import("@/lib/workers/pool");
  await stopWorkers();
  await testDb?.close();
});

async function suggestFor(userId: string, document: string, exact: string) {
  const { suggestForMember } = await import("@/lib/links/suggest-service");
  return suggestForMember(userId, { seminar: seminarId, document, selector: { type: "TextQuoteSelector", exact } });
}

describe("texts uploaded into a seminar", () => {
  it("get suggestions in both directions between a German and an English upload", async () => {
    const fromDe = await suggestFor(member.id, deSlug, DE_SENTENCE);
    expect(fromDe.candidates.map((c) => c.document.slug)).toContain(enSlug);
    const toEn = fromDe.candidates.find((c) => c.document.slug === enSlug)!;
    expect(toEn.selector[0].exact).toContain("14 March 1957");
    expect(toEn.reasons.some((r) => r.kind === "date")).toBe(true);

    const fromEn = await suggestFor(member.id, enSlug, EN_SENTENCE);
    expect(fromEn.candidates.map((c) => c.document.slug)).toContain(deSlug);
  });

  it("meet the seminar's library texts, and library texts meet them", async () => {
    const fromUpload = await suggestFor(member.id, enSlug, "On June 16, 1943 a Swedish newspaper reported talks near Stockholm");
    expect(fromUpload.candidates.map((c) => c.document.slug)).toContain(LIBRARY);
    const fromLibrary = await suggestFor(member.id, LIBRARY, "Am 16. Juni 1943 berichtete die schwedische Zeitung");
    expect(fromLibrary.candidates.map((c) => c.document.slug)).toEqual(expect.arrayContaining([enSlug]));
  });

  it("are found in search by the seminar's members, and by nobody else", async () => {
    const { search } = await import("@/lib/search");
    const found = await search(member.id, { q: "Hrdlicka" });
    expect(found.groups.map((g) => g.slug).sort()).toEqual([deSlug, enSlug].sort());
    expect((await search(member.id, { q: "Staudamm" })).groups.map((g) => g.slug)).toEqual([deSlug]);
    expect((await search(outsider.id, { q: "Hrdlicka" })).total).toBe(0);
    expect((await search(null, { q: "Hrdlicka" })).total).toBe(0);
  });

  it("are indexed off the request thread", async () => {
    const pool = await import("@/lib/workers/pool");
    expect(pool.lastRunIn).toBe("worker");
  });
});
