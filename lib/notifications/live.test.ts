/**
 * The live badge stream (lib/notifications/live): it opens with the unread count and follows it within a
 * second — a mention, a reply, a new text, reading elsewhere — and stops listening when the browser goes
 * away. On PostgreSQL (`bash scripts/pg-test.sh lib/notifications/live.test.ts`) it also follows changes
 * made through another instance's LISTEN/NOTIFY connection.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, setupTestDatabase, testDocument, type TestDatabase } from "@/lib/annotations/testing/db";
import { createInProcessBus, type EventBus } from "@/lib/live/bus";
import { setDocumentCatalog, staticCatalog } from "@/lib/seminars/catalog";

const essay = testDocument("live-essay", ["The separate peace was never signed.", "Stalin probed Berlin twice in 1943."]);
const onPostgres = process.env.TEST_DATABASE === "postgresql";

let testDb: TestDatabase;
let store: typeof import("@/lib/annotations/store");
let notifications: typeof import("./index");
let live: typeof import("./live");
let teacher: { id: string; name: string }, student: { id: string; name: string }, other: { id: string; name: string };
let seminarId: string;

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(staticCatalog([essay]));
  store = await import("@/lib/annotations/store");
  notifications = await import("./index");
  live = await import("./live");
  const seminars = await import("@/lib/seminars");
  teacher = await createTestUser("Tessa Teacher");
  student = await createTestUser("Stella Student");
  other = await createTestUser("Otto Other");
  const s = await seminars.createSeminar(teacher.id, { title: "Live badge", documents: ["live-essay"] });
  seminarId = s.id;
  for (const u of [student, other]) await seminars.joinByInvite(u.id, s.inviteCode);
});

afterAll(async () => {
  setDocumentCatalog(null);
  await testDb?.close();
});

/** Reads the stream in the background: every `unread` value in order. */
function watch(userId: string, bus?: EventBus) {
  const abort = new AbortController();
  const counts: number[] = [];
  const stream = live.unreadCountStream({ userId, signal: abort.signal, bus });
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^event: unread\ndata: (.*)$/m.exec(frame)?.[1];
        if (data) counts.push((JSON.parse(data) as { unread: number }).unread);
      }
    }
  })();
  /** Resolves when the latest count is `n`, failing after `ms` (the badge's promise: within a second). */
  const reaches = (n: number, ms = 1000) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const tick = () => {
        if (counts[counts.length - 1] === n) return resolve();
        if (Date.now() - started > ms)
          return reject(new Error(`badge shows ${counts[counts.length - 1]} after ${ms} ms, expected ${n} (seen ${counts.join(", ")})`));
        setTimeout(tick, 10);
      };
      tick();
    });
  return { counts, reaches, close: () => abort.abort() };
}

const target = { documentSlug: "live-essay", blockId: "p1", blockStart: 4, blockEnd: 12 };

describe("live unread badge", () => {
  it("opens with the count, then follows a mention, reading elsewhere, a reply and a new text, each within a second", async () => {
    await notifications.markAllRead(student.id);
    const badge = watch(student.id);
    await badge.reaches(0);

    await store.createAnnotation(teacher.id, seminarId, { target, body: "@Stella Student what do you make of this?" });
    await badge.reaches(1);

    await notifications.markAllRead(student.id); // e.g. the list page open in another tab
    await badge.reaches(0);

    const mine = await store.createAnnotation(student.id, seminarId, { target, body: "A question of my own." });
    await store.createAnnotation(teacher.id, seminarId, { parentId: mine.id, body: "A good one." });
    await badge.reaches(1);

    const up = await import("@/lib/teaching/upload");
    const preview = await up.previewUpload(
      teacher.id,
      seminarId,
      "neu.md",
      Buffer.from("---\ntitle: Neu\nlang: de\nkind: essay\nsource: S\n---\n\nNeuer Text.\n"),
      { slug: `neu-${Date.now()}` },
    );
    await up.publishUpload(teacher.id, seminarId, preview.token);
    await badge.reaches(2);
    badge.close();
  });

  it("does not move for changes that are not the user's, and stops listening when the browser goes away", async () => {
    const inner = createInProcessBus();
    let subscribed = 0;
    const bus: EventBus = {
      publish: (key, id) => inner.publish(key, id),
      subscribe: (key, listener) => {
        subscribed++;
        const off = inner.subscribe(key, listener);
        return () => {
          subscribed--;
          off();
        };
      },
    };
    await notifications.markAllRead(other.id);
    const badge = watch(other.id, bus);
    await badge.reaches(0);
    expect(subscribed).toBe(2); // the user's own signal and the one seminar

    bus.publish(seminarId, 0); // something happened in the seminar that tells Otto nothing (a highlight)
    await notifications.markAllRead(student.id);
    bus.publish(`user:${student.id}`, 0);
    await new Promise((r) => setTimeout(r, 200));
    expect(badge.counts).toEqual([0]); // only the opening count: nothing changed for him

    badge.close();
    expect(subscribed).toBe(0);
  });

  it("follows a seminar joined while the badge is open", async () => {
    const seminars = await import("@/lib/seminars");
    const newcomer = await createTestUser("Nina Newcomer");
    const second = await seminars.createSeminar(teacher.id, { title: "Joined later", documents: ["live-essay"] });
    const badge = watch(newcomer.id);
    await badge.reaches(0);
    await seminars.joinByInvite(newcomer.id, second.inviteCode);
    await new Promise((r) => setTimeout(r, 100)); // the stream re-reads the memberships on the user's signal
    await store.createAnnotation(teacher.id, second.id, { target, body: "@Nina Newcomer welcome, read the first paragraph." });
    await badge.reaches(1);
    badge.close();
  });

  it.skipIf(!onPostgres)("follows a mention written through another instance (LISTEN/NOTIFY)", async () => {
    const { createPgBus } = await import("@/lib/live/pg-bus");
    const { eventBus, setEventBus } = await import("@/lib/live/bus");
    const url = process.env.DATABASE_URL!;
    const channel = `synopse_badge_test_${process.pid}`;
    const writer = createPgBus({ connectionString: url, channel, log: () => {} });
    const reader = createPgBus({ connectionString: url, channel, log: () => {} });
    await Promise.all([writer.ready(), reader.ready()]);
    const previous = eventBus();
    setEventBus(writer); // the store and the notifications announce through "instance A"
    try {
      await notifications.markAllRead(student.id);
      const badge = watch(student.id, reader); // the browser is connected to "instance B"
      await badge.reaches(0);
      await store.createAnnotation(teacher.id, seminarId, { target, body: "@Stella Student across instances" });
      await badge.reaches(1);
      await notifications.markAllRead(student.id);
      await badge.reaches(0);
      badge.close();
    } finally {
      setEventBus(previous);
      await Promise.all([writer.close(), reader.close()]);
    }
  });
});
