/**
 * Authorization of the live stream and its replay (issue 14, items 2 and 3), against a real database
 * (temp SQLite; PostgreSQL through scripts/pg-test.sh): a member is sent exactly what a GET would show
 * them at the moment of sending — thread included — and replaying the history from 0 gives away nothing
 * that was deleted, hidden, edited away or closed since.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { setDocumentCatalog, staticCatalog } from "@/lib/seminars/catalog";
import { createTestUser, setupTestDatabase, testDocument, type TestDatabase } from "@/lib/annotations/testing/db";
import type { AnnotationDto } from "@/lib/annotations/types";
import type { Viewer } from "@/lib/annotations/access";
import type { LiveEvent } from "./stream";

type Store = typeof import("@/lib/annotations/store");
type Seminars = typeof import("@/lib/seminars");
type Stream = typeof import("./stream");

const essay = testDocument("essay-en", ["The separate peace was never signed.", "Stalin probed Berlin twice in 1943."], "en");

let testDb: TestDatabase;
let store: Store;
let seminars: Seminars;
let stream: Stream;
let instructor: { id: string }, alice: { id: string }, bob: { id: string }, carol: { id: string };
let seminarId: string;
let inviteCode: string;

const passage = { documentSlug: "essay-en", blockId: "p1", blockStart: 4, blockEnd: 17 };
const asViewer = async (user: { id: string }): Promise<Viewer> => ({ userId: user.id, role: (await seminars.roleIn(user.id, seminarId))! });
const allEvents = async (user: { id: string }, after = 0): Promise<LiveEvent[]> =>
  (await stream.eventsAfter(await asViewer(user), seminarId, after, 100_000)).events;
const delivered = (events: LiveEvent[]) =>
  new Set(events.filter((e) => (e.data as Partial<AnnotationDto>).bodyHtml !== undefined).map((e) => (e.data as AnnotationDto).id));

async function readable(userId: string, id: string): Promise<boolean> {
  try {
    await store.getAnnotation(userId, id);
    return true;
  } catch (e) {
    if (isAppError(e) && e.code === "not-found") return false;
    throw e;
  }
}

/** For every viewer and every note: sent by the stream (replay from 0) ⇔ readable by GET now. */
async function expectStreamAgreesWithGet(notes: AnnotationDto[], viewers: Array<{ id: string }>) {
  for (const user of viewers) {
    const sent = delivered(await allEvents(user));
    for (const n of notes)
      expect(sent.has(n.id), `${n.bodyText} for ${user.id === instructor.id ? "the instructor" : user.id}`).toBe(await readable(user.id, n.id));
  }
}

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(staticCatalog([essay]));
  store = await import("@/lib/annotations/store");
  seminars = await import("@/lib/seminars");
  stream = await import("./stream");
  instructor = await createTestUser("Instructor");
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
  carol = await createTestUser("Carol");
  const s = await seminars.createSeminar(instructor.id, { title: "Live access", documents: ["essay-en"] });
  seminarId = s.id;
  inviteCode = s.inviteCode;
  for (const u of [alice, bob, carol]) await seminars.joinByInvite(u.id, inviteCode);
});

afterAll(async () => {
  await testDb?.close();
});

