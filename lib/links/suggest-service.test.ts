/**
 * Link suggestions as a seminar member meets them, with worker threads on: every question to the seminar's
 * index — suggestions, the correspondences between two open texts, learning from a new link and from a
 * dismissal — is answered off the request thread (no index is ever built in this thread), and bad requests
 * get the app's errors. The texts are new (uploaded here): names and dates the project has never seen.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, setupTestDatabase, type TestDatabase } from "@/lib/annotations/testing/db";
import { setDocumentCatalog } from "@/lib/seminars/catalog";

let testDb: TestDatabase;
let member: { id: string };
let seminarId = "";
let deSlug = "",
  enSlug = "";
const run = randomUUID()
  .replace(/[^a-f]/g, "")
  .slice(0, 6);
const LIBRARY_NOT_IN_SEMINAR = "forum-separatfrieden-1941-43";

const page = (lang: string, title: string, body: string) =>
  Buffer.from(`---\ntitle: ${title}\nlang: ${lang}\nkind: article\nsource: Gemeindearchiv\n---\n\n${body}\n`);
const DE = [
  "Die Gemeinde lag abseits der großen Straßen.",
  "Am 3. Oktober 1962 eröffnete Landrat Quirin Oberhuber in Weilheim die neue Bahnstrecke.",
  "Im Winter 1965 brannte die Mühle von Pähl nieder, und die Feuerwehr kam zu spät.",
  "Die Schule erhielt 1970 einen Neubau mit zwölf Klassenzimmern.",
  // A long paragraph: more than a selection may hold.
  Array.from({ length: 80 }, (_, i) => `Eintrag ${i + 1} der Chronik nennt Wetter, Ernte und Preise des Jahres.`).join(" "),
];
const EN = [
  "The village lay away from the main roads.",
  "On 3 October 1962 district administrator Quirin Oberhuber opened the new railway line in Weilheim.",
  "In the winter of 1965 the mill at Pähl burned down, and the fire brigade came too late.",
  "In 1970 the school got a new building with twelve classrooms.",
];

beforeAll(async () => {
  process.env.SYNOPSE_WORKERS = "on";
  testDb = await setupTestDatabase();
  setDocumentCatalog(null);
  const seminars = await import("@/lib/seminars");
  const up = await import("@/lib/teaching/upload");
  const teacher = await createTestUser("Teacher");
  member = await createTestUser("Member");
  const s = await seminars.createSeminar(teacher.id, { title: "Off the request thread", documents: [] });
  seminarId = s.id;
  await seminars.joinByInvite(member.id, s.inviteCode);
  const de = await up.previewUpload(teacher.id, seminarId, "ort-de.md", page("de", "Ortschronik", DE.join("\n\n")), { slug: `ort-de-${run}` });
  deSlug = (await up.publishUpload(teacher.id, seminarId, de.token)).slug;
  const en = await up.previewUpload(teacher.id, seminarId, "ort-en.md", page("en", "Village chronicle", EN.join("\n\n")), { slug: `ort-en-${run}` });
  enSlug = (await up.publishUpload(teacher.id, seminarId, en.token)).slug;
}, 60_000);

afterAll(async () => {
  const { stopWorkers } = await import("@/lib/workers/pool");
  const { stopSuggestWorker } = await import("@/lib/links/suggest-host");
  await stopWorkers();
  await stopSuggestWorker();
  await testDb?.close();
});

const service = () => import("./suggest-service");
const builtHere = async () => (await import("./seminar-index")).indexesBuiltInProcess();
const blockOf = async (slug: string, text: string) => {
  const { getDocumentAsync } = await import("@/lib/content/store");
  const doc = (await getDocumentAsync(slug))!;
  const block = doc.blocks.find((b) => b.text === text)!;
  return { documentSlug: slug, blockId: block.id, blockStart: 0, blockEnd: block.text.length };
};
const ask = async (document: string, exact: string) =>
  (await service()).suggestForMember(member.id, { seminar: seminarId, document, selector: { type: "TextQuoteSelector", exact } });

describe("suggestions in a seminar, with worker threads", () => {
  it("propose the English sentence with the same new name and date for the German one, built in the workers", async () => {
    const answer = await ask(deSlug, DE[1]);
    const top = answer.candidates[0];
    expect(top.document.slug).toBe(enSlug);
    expect(top.selector[0].exact).toContain("Quirin Oberhuber");
    expect(top.reasons.map((r) => r.kind)).toEqual(expect.arrayContaining(["date", "name"]));
    expect(top.linked).toBe(false);
    const pool = await import("@/lib/workers/pool");
    expect(pool.lastRunIn).toBe("worker");
    expect(await builtHere()).toBe(0);
  });

  it("pair the two open texts passage by passage, ranked, without building an index on the request thread", async () => {
    const answer = await (await service()).correspondencesForMember(member.id, { seminar: seminarId, from: deSlug, to: enSlug });
    const pairs = new Map(answer.pairs.map((p) => [p.from.selector[0].exact, p.to.selector[0].exact]));
    expect(pairs.get(DE[1])).toBe(EN[1]);
    expect(pairs.get(DE[2])).toBe(EN[2]);
    expect(answer.pairs.map((p) => p.score)).toEqual([...answer.pairs.map((p) => p.score)].sort((a, b) => b - a));
    expect(answer.pairs.every((p) => p.to.reasons.length > 0 && !p.to.linked)).toBe(true);
    expect(await builtHere()).toBe(0);
  });

  it("learn from a member's link: the linked passage is shown as linked, and what it shared counts more", async () => {
    const store = await import("@/lib/annotations/store");
    const { db } = await import("@/lib/db/client");
    const from = await blockOf(deSlug, DE[2]);
    const to = await blockOf(enSlug, EN[2]);
    const before = (await ask(deSlug, DE[2])).candidates.find((c) => c.blockId === to.blockId)!;
    await store.createAnnotation(member.id, seminarId, {
      motivation: "linking",
      target: from,
      bodyTarget: to,
      relation: "same-event",
      body: "the fire at the mill",
    });
    const after = (await ask(deSlug, DE[2])).candidates.find((c) => c.blockId === to.blockId)!;
    expect(after.linked).toBe(true);
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.reasons.some((r) => r.kind === "seminar")).toBe(true);
    expect(await db().suggestionWeight.count({ where: { seminarId, weight: { gt: 0 } } })).toBeGreaterThan(0);
    // The correspondences show the pair as linked too.
    const pairs = (await (await service()).correspondencesForMember(member.id, { seminar: seminarId, from: deSlug, to: enSlug })).pairs;
    expect(pairs.find((p) => p.from.blockId === from.blockId)?.to.linked).toBe(true);
    expect(await builtHere()).toBe(0);
  });

  it("learn from a dismissal: not proposed again to that member, and what led to it counts less", async () => {
    const { db } = await import("@/lib/db/client");
    const from = await blockOf(deSlug, DE[3]);
    const to = await blockOf(enSlug, EN[3]);
    expect((await ask(deSlug, DE[3])).candidates.map((c) => c.blockId)).toContain(to.blockId);
    await (
      await service()
    ).dismissSuggestion(member.id, { seminar: seminarId, from: { document: deSlug, blockId: from.blockId }, to: { document: enSlug, blockId: to.blockId } });
    expect((await ask(deSlug, DE[3])).candidates.map((c) => c.blockId)).not.toContain(to.blockId);
    expect(await db().suggestionWeight.count({ where: { seminarId, weight: { lt: 0 } } })).toBeGreaterThan(0);
    expect(await builtHere()).toBe(0);
  });
});

describe("without worker threads (SYNOPSE_WORKERS=off)", () => {
  it("the same answers come from an index built in this thread", async () => {
    process.env.SYNOPSE_WORKERS = "off";
    try {
      const built = await builtHere();
      const answer = await (await service()).correspondencesForMember(member.id, { seminar: seminarId, from: deSlug, to: enSlug });
      expect(new Map(answer.pairs.map((p) => [p.from.selector[0].exact, p.to.selector[0].exact])).get(DE[1])).toBe(EN[1]);
      expect((await ask(deSlug, DE[1])).candidates[0].document.slug).toBe(enSlug);
      expect(await builtHere()).toBe(built + 1);
    } finally {
      process.env.SYNOPSE_WORKERS = "on";
    }
  });
});

describe("bad requests get the app's errors", () => {
  const code = async (p: Promise<unknown>) =>
    p.then(
      () => "ok",
      (e: { code?: string }) => e.code ?? String(e),
    );
  it("an empty selection, an overlong one, a text not in the seminar, a text that does not exist", async () => {
    const s = await service();
    const { blockId } = await blockOf(deSlug, DE[1]);
    expect(await code(s.suggestForMember(member.id, { seminar: seminarId, document: deSlug, blockId, start: 5, end: 5 }))).toBe("invalid-request");
    const long = await blockOf(deSlug, DE[4]);
    expect(long.blockEnd).toBeGreaterThan(4000);
    expect(await code(s.suggestForMember(member.id, { seminar: seminarId, document: deSlug, blockId: long.blockId, start: 0, end: long.blockEnd }))).toBe(
      "selection-too-long",
    );
    expect(
      await code(s.suggestForMember(member.id, { seminar: seminarId, document: deSlug, selector: { type: "TextPositionSelector", start: 0, end: 50_000 } })),
    ).toBe("invalid-target");
    expect(
      await code(s.suggestForMember(member.id, { seminar: seminarId, document: deSlug, selector: { type: "TextQuoteSelector", exact: "x".repeat(4001) } })),
    ).toBe("invalid-request");
    expect(
      await code(
        s.suggestForMember(member.id, { seminar: seminarId, document: LIBRARY_NOT_IN_SEMINAR, selector: { type: "TextQuoteSelector", exact: "Stockholm" } }),
      ),
    ).toBe("document-not-in-seminar");
    expect(
      await code(s.suggestForMember(member.id, { seminar: seminarId, document: `no-such-${run}`, selector: { type: "TextQuoteSelector", exact: "Weilheim" } })),
    ).toBe("unknown-document");
    expect(await code(s.correspondencesForMember(member.id, { seminar: seminarId, from: deSlug, to: LIBRARY_NOT_IN_SEMINAR }))).toBe("document-not-in-seminar");
  });
});
