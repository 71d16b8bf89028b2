/**
 * The SSE endpoint as Next calls it, for a student who replays the whole history (`Last-Event-ID: 0`) and
 * then stays connected: it carries nothing a GET would refuse them — no reply in a hidden thread, no
 * deleted note, no text edited away — while what they may see still arrives live (issue 14, items 2–3).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpCookie, setupTestDatabase, testDocument, type TestDatabase } from "@/lib/annotations/testing/db";
import { setDocumentCatalog, staticCatalog } from "@/lib/seminars/catalog";

const doc = testDocument("essay-en", ["The separate peace was never signed.", "Stalin probed Berlin twice."]);
const BASE = "http://localhost:3000";
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

let testDb: TestDatabase;
let eventsRoute: typeof import("./route");
let annotationsRoute: typeof import("../annotations/route");
let annotationRoute: typeof import("@/app/api/annotations/[id]/route");
let hideRoute: typeof import("@/app/api/annotations/[id]/hide/route");
let instructor = "",
  author = "",
  reader = "";
let seminarId = "";

/** A same-site request with the member's session cookie. */
function req(path: string, cookie: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Request {
  const headers = new Headers({
    "content-type": "application/json",
    cookie,
    origin: BASE,
    host: "localhost:3000",
    "sec-fetch-site": "same-origin",
    ...(init.headers ?? {}),
  });
  return new Request(BASE + path, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

async function create(cookie: string, body: object): Promise<{ id: string; revision: number }> {
  const res = await annotationsRoute.POST(req(`/api/seminars/${seminarId}/annotations`, cookie, { method: "POST", body }), ctx({ id: seminarId }));
  expect(res.status).toBe(201);
  return res.json();
}
const note = (text: string) => ({ target: { documentSlug: "essay-en", blockId: "p1", blockStart: 4, blockEnd: 18 }, body: `<p>${text}</p>` });

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(staticCatalog([doc]));
  eventsRoute = await import("./route");
  annotationsRoute = await import("../annotations/route");
  annotationRoute = await import("@/app/api/annotations/[id]/route");
  hideRoute = await import("@/app/api/annotations/[id]/hide/route");
  const seminarsRoute = await import("@/app/api/seminars/route");
  const joinRoute = await import("@/app/api/join/[code]/route");
  [instructor, author, reader] = [await signUpCookie("Instructor"), await signUpCookie("Author"), await signUpCookie("Reader")];
  const created = await seminarsRoute.POST(req("/api/seminars", instructor, { method: "POST", body: { title: "Stream access", documents: ["essay-en"] } }));
  const { id, inviteCode } = await created.json();
  seminarId = id;
  for (const cookie of [author, reader])
    expect((await joinRoute.POST(req(`/api/join/${inviteCode}`, cookie, { method: "POST" }), ctx({ code: inviteCode }))).status).toBe(200);
}, 60_000); // three real sign-ups (password hashing) on a busy machine
afterAll(async () => testDb?.close());

describe("GET /api/seminars/:id/events", () => {
  it("replays from Last-Event-ID 0 and streams on without a hidden thread's replies, deleted notes or text edited away", async () => {
    const root = await create(author, note("A thread the instructor will hide"));
    await create(reader, { parentId: root.id, body: "<p>Reader's reply before the hiding</p>" });
    const gone = await create(author, note("Deleted before anyone looked"));
    expect((await annotationRoute.DELETE(req(`/api/annotations/${gone.id}`, author, { method: "DELETE" }), ctx({ id: gone.id }))).status).toBe(204);
    const edited = await create(author, note("Words edited away"));
    expect(
      (
        await annotationRoute.PATCH(
          req(`/api/annotations/${edited.id}`, author, { method: "PATCH", body: { revision: edited.revision, body: "<p>Words as they stand</p>" } }),
          ctx({ id: edited.id }),
        )
      ).status,
    ).toBe(200);
    expect(
      (await hideRoute.POST(req(`/api/annotations/${root.id}/hide`, instructor, { method: "POST", body: { hidden: true } }), ctx({ id: root.id }))).status,
    ).toBe(200);
    const hiddenReply = await create(author, { parentId: root.id, body: "<p>Answer inside the hidden thread</p>" });
    // What a direct read answers the reader:
    expect((await annotationRoute.GET(req(`/api/annotations/${hiddenReply.id}`, reader), ctx({ id: hiddenReply.id }))).status).toBe(404);

    const abort = new AbortController();
    const res = await eventsRoute.GET(
      new Request(`${BASE}/api/seminars/${seminarId}/events`, { headers: { cookie: reader, "last-event-id": "0" }, signal: abort.signal }),
      ctx({ id: seminarId }),
    );
    expect(res.status).toBe(200);
    const streamReader = res.body!.getReader();
    let text = "";
    const readUntil = async (needle: string) => {
      const deadline = Date.now() + 5000;
      while (!text.includes(needle) && Date.now() < deadline) {
        const chunk = await Promise.race([streamReader.read(), new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now())))]);
        if (!chunk || chunk.done) break;
        text += new TextDecoder().decode(chunk.value);
      }
    };
    await readUntil("Words as they stand");
    // Live, after the replay: another reply in the hidden thread, then a note everyone may read.
    await create(author, { parentId: root.id, body: "<p>Second answer inside the hidden thread</p>" });
    const marker = await create(author, note("Visible to all, after everything else"));
    await readUntil(marker.id);
    abort.abort();
    await streamReader.cancel().catch(() => {});

    expect(text).toContain("Words as they stand");
    expect(text).toContain(marker.id);
    for (const leak of ["hidden thread", "Deleted before", "edited away", "A thread the instructor will hide", "before the hiding", hiddenReply.id])
      expect(text).not.toContain(leak);
    // The reader was a member when these happened and may hold them on screen: told to drop them, by id only.
    expect(text.split(gone.id).length - 1).toBe(1);
    expect(text).toContain(`event: annotation.deleted\ndata: {"id":"${gone.id}","seminarId":"${seminarId}"}\n`);
    expect(text.split(root.id).length - 1).toBe(1);
    expect(text).toContain(`event: annotation.removed\ndata: {"id":"${root.id}","seminarId":"${seminarId}"}\n`);
  });
});