describe("the live stream reads replies through their thread", () => {
  it("a thread whose root was hidden: its replies reach instructors and the root's author, not the other students", async () => {
    const carolView = await asViewer(carol);
    const root = await store.createAnnotation(alice.id, seminarId, { target: passage, body: "<p>Off-topic root</p>" });
    const early = await store.createAnnotation(bob.id, seminarId, { parentId: root.id, body: "<p>Early reply, seen by all</p>" });
    const start = await stream.latestEventId(seminarId);
    await store.setHidden(instructor.id, root.id, true);
    const late = await store.createAnnotation(alice.id, seminarId, { parentId: root.id, body: "<p>Reply in the hidden thread</p>" });
    const edited = await store.updateAnnotation(alice.id, late.id, { revision: late.revision, body: "<p>Reply in the hidden thread, edited</p>" });

    // Live, from before the hiding: Carol is told to drop the root (which drops its replies on her screen),
    // and nothing of what was written in the hidden thread afterwards.
    const live = await stream.eventsAfter(carolView, seminarId, start);
    expect(live.events.map((e) => [e.type, (e.data as { id: string }).id])).toEqual([["annotation.removed", root.id]]);
    expect(JSON.stringify(live.events)).not.toMatch(/hidden thread/);
    // The instructor sees everything, the root's author too.
    expect([...delivered(await allEvents(instructor, start))]).toEqual(expect.arrayContaining([root.id, late.id, edited.id]));
    expect([...delivered(await allEvents(alice, start))]).toEqual(expect.arrayContaining([late.id, edited.id]));
    await expectStreamAgreesWithGet([root, early, late], [instructor, alice, bob, carol]);
  });

  for (const visibility of ["private", "instructors"] as const) {
    it(`a root made ${visibility} after replies: the replies leave the students' streams with it`, async () => {
      const root = await store.createAnnotation(alice.id, seminarId, { target: passage, body: `<p>Root soon ${visibility}</p>` });
      const reply = await store.createAnnotation(bob.id, seminarId, { parentId: root.id, body: `<p>Bob's reply before ${visibility}</p>` });
      const start = await stream.latestEventId(seminarId);
      await store.updateAnnotation(alice.id, root.id, { revision: root.revision, visibility });
      const after = await store.createAnnotation(alice.id, seminarId, { parentId: root.id, body: `<p>Alice's reply after ${visibility}</p>` });
      const bobEdit = await store
        .updateAnnotation(bob.id, reply.id, { revision: reply.revision, body: `<p>Bob edits in the ${visibility} thread</p>` })
        .catch((e) => e);
      // Bob cannot even find his reply any more (GET answers not-found), so he cannot edit it either.
      expect(isAppError(bobEdit) && bobEdit.code).toBe("not-found");

      const carolLive = await allEvents(carol, start);
      expect(carolLive.map((e) => [e.type, (e.data as { id: string }).id])).toEqual([["annotation.removed", root.id]]);
      expect(JSON.stringify(carolLive)).not.toMatch(/reply/i);
      await expectStreamAgreesWithGet([root, reply, after], [instructor, alice, bob, carol]);
    });
  }

  it("a thread that comes back into sight (shown again, or opened to the seminar) brings the replies the member may read", async () => {
    const hiddenRoot = await store.createAnnotation(alice.id, seminarId, { target: passage, body: "<p>Hidden for a while</p>" });
    const hiddenReply = await store.createAnnotation(bob.id, seminarId, { parentId: hiddenRoot.id, body: "<p>Reply that comes back</p>" });
    await store.setHidden(instructor.id, hiddenRoot.id, true);
    const privateRoot = await store.createAnnotation(alice.id, seminarId, { visibility: "private", target: passage, body: "<p>Private draft</p>" });
    const ownReply = await store.createAnnotation(alice.id, seminarId, { parentId: privateRoot.id, body: "<p>Alice's own follow-up</p>" });
    const start = await stream.latestEventId(seminarId);
    await store.setHidden(instructor.id, hiddenRoot.id, false);
    await store.updateAnnotation(alice.id, privateRoot.id, { revision: privateRoot.revision, visibility: "seminar" });

    const events = await allEvents(carol, start);
    const shown = events.map((e) => [e.type, (e.data as AnnotationDto).id]);
    expect(shown).toEqual([
      ["annotation.unhidden", hiddenRoot.id],
      ["annotation.updated", hiddenReply.id],
      ["annotation.updated", privateRoot.id],
      // Alice's reply was written as private (a reply takes its thread's audience when written) and stays so,
      // as a GET shows too.
    ]);
    // The reply rides on its root's event id.
    expect(events[1].id).toBe(events[0].id);
    // The instructor saw the hidden thread all along: nothing is resent to her for the unhiding.
    expect((await allEvents(instructor, start)).filter((e) => (e.data as AnnotationDto).id === hiddenReply.id)).toEqual([]);
    await expectStreamAgreesWithGet([hiddenRoot, hiddenReply, privateRoot, ownReply], [instructor, alice, bob, carol]);
  });

  it("the HTTP stream of a student never carries a reply written after its thread was hidden", async () => {
    const root = await store.createAnnotation(alice.id, seminarId, { target: passage, body: "<p>Root of the stream test</p>" });
    const start = await stream.latestEventId(seminarId);
    const abort = new AbortController();
    const body = stream.seminarEventStream({ viewer: await asViewer(carol), seminarId, after: start, signal: abort.signal });
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (needle: string) => {
      const deadline = Date.now() + 5000;
      while (!text.includes(needle) && Date.now() < deadline) {
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now())))]);
        if (!chunk || chunk.done) break;
        text += decoder.decode(chunk.value);
      }
    };
    await store.setHidden(instructor.id, root.id, true);
    await store.createAnnotation(alice.id, seminarId, { parentId: root.id, body: "<p>Whispered in the hidden thread</p>" });
    const marker = await store.createAnnotation(bob.id, seminarId, { target: passage, body: "<p>A visible note after it</p>" });
    await readUntil(marker.id);
    abort.abort();
    await reader.cancel().catch(() => {});
    expect(text).toContain(marker.id);
    expect(text).toMatch(new RegExp(`event: annotation.removed\\ndata: \\{"id":"${root.id}"`));
    expect(text).not.toContain("Whispered");
  });
});

