/**
 * The HTTP surface, called as Next would call the route handlers: status codes and `{ code }` bodies
 * for the errors the UI translates, authentication by session cookie, and the SSE endpoint.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpCookie, setupTestDatabase, testDocument, type TestDatabase } from "@/lib/annotations/testing/db";
import { setDocumentCatalog, staticCatalog } from "@/lib/seminars/catalog";

const doc = testDocument("essay-en", ["The separate peace was never signed.", "Stalin probed Berlin twice."]);
let testDb: TestDatabase;
let annotationsRoute: typeof import("./seminars/[id]/annotations/route");
let annotationRoute: typeof import("./annotations/[id]/route");
let seminarsRoute: typeof import("./seminars/route");
let eventsRoute: typeof import("./seminars/[id]/events/route");
let joinRoute: typeof import("./join/[code]/route");
let instructorCookie = "";
let studentCookie = "";
let seminarId = "";

const BASE = "http://localhost:3000";
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

function req(path: string, init: { method?: string; cookie?: string; body?: string; headers?: Record<string, string> } = {}): Request {
  // A browser on the site's own page sends its Origin with every write (lib/http/origin).
  const headers = new Headers({ "content-type": "application/json", origin: BASE, ...(init.headers ?? {}) });
  if (init.cookie) headers.set("cookie", init.cookie);
  return new Request(BASE + path, { method: init.method ?? "GET", headers, body: init.body });
}

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(staticCatalog([doc]));
  annotationsRoute = await import("./seminars/[id]/annotations/route");
  annotationRoute = await import("./annotations/[id]/route");
  seminarsRoute = await import("./seminars/route");
  eventsRoute = await import("./seminars/[id]/events/route");
  joinRoute = await import("./join/[code]/route");
  instructorCookie = await signUpCookie("Instructor");
  studentCookie = await signUpCookie("Student");
  const created = await seminarsRoute.POST(
    req("/api/seminars", { method: "POST", cookie: instructorCookie, body: JSON.stringify({ title: "API seminar", documents: ["essay-en"] }) }),
  );
  expect(created.status).toBe(201);
  const { id, inviteCode } = await created.json();
  seminarId = id;
  const joined = await joinRoute.POST(req(`/api/join/${inviteCode}`, { method: "POST", cookie: studentCookie }), ctx({ code: inviteCode }));
  expect((await joined.json()).role).toBe("student");
}, 60_000);
afterAll(async () => testDb?.close());

const post = (body: string, cookie = studentCookie) =>
  annotationsRoute.POST(req(`/api/seminars/${seminarId}/annotations`, { method: "POST", cookie, body }), ctx({ id: seminarId }));
const note = (extra: object = {}) =>
  JSON.stringify({ target: { documentSlug: "essay-en", blockId: "p1", blockStart: 4, blockEnd: 18 }, body: "<p>Hm.</p>", ...extra });

describe("annotations API", () => {
  it("answers errors with codes and statuses, never a stack trace", async () => {
    const cases: Array<[Promise<Response>, number, string]> = [
      [post("{not json"), 400, "malformed-json"],
      [post(note(), ""), 401, "unauthenticated"],
      [post(note({ target: { documentSlug: "no-such-doc", blockId: "p1", blockStart: 0, blockEnd: 3 } })), 404, "unknown-document"],
      [post(note({ target: { documentSlug: "essay-en", blockId: "p1", blockStart: 3, blockEnd: 3 } })), 400, "empty-selection"],
      [post(JSON.stringify({ target: 42 })), 400, "invalid-request"],
      [post(note({ body: `<p>${"x".repeat(10_001)}</p>` })), 400, "note-too-long"],
      [annotationsRoute.GET(req(`/api/seminars/${randomUUID()}/annotations`, { cookie: studentCookie }), ctx({ id: randomUUID() })), 404, "not-found"],
    ];
    for (const [promise, status, code] of cases) {
      const res = await promise;
      const body = await res.json();
      expect([res.status, body.code]).toEqual([status, code]);
      expect(JSON.stringify(body)).not.toMatch(/\bat .*\(|stack/i);
    }
  });

  it("refuses cookie-authenticated changes sent from another site's page", async () => {
    const forged = req(`/api/seminars/${seminarId}/annotations`, {
      method: "POST",
      cookie: studentCookie,
      body: note(),
      headers: { origin: "https://evil.example", host: "localhost:3000" },
    });
    const res = await annotationsRoute.POST(forged, ctx({ id: seminarId }));
    expect([res.status, (await res.json()).code]).toEqual([403, "forbidden"]);
    const sameSite = req(`/api/seminars/${seminarId}/annotations`, {
      method: "POST",
      cookie: studentCookie,
      body: note(),
      headers: { origin: BASE, host: "localhost:3000" },
    });
    expect((await annotationsRoute.POST(sameSite, ctx({ id: seminarId }))).status).toBe(201);
  });

  it("a cookie write needs a matching Origin or Sec-Fetch-Site: same-origin; a bearer token needs neither (issue 14, item 15)", async () => {
    const write = async (headers: Record<string, string>, cookie = studentCookie) => {
      const r = req(`/api/seminars/${seminarId}/annotations`, { method: "POST", cookie, body: note(), headers: { host: "localhost:3000", ...headers } });
      r.headers.delete("origin");
      for (const [k, v] of Object.entries(headers)) r.headers.set(k, v);
      return (await annotationsRoute.POST(r, ctx({ id: seminarId }))).status;
    };
    const refused = {
      "no Origin at all": await write({}),
      "Origin: null": await write({ origin: "null" }),
      "an https Origin against the http site": await write({ origin: "https://localhost:3000" }),
      "another port": await write({ origin: "http://localhost:3001" }),
      "a forged X-Forwarded-Host": await write({ origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }),
      "Sec-Fetch-Site: cross-site": await write({ "sec-fetch-site": "cross-site" }),
      "Sec-Fetch-Site: same-site": await write({ "sec-fetch-site": "same-site" }),
      "an unparsable Origin": await write({ origin: "http://[" }),
    };
    expect(refused).toEqual(Object.fromEntries(Object.keys(refused).map((k) => [k, 403])));
    expect(await write({ "sec-fetch-site": "same-origin" })).toBe(201);
    expect(await write({ origin: BASE })).toBe(201);
    // A script with a personal access token: no Origin, no cookie; still accepted.
    const { createToken } = await import("@/lib/auth/tokens");
    const { getSessionUser } = await import("@/lib/auth/server");
    const me = await getSessionUser(new Headers({ cookie: studentCookie }));
    const { token } = await createToken(me!.id, "script");
    expect(await write({ authorization: `Bearer ${token}` }, "")).toBe(201);
  });

  it("creates, lists, edits with a revision (409 with the current version on conflict), deletes", async () => {
    const created = await post(note({ tags: ["sources"] }));
    expect(created.status).toBe(201);
    // An answer that fits in one packet is not worth compressing: it says so to Next's compression.
    expect(Buffer.byteLength(await created.clone().text())).toBeLessThan(1200);
    expect(created.headers.get("cache-control")).toBe("no-transform");
    const a = await created.json();
    const list = await annotationsRoute.GET(
      req(`/api/seminars/${seminarId}/annotations?document=essay-en`, { cookie: instructorCookie }),
      ctx({ id: seminarId }),
    );
    expect(list.headers.get("X-Last-Event-ID")).toMatch(/^\d+$/);
    expect((await list.json()).annotations.map((x: { id: string }) => x.id)).toContain(a.id);

    const patch = (body: object, cookie = studentCookie) =>
      annotationRoute.PATCH(req(`/api/annotations/${a.id}`, { method: "PATCH", cookie, body: JSON.stringify(body) }), ctx({ id: a.id }));
    const ok = await patch({ revision: 1, body: "<p>Edited</p>" });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("ETag")).toBe('"2"');
    const stale = await patch({ revision: 1, body: "<p>Other tab</p>" });
    expect(stale.status).toBe(409);
    const conflict = await stale.json();
    expect(conflict.code).toBe("conflict");
    expect(conflict.current).toMatchObject({ id: a.id, revision: 2, bodyText: "Edited" });
    expect((await patch({ revision: 2, body: "<p>Not mine</p>" }, instructorCookie)).status).toBe(403);

    const del = await annotationRoute.DELETE(req(`/api/annotations/${a.id}?revision=2`, { method: "DELETE", cookie: studentCookie }), ctx({ id: a.id }));
    expect(del.status).toBe(204);
    const gone = await annotationRoute.GET(req(`/api/annotations/${a.id}`, { cookie: studentCookie }), ctx({ id: a.id }));
    expect(gone.status).toBe(404);
  });

  it("streams events as text/event-stream, resuming after Last-Event-ID", async () => {
    const list = await annotationsRoute.GET(req(`/api/seminars/${seminarId}/annotations`, { cookie: studentCookie }), ctx({ id: seminarId }));
    const last = list.headers.get("X-Last-Event-ID")!;
    const created = await (await post(note({ body: "<p>After the list</p>" }))).json();
    const abort = new AbortController();
    const r = new Request(`${BASE}/api/seminars/${seminarId}/events`, { headers: { cookie: studentCookie, "last-event-id": last }, signal: abort.signal });
    const res = await eventsRoute.GET(r, ctx({ id: seminarId }));
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let text = "";
    while (!text.includes(created.id)) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/id: \d+\nevent: annotation.created\n/);
    abort.abort();
    await reader.cancel().catch(() => {});
    const outsider = await eventsRoute.GET(
      new Request(`${BASE}/api/seminars/${seminarId}/events`, { headers: { cookie: await signUpCookie("Outsider") } }),
      ctx({ id: seminarId }),
    );
    expect(outsider.status).toBe(404);
  });
});
