/**
 * Integration tests of the teaching features against a real database (temp SQLite): the overview's numbers,
 * private feedback (a third member never sees it, not even through forged requests), post-first gating on
 * the server, notifications, and upload preview/publish atomicity.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, setupTestDatabase, testDocument, type TestDatabase } from "@/lib/annotations/testing/db";
import { isAppError, type ErrorCode } from "@/lib/errors";
import { setDocumentCatalog, staticCatalog, corpusCatalog, type DocumentCatalog } from "@/lib/seminars/catalog";
import { SAMPLE_TEI } from "@/lib/content/testing/tei-sample";

type Store = typeof import("@/lib/annotations/store");
type Lists = typeof import("@/lib/annotations/list");
type Seminars = typeof import("@/lib/seminars");

const essay = testDocument(
  "essay-en",
  ["The separate peace was never signed. Why not?", "Stalin probed Berlin twice in 1943.", "A third paragraph closes the essay."],
  "en",
);
const aufsatz = testDocument("aufsatz-de", ["Der Separatfrieden wurde nie geschlossen.", "Stalin sondierte zweimal."], "de");

let testDb: TestDatabase;
let store: Store;
let lists: Lists;
let seminars: Seminars;
let teacher: { id: string; name: string },
  alice: { id: string; name: string },
  bob: { id: string; name: string },
  carol: { id: string; name: string },
  coTeacher: { id: string; name: string };
let seminarId: string;

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | "ok"> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}
const at = (blockId: string, blockStart: number, blockEnd: number, documentSlug = "essay-en") => ({ documentSlug, blockId, blockStart, blockEnd });
const note = (userId: string, text: string, target = at("p1", 4, 17), extra: Record<string, unknown> = {}) =>
  store.createAnnotation(userId, seminarId, { target, body: text, ...extra });

beforeAll(async () => {
  testDb = await setupTestDatabase();
  const uploads: DocumentCatalog = {
    list: async () => [essay.meta, aufsatz.meta],
    get: async (slug) => (await staticCatalog([essay, aufsatz]).get(slug)) ?? (await corpusCatalog.get(slug)),
  };
  setDocumentCatalog(uploads);
  store = await import("@/lib/annotations/store");
  lists = await import("@/lib/annotations/list");
  seminars = await import("@/lib/seminars");
  teacher = await createTestUser("Teacher Tom");
  coTeacher = await createTestUser("Co Teacher");
  alice = await createTestUser("Alice Adler");
  bob = await createTestUser("Bob");
  carol = await createTestUser("Carol");
  const s = await seminars.createSeminar(teacher.id, { title: "Teaching", documents: ["essay-en", "aufsatz-de"] });
  seminarId = s.id;
  for (const u of [alice, bob, carol, coTeacher]) await seminars.joinByInvite(u.id, s.inviteCode);
  await seminars.setMemberRole(teacher.id, seminarId, coTeacher.id, "instructor");
});

afterAll(async () => {
  setDocumentCatalog(null);
  await testDb?.close();
});

describe("private feedback", () => {
  let thread: { id: string };
  it("is only between an instructor and one student; everyone else never sees it", async () => {
    thread = await note(teacher.id, "Private: your reading of this passage is too quick.", at("p2", 0, 6), { visibility: "feedback", recipientId: alice.id });
    const reply = await store.createAnnotation(alice.id, seminarId, { parentId: thread.id, body: "Thanks, I will look again." });
    expect(reply.visibility).toBe("feedback");
    expect(reply.recipientId).toBe(teacher.id);
    const ids = async (userId: string) => (await lists.listAnnotations(userId, seminarId)).map((a) => a.id);
    expect(await ids(alice.id)).toEqual(expect.arrayContaining([thread.id, reply.id]));
    expect(await ids(teacher.id)).toEqual(expect.arrayContaining([thread.id, reply.id]));
    for (const third of [bob, coTeacher]) {
      expect(await ids(third.id)).not.toContain(thread.id);
      expect(await ids(third.id)).not.toContain(reply.id);
      // forged requests: read by id, reply into the thread, edit
      expect(await codeOf(store.getAnnotation(third.id, thread.id))).toBe("not-found");
      expect(await codeOf(store.getAnnotation(third.id, reply.id))).toBe("not-found");
      expect(await codeOf(store.createAnnotation(third.id, seminarId, { parentId: thread.id, body: "let me in" }))).toBe("invalid-parent");
      expect(await codeOf(store.updateAnnotation(third.id, thread.id, { revision: 1, body: "x" }))).toBe("not-found");
    }
  });

  it("refuses feedback between two students or two instructors", async () => {
    expect(await codeOf(note(bob.id, "psst", at("p1", 0, 3), { visibility: "feedback", recipientId: carol.id }))).toBe("invalid-recipient");
    expect(await codeOf(note(teacher.id, "psst", at("p1", 0, 3), { visibility: "feedback", recipientId: coTeacher.id }))).toBe("invalid-recipient");
    expect(await codeOf(note(bob.id, "Question to you, Tom", at("p1", 0, 3), { visibility: "feedback", recipientId: teacher.id }))).toBe("ok");
  });

  it("is left out of another instructor's overview", async () => {
    const { seminarOverview } = await import("./overview");
    const o = await seminarOverview(coTeacher.id, seminarId);
    const aliceRow = o.members.find((m) => m.userId === alice.id)!;
    expect(aliceRow.totals.replies).toBe(0);
    const mine = await seminarOverview(teacher.id, seminarId);
    expect(mine.members.find((m) => m.userId === alice.id)!.totals.replies).toBe(1);
  });
});

describe("overview", () => {
  it("counts notes, replies, links and words per member and week; heat and open questions follow the discussion", async () => {
    const { seminarOverview, overviewCsv } = await import("./overview");
    const q = await note(carol.id, "Why was it never signed?", at("p1", 0, 20));
    const q2 = await note(carol.id, "Is 1943 the right year", at("p2", 21, 35), { tags: ["question"] });
    await note(carol.id, "A plain remark, no question.", at("p1", 4, 12));
    await store.createAnnotation(bob.id, seminarId, { parentId: q2.id, body: "Yes: see the second probe" });
    await store.createAnnotation(carol.id, seminarId, { parentId: q.id, body: "Answering myself does not count" });
    await store.createAnnotation(carol.id, seminarId, {
      motivation: "linking",
      target: at("p2", 0, 6),
      bodyTarget: at("p2", 0, 6, "aufsatz-de"),
      relation: "paraphrase",
      body: "same sentence",
    });
    const hidden = await note(carol.id, "private thought? no one sees this", at("p1", 0, 3), { visibility: "private" });

    const o = await seminarOverview(teacher.id, seminarId);
    const c = o.members.find((m) => m.userId === carol.id)!;
    expect(c.totals).toEqual({ notes: 3, replies: 1, links: 1, words: 5 + 5 + 5 + 5 + 2 });
    expect(c.byWeek[c.byWeek.length - 1]).toEqual(c.totals);
    expect(o.weeks[o.weeks.length - 1]).toBe(new Date(Date.now() - ((new Date().getUTCDay() + 6) % 7) * 864e5).toISOString().slice(0, 10));
    expect(o.members.find((m) => m.userId === bob.id)!.totals.replies).toBe(1);

    const open = o.openQuestions.map((x) => x.id);
    expect(open).toContain(q.id); // only answered by its author
    expect(open).not.toContain(q2.id); // answered by Bob
    expect(open).not.toContain(hidden.id); // private: never in an instructor's overview

    const heat = o.documents.find((d) => d.slug === "essay-en")!;
    expect(heat.segments).toHaveLength(40);
    // the first paragraph holds the discussion: its segments are hotter than the last paragraph's
    expect(heat.segments[0]).toBeGreaterThan(heat.segments[39]);
    expect(heat.passages[0].blockId).toBe("p1");
    expect(heat.passages[0].annotations + heat.passages[0].replies).toBeGreaterThanOrEqual(3);

    const csv = overviewCsv(o);
    expect(csv.split("\r\n")[0]).toBe("member,role,week,notes,replies,links,words");
    expect(csv).toContain(`Carol,student,total,3,1,1,22`);
  });

  it("gives the reader one heat strip per open text of the seminar, the same as asking text by text", async () => {
    const { documentHeat } = await import("./overview");
    const { readerTeaching } = await import("./reader");
    await note(bob.id, "Seen from the German side", at("p1", 4, 18, "aufsatz-de"));
    const seminar = { id: seminarId, documents: ["essay-en", "aufsatz-de"] };
    const teaching = await readerTeaching(bob.id, seminar, ["essay-en", "aufsatz-de", "essay-en", "not-in-seminar"]);
    expect([...teaching.keys()]).toEqual(["essay-en", "aufsatz-de"]);
    for (const slug of ["essay-en", "aufsatz-de"]) {
      const heat = teaching.get(slug)!.heat!;
      expect(heat.total).toBeGreaterThan(0);
      expect(heat).toEqual(await documentHeat(bob.id, seminarId, slug));
    }
    // Membership is checked here too, whatever seminar the caller hands in.
    const outsider = await createTestUser("Outsider Olga");
    expect(await codeOf(readerTeaching(outsider.id, seminar, ["essay-en"]))).toBe("not-found");
  });

  it("keeps one heat strip per member and text: a new note replaces the kept one instead of adding another", async () => {
    const { documentHeat, keptAggregates } = await import("./overview");
    const before = (await documentHeat(carol.id, seminarId, "essay-en"))!.total;
    const entries = keptAggregates().entries;
    for (let i = 0; i < 5; i++) {
      await note(carol.id, `Heat note ${i}`, at("p2", 0, 6));
      expect((await documentHeat(carol.id, seminarId, "essay-en"))!.total).toBe(before + i + 1);
    }
    expect(keptAggregates().entries).toBe(entries);
    expect(keptAggregates().bytes).toBeGreaterThan(0);
  });

  it("is for instructors only", async () => {
    const { seminarOverview } = await import("./overview");
    expect(await codeOf(seminarOverview(alice.id, seminarId))).toBe("forbidden");
  });
});

describe("post first", () => {
  it("hides classmates' notes on a document from a student until they wrote enough there (list, single read, stream)", async () => {
    const { setPostFirst, postFirstStatus, postFirstStatuses } = await import("./post-first");
    const stream = await import("@/lib/live/stream");
    const before = await stream.latestEventId(seminarId);
    const classmate = await note(bob.id, "Bob's reading of the German text", at("p1", 0, 10, "aufsatz-de"));
    const teacherNote = await note(teacher.id, "Instructor's guidance", at("p2", 0, 6, "aufsatz-de"));
    await setPostFirst(teacher.id, seminarId, { seminar: 0, documents: { "aufsatz-de": 2 } });

    const visible = async (userId: string) => (await lists.listAnnotations(userId, seminarId, { document: "aufsatz-de" })).map((a) => a.id);
    const locked = (await postFirstStatus(carol.id, seminarId, "aufsatz-de"))!;
    expect(locked).toMatchObject({ required: 2, written: 0, remaining: 2 });
    // What waits for her: classmates' notes (Bob's among them), not the instructor's (never held back).
    expect(locked.waiting).toBeGreaterThanOrEqual(1);
    await note(teacher.id, "More guidance", at("p2", 0, 6, "aufsatz-de"));
    expect((await postFirstStatus(carol.id, seminarId, "aufsatz-de"))!.waiting).toBe(locked.waiting);
    await note(bob.id, "Bob reads on", at("p1", 0, 6, "aufsatz-de"));
    const waiting = locked.waiting + 1;
    expect((await postFirstStatus(carol.id, seminarId, "aufsatz-de"))!.waiting).toBe(waiting);
    expect(await visible(carol.id)).not.toContain(classmate.id);
    expect(await visible(carol.id)).toContain(teacherNote.id);
    expect(await codeOf(store.getAnnotation(carol.id, classmate.id))).toBe("not-found");
    // nor answered through a forged parent id
    expect(await codeOf(store.createAnnotation(carol.id, seminarId, { parentId: classmate.id, body: "I have not read it yet." }))).toBe("invalid-parent");
    const events = await stream.eventsAfter({ userId: carol.id, role: "student" }, seminarId, before);
    expect(events.events.map((e) => (e.data as { id: string }).id)).not.toContain(classmate.id);
    // other documents are not gated; instructors always see everything
    expect(await visible(teacher.id)).toContain(classmate.id);

    await note(carol.id, "My first note", at("p1", 0, 5, "aufsatz-de"));
    expect(await postFirstStatus(carol.id, seminarId, "aufsatz-de")).toMatchObject({ remaining: 1, waiting });
    expect(await visible(carol.id)).not.toContain(classmate.id);
    await note(carol.id, "My second note", at("p2", 0, 5, "aufsatz-de"));
    expect(await postFirstStatus(carol.id, seminarId, "aufsatz-de")).toMatchObject({ remaining: 0, waiting: 0 });
    expect(await visible(carol.id)).toContain(classmate.id);
    expect(await codeOf(store.getAnnotation(carol.id, classmate.id))).toBe("ok");
    expect(await codeOf(store.createAnnotation(carol.id, seminarId, { parentId: classmate.id, body: "Now I can answer." }))).toBe("ok");
    // the seminar-wide setting with a per-document "off"
    await setPostFirst(teacher.id, seminarId, { seminar: 5, documents: { "aufsatz-de": 0 } });
    expect(await postFirstStatus(alice.id, seminarId, "aufsatz-de")).toBeNull();
    expect(await postFirstStatus(alice.id, seminarId, "essay-en")).toMatchObject({ required: 5 });
    // The reader asks for all its open texts at once: the same answers, the ungated text left out; none for instructors.
    const both = await postFirstStatuses(alice.id, seminarId, ["aufsatz-de", "essay-en", "essay-en"]);
    expect([...both.keys()]).toEqual(["essay-en"]);
    expect(both.get("essay-en")).toEqual(await postFirstStatus(alice.id, seminarId, "essay-en"));
    expect((await postFirstStatuses(teacher.id, seminarId, ["essay-en"])).size).toBe(0);
    expect(await codeOf(setPostFirst(alice.id, seminarId, { seminar: 0 }))).toBe("forbidden");
    await setPostFirst(teacher.id, seminarId, { seminar: 0, documents: { "aufsatz-de": null } });
  });
});

describe("notifications", () => {
  it("tells the parent's author about replies and members about mentions, digests new notes, and marks read", async () => {
    const n = await import("@/lib/notifications");
    await n.markAllRead(alice.id);
    await n.markAllRead(bob.id);
    await n.markAllRead(teacher.id);
    const root = await note(alice.id, "What does 'probe' mean here?", at("p2", 0, 6));
    await store.createAnnotation(bob.id, seminarId, { parentId: root.id, body: "@Alice Adler it means a feeler; cf. @Teacher Tom" });
    const aliceList = await n.listNotifications(alice.id);
    expect(aliceList.filter((x) => !x.read).map((x) => x.type)).toEqual(expect.arrayContaining(["reply"]));
    expect(aliceList.filter((x) => x.type === "mention" && !x.read)).toHaveLength(0); // a reply already told her
    const teacherList = await n.listNotifications(teacher.id);
    expect(teacherList.some((x) => x.type === "mention" && x.actorName === "Bob" && !x.read)).toBe(true);
    // new notes: one digest that counts up
    const digest = teacherList.find((x) => x.type === "activity" && x.documentSlug === "essay-en" && !x.read)!;
    expect(digest.count).toBe(1);
    await note(carol.id, "another note", at("p3", 0, 5));
    const again = (await n.listNotifications(teacher.id)).find((x) => x.id === digest.id)!;
    expect(again.count).toBe(2);
    // nobody hears of notes they may not read, nor of their own
    const before = await n.unreadCount(bob.id);
    await note(carol.id, "private @Bob", at("p3", 0, 5), { visibility: "private" });
    expect(await n.unreadCount(bob.id)).toBe(before);
    const carolDigest = async () =>
      (await n.listNotifications(carol.id)).find((x) => x.type === "activity" && !x.read && x.documentSlug === "essay-en")?.count ?? 0;
    const carolBefore = await carolDigest();
    await note(carol.id, "my own note", at("p3", 0, 5));
    expect(await carolDigest()).toBe(carolBefore);
    // marking read: only one's own rows
    const count = await n.unreadCount(teacher.id);
    expect(count).toBeGreaterThanOrEqual(2);
    expect(
      await n.markRead(
        alice.id,
        teacherList.map((x) => x.id),
      ),
    ).toBe(0);
    expect(
      await n.markRead(
        teacher.id,
        teacherList.map((x) => x.id),
      ),
    ).toBeGreaterThan(0);
    expect(await n.unreadCount(teacher.id)).toBe(0);
  });

  it("finds mentions by full member names, longest first", async () => {
    const { findMentions } = await import("@/lib/notifications");
    const members = [
      { userId: "a", name: "Anna" },
      { userId: "b", name: "Anna Schmidt" },
      { userId: "c", name: "Ольга" },
    ];
    expect(findMentions("Hi @anna schmidt and @Ольга!", members).sort()).toEqual(["b", "c"]);
    expect(findMentions("mail anna@example.org, @Annabel", members)).toEqual([]);
    expect(findMentions("@Anna, look", members)).toEqual(["a"]);
  });
});

// Previews clean in a worker thread that, from source, first loads tsx and compiles the pipeline: seconds on a busy machine.
describe("upload", { timeout: 120_000 }, () => {
  it("previews a TEI file without writing anything, then publishes document and seminar row together", async () => {
    const up = await import("./upload");
    const { db } = await import("@/lib/db/client");
    const n = await import("@/lib/notifications");
    const preview = await up.previewUpload(teacher.id, seminarId, "briefe.xml", Buffer.from(SAMPLE_TEI), { kind: "essay" });
    expect(preview).toMatchObject({
      slug: "briefe",
      title: "Briefe aus Moskau",
      author: "Anna Beispiel",
      lang: "de",
      footnotes: { total: 2, linked: 2, unreferenced: 0 },
    });
    expect(preview.blockCounts).toMatchObject({ heading: 2, paragraph: 3, quote: 1, footnote: 2 });
    expect(preview.outline).toEqual([
      { level: 2, text: "Erster Brief" },
      { level: 3, text: "Nachschrift" },
    ]);
    expect(await db().uploadedDocument.count()).toBe(0);
    expect(await codeOf(up.publishUpload(alice.id, seminarId, preview.token))).toBe("forbidden");

    await n.markAllRead(alice.id);
    const { slug } = await up.publishUpload(teacher.id, seminarId, preview.token);
    expect(await db().uploadedDocument.count({ where: { slug } })).toBe(1);
    expect((await seminars.getSeminar(alice.id, seminarId)).documents).toContain(slug);
    expect((await n.listNotifications(alice.id)).some((x) => x.type === "document" && x.documentSlug === slug && !x.read)).toBe(true);
    // the reader's store serves it, and notes can be anchored in it
    const { getDocumentAsync } = await import("@/lib/content/store");
    expect((await getDocumentAsync(slug))?.meta.title).toBe("Briefe aus Moskau");
    const a = await note(alice.id, "Eine Notiz", at("p1", 0, 6, slug));
    expect(a.targets[0].exact).toBe("Lieber");
    // a token is used once
    expect(await codeOf(up.publishUpload(teacher.id, seminarId, preview.token))).toBe("preview-expired");
  });

  it("names the line of a malformed file, and leaves nothing half-imported when publishing fails", async () => {
    const up = await import("./upload");
    const { db } = await import("@/lib/db/client");
    let err: unknown;
    try {
      await up.previewUpload(teacher.id, seminarId, "bad.xml", Buffer.from(SAMPLE_TEI.replace("<lb/>", "<lb>")));
    } catch (e) {
      err = e;
    }
    expect(isAppError(err) && err.code === "invalid-upload" && err.details?.line === 21).toBe(true);
    expect(await codeOf(up.previewUpload(teacher.id, seminarId, "x.pdf", Buffer.from("%PDF")))).toBe("invalid-upload");
    expect(await codeOf(up.previewUpload(teacher.id, seminarId, "notes.txt", Buffer.from("Plain text.\n")))).toBe("invalid-upload"); // no language

    // Publishing fails half-way (the seminar row already exists): the document row is rolled back too.
    const preview = await up.previewUpload(
      teacher.id,
      seminarId,
      "brief.md",
      Buffer.from("---\ntitle: Ein Brief\nlang: de\nkind: essay\nsource: Archiv\n---\n\nText des Briefes.\n"),
      { slug: "ein-brief" },
    );
    await db().seminarDocument.create({ data: { seminarId, slug: "ein-brief" } });
    const count = await db().uploadedDocument.count();
    await expect(up.publishUpload(teacher.id, seminarId, preview.token)).rejects.toThrow();
    expect(await db().uploadedDocument.count()).toBe(count);
  });
});
