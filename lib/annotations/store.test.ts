/**
 * Integration tests of the annotation store against a real database (temp SQLite file; PostgreSQL
 * with TEST_DATABASE=postgresql via scripts/pg-test.sh): who sees and may change what, sanitizing,
 * conflicts, resumable events.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError, type ErrorCode } from "@/lib/errors";
import { setDocumentCatalog, staticCatalog } from "@/lib/seminars/catalog";
import { createTestUser, setupTestDatabase, testDocument, type TestDatabase } from "./testing/db";
import type { AnnotationDto } from "./types";

type Store = typeof import("./store");
type Lists = typeof import("./list");
type Seminars = typeof import("@/lib/seminars");
type Stream = typeof import("@/lib/live/stream");

const essay = testDocument("essay-en", ["The separate peace was never signed.", "Stalin probed Berlin twice in 1943.", "   "], "en");
const aufsatz = testDocument("aufsatz-de", ["Der Separatfrieden wurde nie geschlossen.", "Stalin sondierte zweimal."], "de");
const outside = testDocument("outside", ["Not part of the seminar."], "en");

let testDb: TestDatabase;
let store: Store;
let lists: Lists;
let seminars: Seminars;
let stream: Stream;
let instructor: { id: string }, coInstructor: { id: string }, alice: { id: string }, bob: { id: string }, outsider: { id: string };
let seminarId: string, otherSeminarId: string;

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | "ok"> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

const passage = (blockStart = 4, blockEnd = 17, blockId = "p1", documentSlug = "essay-en") => ({ documentSlug, blockId, blockStart, blockEnd });

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(staticCatalog([essay, aufsatz, outside]));
  store = await import("./store");
  lists = await import("./list");
  seminars = await import("@/lib/seminars");
  stream = await import("@/lib/live/stream");
  instructor = await createTestUser("Instructor");
  coInstructor = await createTestUser("Co-instructor");
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
  outsider = await createTestUser("Outsider");
  const s = await seminars.createSeminar(instructor.id, { title: "Separatfrieden", documents: ["essay-en", "aufsatz-de"] });
  seminarId = s.id;
  await seminars.joinByInvite(alice.id, s.inviteCode);
  await seminars.joinByInvite(bob.id, s.inviteCode);
  await seminars.joinByInvite(coInstructor.id, s.inviteCode);
  await seminars.setMemberRole(instructor.id, seminarId, coInstructor.id, "instructor");
  const other = await seminars.createSeminar(outsider.id, { title: "Another seminar", documents: ["essay-en"] });
  otherSeminarId = other.id;
});

afterAll(async () => {
  await testDb?.close();
});

describe("visibility × role × action", () => {
  const notes: Record<string, AnnotationDto> = {};

  beforeAll(async () => {
    for (const visibility of ["private", "seminar", "instructors", "feedback"] as const) {
      notes[visibility] = await store.createAnnotation(alice.id, seminarId, {
        motivation: "commenting",
        visibility,
        // Feedback: a private conversation between Alice and her instructor.
        recipientId: visibility === "feedback" ? instructor.id : undefined,
        target: passage(),
        body: `<p>${visibility} note</p>`,
      });
    }
  });

  // Who (besides the author, Alice) may read each visibility.
  const expected: Record<string, { instructor: boolean; coInstructor: boolean; bob: boolean }> = {
    private: { instructor: false, coInstructor: false, bob: false },
    seminar: { instructor: true, coInstructor: true, bob: true },
    instructors: { instructor: true, coInstructor: true, bob: false },
    feedback: { instructor: true, coInstructor: false, bob: false },
  };

  for (const [visibility, who] of Object.entries(expected)) {
    it(`${visibility}: get, list and live events agree on who sees it`, async () => {
      const id = notes[visibility].id;
      const viewers = {
        alice: [alice.id, true],
        instructor: [instructor.id, who.instructor],
        coInstructor: [coInstructor.id, who.coInstructor],
        bob: [bob.id, who.bob],
        outsider: [outsider.id, false],
      } as const;
      for (const [name, [userId, sees]] of Object.entries(viewers)) {
        expect(await codeOf(store.getAnnotation(userId, id)), `${name} get`).toBe(sees ? "ok" : "not-found");
        if (name !== "outsider") {
          const listed = (await lists.listAnnotations(userId, seminarId, { document: "essay-en" })).map((a) => a.id);
          expect(listed.includes(id), `${name} list`).toBe(sees);
          const role = (await seminars.roleIn(userId, seminarId))!;
          const { events } = await stream.eventsAfter({ userId, role }, seminarId, 0, 10_000);
          expect(
            events.some((e) => e.type === "annotation.created" && (e.data as AnnotationDto).id === id),
            `${name} events`,
          ).toBe(sees);
        }
      }
    });
  }

  it("only the author edits or deletes; others get forbidden (or not-found when they cannot see it)", async () => {
    const note = notes.seminar;
    expect(await codeOf(store.updateAnnotation(bob.id, note.id, { revision: note.revision, body: "<p>hijacked</p>" }))).toBe("forbidden");
    expect(await codeOf(store.updateAnnotation(instructor.id, note.id, { revision: note.revision, body: "<p>hijacked</p>" }))).toBe("forbidden");
    expect(await codeOf(store.deleteAnnotation(bob.id, note.id))).toBe("forbidden");
    expect(await codeOf(store.updateAnnotation(bob.id, notes.private.id, { revision: 1, body: "x" }))).toBe("not-found");
    expect(await codeOf(store.deleteAnnotation(coInstructor.id, notes.feedback.id))).toBe("not-found");
    expect(await codeOf(store.deleteAnnotation(instructor.id, notes.feedback.id))).toBe("forbidden");
    const edited = await store.updateAnnotation(alice.id, note.id, { revision: note.revision, body: "<p>seminar note, edited</p>" });
    expect(edited.bodyText).toBe("seminar note, edited");
    expect(edited.revision).toBe(note.revision + 1);
    notes.seminar = edited;
  });

  it("instructors hide any note: students no longer see it, the author and instructors do; students cannot hide", async () => {
    const note = notes.seminar;
    expect(await codeOf(store.setHidden(bob.id, note.id, true))).toBe("forbidden");
    expect(await codeOf(store.setHidden(alice.id, note.id, true))).toBe("forbidden");
    const hidden = await store.setHidden(instructor.id, note.id, true);
    expect(hidden.hidden).toBe(true);
    expect(await codeOf(store.getAnnotation(bob.id, note.id))).toBe("not-found");
    expect((await store.getAnnotation(alice.id, note.id)).hidden).toBe(true);
    expect((await lists.listAnnotations(bob.id, seminarId)).some((a) => a.id === note.id)).toBe(false);
    // Bob is told to drop it from his panes.
    const { events } = await stream.eventsAfter({ userId: bob.id, role: "student" }, seminarId, 0, 10_000);
    expect(events.some((e) => e.type === "annotation.removed" && (e.data as { id: string }).id === note.id)).toBe(true);
    await store.setHidden(instructor.id, note.id, false);
    expect(await codeOf(store.getAnnotation(bob.id, note.id))).toBe("ok");
  });

  it("forged requests across seminars and into other students' private notes fail", async () => {
    // The outsider (instructor of another seminar) cannot read, list, write or moderate in this one.
    expect(await codeOf(lists.listAnnotations(outsider.id, seminarId))).toBe("not-found");
    expect(await codeOf(store.createAnnotation(outsider.id, seminarId, { target: passage(), body: "x" }))).toBe("not-found");
    expect(await codeOf(store.setHidden(outsider.id, notes.seminar.id, true))).toBe("not-found");
    expect(await codeOf(store.updateAnnotation(outsider.id, notes.seminar.id, { revision: notes.seminar.revision, body: "x" }))).toBe("not-found");
    // Alice cannot post into a seminar she is not in, nor reply to a note of it.
    expect(await codeOf(store.createAnnotation(alice.id, otherSeminarId, { target: passage(), body: "x" }))).toBe("not-found");
    const foreign = await store.createAnnotation(outsider.id, otherSeminarId, { target: passage(), body: "<p>elsewhere</p>" });
    expect(await codeOf(store.createAnnotation(alice.id, seminarId, { parentId: foreign.id, body: "reply across seminars" }))).toBe("invalid-parent");
    // Bob cannot reply to (and thereby probe) Alice's private note.
    expect(await codeOf(store.createAnnotation(bob.id, seminarId, { parentId: notes.private.id, body: "peek" }))).toBe("invalid-parent");
    // Feedback to someone outside the seminar is refused.
    expect(await codeOf(store.createAnnotation(alice.id, seminarId, { visibility: "feedback", recipientId: outsider.id, target: passage(), body: "x" }))).toBe(
      "invalid-recipient",
    );
    // A document that exists, but not in this seminar.
    expect(await codeOf(store.createAnnotation(alice.id, seminarId, { target: passage(0, 3, "p1", "outside"), body: "x" }))).toBe("unknown-document");
    expect(await codeOf(lists.listAnnotations(alice.id, seminarId, { document: "no-such-doc" }))).toBe("unknown-document");
  });
});

describe("replies", () => {
  it("thread under their root and inherit its audience", async () => {
    const root = await store.createAnnotation(alice.id, seminarId, {
      visibility: "instructors",
      target: passage(),
      body: "<p>Question for the instructor</p>",
    });
    const answer = await store.createAnnotation(instructor.id, seminarId, { parentId: root.id, body: "<p>Answer</p>" });
    const followUp = await store.createAnnotation(alice.id, seminarId, { parentId: answer.id, body: "<p>Thanks</p>" });
    expect(answer.motivation).toBe("replying");
    expect(answer.rootId).toBe(root.id);
    expect(followUp.parentId).toBe(answer.id);
    expect(followUp.rootId).toBe(root.id);
    expect((await store.getAnnotation(alice.id, answer.id)).id).toBe(answer.id);
    expect(await codeOf(store.getAnnotation(bob.id, answer.id))).toBe("not-found");
    const aliceView = (await lists.listAnnotations(alice.id, seminarId, { document: "essay-en" })).map((a) => a.id);
    expect(aliceView).toEqual(expect.arrayContaining([root.id, answer.id, followUp.id]));
    const bobView = (await lists.listAnnotations(bob.id, seminarId, { document: "essay-en" })).map((a) => a.id);
    expect(bobView).not.toContain(answer.id);
  });

  it("of a hidden thread disappear for students", async () => {
    const root = await store.createAnnotation(alice.id, seminarId, { target: passage(), body: "<p>Off-topic</p>" });
    const reply = await store.createAnnotation(bob.id, seminarId, { parentId: root.id, body: "<p>Indeed</p>" });
    await store.setHidden(instructor.id, root.id, true);
    expect(await codeOf(store.getAnnotation(bob.id, reply.id))).toBe("not-found");
    expect((await lists.listAnnotations(bob.id, seminarId)).some((a) => a.id === reply.id)).toBe(false);
    expect((await lists.listAnnotations(instructor.id, seminarId)).some((a) => a.id === reply.id)).toBe(true);
  });
});

describe("targets and bodies", () => {
  it("computes selectors on the server from block offsets", async () => {
    const note = await store.createAnnotation(alice.id, seminarId, { target: { ...passage(4, 18), exact: "separate peace" }, body: "<p>x</p>" });
    const t = note.targets[0];
    expect(t.exact).toBe("separate peace");
    // 32 characters of context, across the block separator.
    expect(t).toMatchObject({
      documentSlug: "essay-en",
      documentVersion: essay.version,
      lang: "en",
      blockId: "p1",
      start: 4,
      end: 18,
      prefix: "The ",
      suffix: " was never signed.\n\nStalin probe",
    });
  });

  it("rejects empty and whitespace-only selections, unknown blocks and quotes of another version", async () => {
    expect(await codeOf(store.createAnnotation(alice.id, seminarId, { target: passage(5, 5), body: "x" }))).toBe("empty-selection");
    expect(await codeOf(store.createAnnotation(alice.id, seminarId, { target: passage(0, 3, "p3"), body: "x" }))).toBe("empty-selection");
    expect(await codeOf(store.createAnnotation(alice.id, seminarId, { target: passage(0, 3, "p99"), body: "x" }))).toBe("unknown-block");
    expect(await codeOf(store.createAnnotation(alice.id, seminarId, { target: { ...passage(4, 17), exact: "separate pieces" }, body: "x" }))).toBe(
      "quote-mismatch",
    );
    expect(await codeOf(store.createAnnotation(alice.id, seminarId, { target: passage(), body: "" }))).toBe("empty-note");
    expect(await codeOf(store.createAnnotation(alice.id, seminarId, { motivation: "highlighting", target: passage() }))).toBe("ok");
  });

  it("links two passages in different languages", async () => {
    const link = await store.createAnnotation(alice.id, seminarId, {
      motivation: "linking",
      relation: "paraphrase",
      target: passage(4, 18),
      bodyTarget: { documentSlug: "aufsatz-de", blockId: "p1", blockStart: 4, blockEnd: 18 },
    });
    expect(link.targets.map((t) => [t.role, t.lang, t.exact])).toEqual([
      ["target", "en", "separate peace"],
      ["body", "de", "Separatfrieden"],
    ]);
    expect(link.relation).toBe("paraphrase");
    const fromGerman = await lists.listAnnotations(bob.id, seminarId, { document: "aufsatz-de" });
    expect(fromGerman.map((a) => a.id)).toContain(link.id);
  });

  it("lists several open documents in one read: each document's threads, once each, nothing from elsewhere", async () => {
    const german = await store.createAnnotation(bob.id, seminarId, { target: passage(4, 18, "p1", "aufsatz-de"), body: "Nur hier" });
    const reply = await store.createAnnotation(alice.id, seminarId, { parentId: german.id, body: "Ja" });
    const ids = async (options: { document?: string; documents?: string[] }) => (await lists.listAnnotations(alice.id, seminarId, options)).map((a) => a.id);
    const english = await ids({ document: "essay-en" });
    const deutsch = await ids({ document: "aufsatz-de" });
    const both = await ids({ documents: ["essay-en", "aufsatz-de"] });
    // The same threads as asking per document; a link between the two comes once.
    expect(new Set(both)).toEqual(new Set([...english, ...deutsch]));
    expect(both.length).toBe(new Set(both).size);
    expect(both).toEqual(expect.arrayContaining([german.id, reply.id]));
    expect(await ids({ documents: ["essay-en"] })).toEqual(english);
    // No documents asked: nothing (not everything); a text outside the seminar is refused, as for one document.
    expect(await ids({ documents: [] })).toEqual([]);
    expect(await codeOf(lists.listAnnotations(alice.id, seminarId, { documents: ["essay-en", "outside"] }))).toBe("unknown-document");
  });

  it("sanitizes XSS payloads on save, from HTML and from Tiptap JSON", async () => {
    const html = await store.createAnnotation(alice.id, seminarId, {
      target: passage(),
      body: `<p onclick="steal()">Hi <script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">click</a> <a href="https://example.org" target="_self">ok</a></p><iframe src="https://evil"></iframe><b>bold</b>`,
    });
    expect(html.bodyHtml).not.toMatch(/script|onerror|onclick|javascript:|iframe|<img/i);
    expect(html.bodyHtml).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow ugc" target="_blank">ok</a>');
    expect(html.bodyHtml).toContain("<strong>bold</strong>");
    const json = await store.createAnnotation(alice.id, seminarId, {
      target: passage(),
      body: {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              { type: "text", text: "<script>x</script>", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
              { type: "text", text: " safe", marks: [{ type: "bold" }] },
            ],
          },
        ],
      },
    });
    expect(json.bodyHtml).not.toMatch(/<script|javascript:/i);
    expect(json.bodyHtml).toContain("&lt;script&gt;");
    expect(json.bodyHtml).toContain("<strong> safe</strong>");
  });

  it("refuses over-long notes with a translated code", async () => {
    expect(await codeOf(store.createAnnotation(alice.id, seminarId, { target: passage(), body: `<p>${"a".repeat(10_001)}</p>` }))).toBe("note-too-long");
  });

  it("keeps seminar vocabulary casing for tags and dedupes free words", async () => {
    await seminars.setTagVocabulary(instructor.id, seminarId, [{ name: "Propaganda", color: "#aa3300" }]);
    const note = await store.createAnnotation(alice.id, seminarId, {
      target: passage(),
      body: "x",
      tags: ["propaganda", " source  criticism ", "Source criticism"],
    });
    expect(note.tags).toEqual(["Propaganda", "source criticism"]);
  });
});

describe("optimistic concurrency", () => {
  it("a stale revision is a conflict that returns the current version (nothing lost)", async () => {
    const note = await store.createAnnotation(alice.id, seminarId, { target: passage(), body: "<p>first</p>" });
    const saved = await store.updateAnnotation(alice.id, note.id, { revision: 1, body: "<p>from tab one</p>" });
    try {
      await store.updateAnnotation(alice.id, note.id, { revision: 1, body: "<p>from tab two</p>" });
      expect.fail("expected a conflict");
    } catch (e) {
      expect(isAppError(e) && e.code).toBe("conflict");
      const current = (e as { details: { current: AnnotationDto } }).details.current;
      expect(current.revision).toBe(saved.revision);
      expect(current.bodyText).toBe("from tab one");
    }
  });

  it("of two simultaneous saves with the same revision exactly one wins", async () => {
    const note = await store.createAnnotation(alice.id, seminarId, { target: passage(), body: "<p>base</p>" });
    const results = await Promise.all(
      ["A", "B"].map((x) => codeOf(store.updateAnnotation(alice.id, note.id, { revision: note.revision, body: `<p>${x}</p>` }))),
    );
    expect(results.sort()).toEqual(["conflict", "ok"]);
    expect((await store.getAnnotation(alice.id, note.id)).revision).toBe(2);
  });
});

describe("live events", () => {
  it("are stored in order and resumable from any id", async () => {
    const student = { userId: bob.id, role: "student" as const };
    const start = await stream.latestEventId(seminarId);
    const a = await store.createAnnotation(alice.id, seminarId, { target: passage(), body: "<p>one</p>" });
    const b = await store.createAnnotation(alice.id, seminarId, { target: passage(), body: "<p>two</p>" });
    await store.updateAnnotation(alice.id, a.id, { revision: 1, body: "<p>one, edited</p>" });
    await store.deleteAnnotation(alice.id, b.id);
    const all = await stream.eventsAfter(student, seminarId, start);
    // Each event shows the note as it is now: `a` already edited, `b` (deleted since) only as its deletion.
    expect(all.events.map((e) => e.type)).toEqual(["annotation.created", "annotation.updated", "annotation.deleted"]);
    expect(all.events.slice(0, 2).map((e) => (e.data as AnnotationDto).bodyText)).toEqual(["one, edited", "one, edited"]);
    expect(all.events[2].data).toEqual({ id: b.id, seminarId });
    const ids = all.events.map((e) => e.id);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    const resumed = await stream.eventsAfter(student, seminarId, ids[0]);
    expect(resumed.events.map((e) => e.id)).toEqual(ids.slice(1));
    expect((await stream.eventsAfter(student, otherSeminarId, start)).events.every((e) => (e.data as { seminarId: string }).seminarId === otherSeminarId)).toBe(
      true,
    );
  });

  it("the SSE stream replays after Last-Event-ID, then delivers new events as they happen", async () => {
    const before = await stream.latestEventId(seminarId);
    const missed = await store.createAnnotation(alice.id, seminarId, { target: passage(), body: "<p>missed while offline</p>" });
    const abort = new AbortController();
    const body = stream.seminarEventStream({ viewer: { userId: bob.id, role: "student" }, seminarId, after: before, signal: abort.signal });
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (needle: string) => {
      const deadline = Date.now() + 5000;
      while (!text.includes(needle) && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    };
    await readUntil(missed.id);
    expect(text).toMatch(new RegExp(`id: \\d+\\nevent: annotation.created\\ndata: .*${missed.id}`));
    const privateNote = await store.createAnnotation(alice.id, seminarId, { visibility: "private", target: passage(), body: "<p>secret</p>" });
    const live = await store.createAnnotation(alice.id, seminarId, { target: passage(), body: "<p>live</p>" });
    await readUntil(live.id);
    expect(text).toContain(live.id);
    expect(text).not.toContain(privateNote.id);
    abort.abort();
    await reader.cancel().catch(() => {});
  });
});

describe("saves arriving together (written as one transaction)", () => {
  it("each is stored whole and exactly as returned, with its own event, search entry and notification", async () => {
    const { db } = await import("@/lib/db/client");
    const { search } = await import("@/lib/search/search");
    const digestOf = async (userId: string) =>
      (await db().notification.findMany({ where: { userId, seminarId, documentSlug: "essay-en", type: "activity", readAt: null } })).reduce(
        (n, r) => n + r.count,
        0,
      );
    const before = await stream.latestEventId(seminarId);
    const [instructorBefore, aliceBefore] = [await digestOf(instructor.id), await digestOf(alice.id)];
    const authors = Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? alice : bob));
    const saved = await Promise.all(
      authors.map((u, i) =>
        store.createAnnotation(u.id, seminarId, {
          target: passage(i % 10, (i % 10) + 8),
          body: `<p>zusammengespeichert ${i}</p>`,
          tags: i % 4 === 0 ? ["Quelle"] : undefined,
        }),
      ),
    );
    expect(new Set(saved.map((a) => a.id)).size).toBe(24);
    saved.forEach((a, i) =>
      expect(a).toMatchObject({ author: { id: authors[i].id }, bodyText: `zusammengespeichert ${i}`, tags: i % 4 === 0 ? ["Quelle"] : [] }),
    );
    for (const a of saved) expect(await store.getAnnotation(instructor.id, a.id)).toEqual(a);

    const events = (await stream.eventsAfter({ userId: instructor.id, role: "instructor" }, seminarId, before)).events;
    expect(events.map((e) => (e.data as AnnotationDto).id).sort()).toEqual(saved.map((a) => a.id).sort());
    expect(events.map((e) => e.type)).toEqual(saved.map(() => "annotation.created"));

    const found = await search(instructor.id, { q: "zusammengespeichert", seminar: seminarId });
    const hits = new Set(found.groups.flatMap((g) => g.results.map((r) => (r as { annotationId?: string }).annotationId)));
    for (const a of saved) expect(hits.has(a.id)).toBe(true);

    // As if saved one by one: the instructor is told of all 24, Alice of Bob's 16.
    expect((await digestOf(instructor.id)) - instructorBefore).toBe(24);
    expect((await digestOf(alice.id)) - aliceBefore).toBe(16);
  });

  it("one that the database refuses fails alone; the others are saved", async () => {
    const { db } = await import("@/lib/db/client");
    // A trigger stands in for anything that fails one save at write time (a constraint, a vanished row).
    if (testDb.provider === "postgresql") {
      await db().$executeRawUnsafe(
        `CREATE OR REPLACE FUNCTION synopse_test_poison() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'poisoned note'; END $$ LANGUAGE plpgsql`,
      );
      await db().$executeRawUnsafe(
        `CREATE TRIGGER synopse_test_poison BEFORE INSERT ON "Annotation" FOR EACH ROW WHEN (NEW."bodyText" = 'poison') EXECUTE FUNCTION synopse_test_poison()`,
      );
    } else {
      await db().$executeRawUnsafe(
        `CREATE TRIGGER synopse_test_poison BEFORE INSERT ON "Annotation" WHEN NEW."bodyText" = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned note'); END`,
      );
    }
    try {
      const bodies = ["<p>before</p>", "<p>neighbour one</p>", "<p>poison</p>", "<p>neighbour two</p>"];
      const results = await Promise.allSettled(bodies.map((body) => store.createAnnotation(alice.id, seminarId, { target: passage(), body })));
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
      for (const r of results) if (r.status === "fulfilled") expect(await store.getAnnotation(alice.id, r.value.id)).toEqual(r.value);
      expect(await db().annotation.count({ where: { bodyText: "poison" } })).toBe(0);
    } finally {
      await db().$executeRawUnsafe(testDb.provider === "postgresql" ? `DROP TRIGGER synopse_test_poison ON "Annotation"` : `DROP TRIGGER synopse_test_poison`);
    }
  });
});

describe("announcing writes (./events)", () => {
  it("a save with no subscribers registered fails loudly and stores nothing; registered again, it saves", async () => {
    const { db } = await import("@/lib/db/client");
    const { annotationEvents } = await import("./events");
    const { installSubscribers } = await import("@/lib/startup");
    annotationEvents.clear();
    try {
      await expect(store.createAnnotation(alice.id, seminarId, { target: passage(), body: "<p>unannounced</p>" })).rejects.toThrow(/no subscriber/);
      expect(await db().annotation.count({ where: { bodyText: "unannounced" } })).toBe(0);
    } finally {
      installSubscribers();
    }
    const saved = await store.createAnnotation(alice.id, seminarId, { target: passage(), body: "<p>unannounced</p>" });
    expect(await db().event.count({ where: { annotationId: saved.id } })).toBe(1);
    expect(await db().searchEntry.count({ where: { annotationId: saved.id } })).toBeGreaterThan(0);
  });
});
