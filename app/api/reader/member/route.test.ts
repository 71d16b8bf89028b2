/**
 * The member's parts of a reader page (GET /api/reader/member), which a stored copy of the page fetches:
 * only for a signed-in member, only of texts they may read, and the notes they may read, with heat strips.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpCookie, setupTestDatabase, type TestDatabase } from "@/lib/annotations/testing/db";
import { getDocument, listDocuments } from "@/lib/content/store";
import { setDocumentCatalog, staticCatalog } from "@/lib/seminars/catalog";
import type { MemberReaderData } from "@/lib/annotations-ui/reader-notes";

const BASE = "http://localhost:3000";
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });
function req(path: string, init: { method?: string; cookie?: string; body?: string } = {}): Request {
  const headers = new Headers({ "content-type": "application/json", origin: BASE });
  if (init.cookie) headers.set("cookie", init.cookie);
  return new Request(BASE + path, { method: init.method ?? "GET", headers, body: init.body });
}

let testDb: TestDatabase;
let route: typeof import("./route");
let student = "";
let outsider = "";
let seminarId = "";
let slug = "";

beforeAll(async () => {
  testDb = await setupTestDatabase();
  // A text of the public library (content/documents), whatever it is today.
  slug = listDocuments()[0].slug;
  const doc = getDocument(slug)!;
  setDocumentCatalog(staticCatalog([doc]));
  route = await import("./route");
  const seminars = await import("@/app/api/seminars/route");
  const join = await import("@/app/api/join/[code]/route");
  const annotations = await import("@/app/api/seminars/[id]/annotations/route");
  const instructor = await signUpCookie("Instructor");
  student = await signUpCookie("Student");
  outsider = await signUpCookie("Outsider");
  const created = await seminars.POST(
    req("/api/seminars", { method: "POST", cookie: instructor, body: JSON.stringify({ title: "Parts", documents: [slug] }) }),
  );
  const { id, inviteCode } = await created.json();
  seminarId = id;
  await join.POST(req(`/api/join/${inviteCode}`, { method: "POST", cookie: student }), ctx({ code: inviteCode }));
  const block = doc.blocks.find((b) => b.text.length > 20)!;
  const note = await annotations.POST(
    req(`/api/seminars/${id}/annotations`, {
      method: "POST",
      cookie: student,
      body: JSON.stringify({
        target: { documentSlug: slug, blockId: block.id, blockStart: 0, blockEnd: 12 },
        body: "<p>Worth a look.</p>",
        visibility: "seminar",
      }),
    }),
    ctx({ id }),
  );
  expect(note.status).toBe(201);
}, 60_000);
afterAll(async () => testDb?.close());

const parts = (query: string, cookie?: string) => route.GET(req(`/api/reader/member?${query}`, { cookie }));

describe("GET /api/reader/member", () => {
  it("gives a member their seminar's notes on the open text, anchored, and its heat strip", async () => {
    const res = await parts(`p=${slug}&seminar=${seminarId}`, student);
    expect(res.status).toBe(200);
    const data = (await res.json()) as MemberReaderData;
    expect(data.notes.seminar?.id).toBe(seminarId);
    const notes = Object.values(data.notes.state.annotations);
    expect(notes.map((n) => n.bodyText)).toEqual([expect.stringContaining("Worth a look.")]);
    expect(Object.keys(data.notes.state.anchors[slug] ?? {})).toEqual(notes.map((n) => n.id));
    expect(data.heat[slug]?.segments.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(data.member).toBe(data.notes.user.id);
  });

  it("gives someone outside the seminar none of its notes, even when the address names it", async () => {
    const res = await parts(`p=${slug}&seminar=${seminarId}`, outsider);
    expect(res.status).toBe(200);
    const data = (await res.json()) as MemberReaderData;
    expect(data.notes.seminar).toBeNull();
    expect(data.notes.state.annotations).toEqual({});
    expect(data.heat).toEqual({});
  });

  it("answers 401 without a session, 404 for a text the member may not read or that does not exist, 400 for a broken layout", async () => {
    expect((await parts(`p=${slug}`)).status).toBe(401);
    const unknown = await parts(`p=${slug},no-such-text-anywhere`, student);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).code).toBe("unknown-document");
    const broken = await parts(`p=`, student);
    expect(broken.status).toBe(400);
    expect((await broken.json()).code).toBe("invalid-request");
  });
});