describe("replay shows what the member may see now, and nothing that was deleted", () => {
  it("a member who joined last replays from 0: no deleted, hidden, edited-away or since-private text, no trace of deletions", async () => {
    const deleted = await store.createAnnotation(alice.id, seminarId, { target: passage, body: "<p>Deleted words</p>" });
    const hidden = await store.createAnnotation(alice.id, seminarId, { target: passage, body: "<p>Hidden words</p>" });
    const edited = await store.createAnnotation(alice.id, seminarId, { target: passage, body: "<p>Old words</p>" });
    const madePrivate = await store.createAnnotation(alice.id, seminarId, { target: passage, body: "<p>Words later private</p>" });
    const replyGone = await store.createAnnotation(bob.id, seminarId, { parentId: madePrivate.id, body: "<p>Reply in a thread later private</p>" });
    await store.deleteAnnotation(alice.id, deleted.id);
    await store.setHidden(instructor.id, hidden.id, true);
    await store.updateAnnotation(alice.id, edited.id, { revision: edited.revision, body: "<p>New words</p>" });
    await store.updateAnnotation(alice.id, madePrivate.id, { revision: madePrivate.revision, visibility: "private" });

    const dave = await createTestUser("Dave");
    await seminars.joinByInvite(dave.id, inviteCode);
    const replay = await allEvents(dave, 0);
    const text = JSON.stringify(replay);
    for (const gone of ["Deleted words", "Hidden words", "Old words", "later private", "Whispered", "hidden thread"]) expect(text).not.toContain(gone);
    expect(text).toContain("New words");
    const mentioned = new Set(replay.map((e) => (e.data as { id: string }).id));
    for (const n of [deleted, hidden, madePrivate, replyGone]) expect(mentioned.has(n.id), n.bodyText).toBe(false);
    // Every annotation the replay sends is one GET shows Dave now, exactly as GET shows it.
    for (const e of replay.filter((e) => (e.data as Partial<AnnotationDto>).bodyHtml !== undefined)) {
      expect(e.data).toEqual(await store.getAnnotation(dave.id, (e.data as AnnotationDto).id));
    }
  });

  it("the Event table keeps no note text: events name the annotation, and bodies are read at delivery", async () => {
    const { db } = await import("@/lib/db/client");
    await store.createAnnotation(alice.id, seminarId, { target: passage, body: "<p>Text that only the Annotation row holds</p>" });
    const rows = await db().event.findMany({ where: { seminarId }, select: { payload: true, annotationId: true } });
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      expect(r.annotationId).toBeTruthy();
      expect(r.payload).not.toMatch(/words|reply|Text that|bodyText|bodyHtml/i);
    }
  });

  it("a member removed from the seminar is sent nothing more, and their stream ends", async () => {
    const erin = await createTestUser("Erin");
    await seminars.joinByInvite(erin.id, inviteCode);
    const viewer = await asViewer(erin);
    const start = await stream.latestEventId(seminarId);
    const { db } = await import("@/lib/db/client");
    await db().membership.delete({ where: { seminarId_userId: { seminarId, userId: erin.id } } });
    await store.createAnnotation(alice.id, seminarId, { target: passage, body: "<p>After Erin left</p>" });
    const r = await stream.eventsAfter(viewer, seminarId, start);
    expect(r.member).toBe(false);
    expect(r.events).toEqual([]);
  });
});
