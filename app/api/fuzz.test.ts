/**
 * Bad input at scale: every route handler under app/api (found on disk, so new routes are fuzzed too),
 * called as Next calls it, with random and malformed bodies (random JSON, wrong types, huge strings,
 * invalid UTF-8), headers (content types, cookies, Last-Event-ID, If-Match, Authorization) and params
 * (ids, slugs with ../, unicode). Properties: never a 5xx, never a thrown handler, never a stack trace,
 * and afterwards no stored annotation with an invalid field.
 */
import { randomUUID } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpCookie, setupTestDatabase, testDocument, type TestDatabase } from "@/lib/annotations/testing/db";
import { setDocumentCatalog, staticCatalog } from "@/lib/seminars/catalog";

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 100);
const BASE = "http://localhost:3000";
const doc = testDocument("essay-en", ["The separate peace was never signed.", "Stalin probed Berlin twice, in 1942 and in 1943."]);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

type Handler = (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
interface Route {
  file: string;
  segments: string[]; // URL path segments; "[id]" style are params
  handlers: Partial<Record<(typeof METHODS)[number], Handler>>;
}

function routeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...routeFiles(p));
    else if (name === "route.ts") out.push(p);
  }
  return out.sort();
}

let testDb: TestDatabase;
let routes: Route[] = [];
let cookie = "";
let seminarId = "";
let annotationId = "";
let inviteCode = "";

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(staticCatalog([doc]));
  const apiDir = path.resolve("app/api");
  for (const file of routeFiles(apiDir)) {
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const handlers: Route["handlers"] = {};
    for (const m of METHODS) if (typeof mod[m] === "function") handlers[m] = mod[m] as Handler;
    routes.push({ file: path.relative(apiDir, file), segments: path.relative(apiDir, path.dirname(file)).split(path.sep), handlers });
  }
  cookie = await signUpCookie("Fuzzer");
  const seminars = (await import("./seminars/route")) as { POST: (r: Request) => Promise<Response> };
  const created = await seminars.POST(new Request(`${BASE}/api/seminars`, { method: "POST", headers: { cookie, origin: BASE, "content-type": "application/json" }, body: JSON.stringify({ title: "Fuzz", documents: ["essay-en"] }) }));
  ({ id: seminarId, inviteCode } = (await created.json()) as { id: string; inviteCode: string });
  const notes = (await import("./seminars/[id]/annotations/route")) as unknown as { POST: Handler };
  const note = await notes.POST(
    new Request(`${BASE}/api/seminars/${seminarId}/annotations`, {
      method: "POST",
      headers: { cookie, origin: BASE, "content-type": "application/json" },
      body: JSON.stringify({ target: { documentSlug: "essay-en", blockId: "p1", blockStart: 4, blockEnd: 12 }, body: "<p>seed</p>" }),
    }),
    { params: Promise.resolve({ id: seminarId }) },
  );
  annotationId = ((await note.json()) as { id: string }).id;
}, 120_000);

afterAll(async () => testDb?.close());

// ---- arbitraries ----
const huge = fc.integer({ min: 10_000, max: 300_000 }).map((n) => "x".repeat(n));
const nasty = fc.constantFrom("../../etc/passwd", "..%2F..%2F", "%00", "\u0000", "🦄", "Ｓｅｍｉｎａｒ", "\u202e", "' OR 1=1 --", "<script>alert(1)</script>", "", " ", "null", "-1", "1e309", "NaN");
const param = () =>
  fc.oneof(
    { arbitrary: fc.constant(seminarId), weight: 4 },
    { arbitrary: fc.constant(annotationId), weight: 2 },
    fc.constant(inviteCode),
    fc.uuid(),
    nasty,
    fc.string({ maxLength: 60, unit: "grapheme" }),
    fc.string({ maxLength: 3000 }),
  );
// Values of the wrong type in the right places: what a careless or hostile client sends.
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), huge, nasty, fc.constant(null), fc.constant(-1), fc.constant(1e308), fc.constant(2 ** 53 + 2));
const targetLike = fc.record(
  { documentSlug: fc.oneof(fc.constant("essay-en"), anyValue), blockId: fc.oneof(fc.constant("p1"), anyValue), blockStart: fc.oneof(fc.integer({ min: -5, max: 60 }), anyValue), blockEnd: fc.oneof(fc.integer({ min: -5, max: 60 }), anyValue), exact: anyValue, start: anyValue, end: anyValue },
  { requiredKeys: [] },
);
const noteLike = fc.record(
  {
    target: fc.oneof(targetLike, anyValue),
    bodyTarget: fc.oneof(targetLike, anyValue),
    body: fc.oneof(fc.string({ maxLength: 200 }), huge, fc.record({ type: fc.constant("doc"), content: anyValue }), anyValue),
    motivation: fc.oneof(fc.constantFrom("commenting", "highlighting", "replying", "linking", "tagging"), anyValue),
    visibility: fc.oneof(fc.constantFrom("private", "seminar", "instructors", "feedback"), anyValue),
    tags: fc.oneof(fc.array(fc.oneof(fc.string({ maxLength: 80 }), anyValue), { maxLength: 30 }), anyValue),
    parentId: fc.oneof(fc.constant(annotationId), anyValue),
    revision: fc.oneof(fc.integer({ min: -2, max: 5 }), anyValue),
    relation: anyValue,
    hidden: anyValue,
    title: anyValue,
    documents: anyValue,
    q: anyValue,
    recipientId: anyValue,
  },
  { requiredKeys: [] },
);
// Nearly right: the shape a client sends, with offsets, text and options drawn at random.
const nearlyValidNote = fc.record(
  {
    target: fc.record({ documentSlug: fc.constant("essay-en"), blockId: fc.constantFrom("p1", "p2", "p3"), blockStart: fc.integer({ min: -1, max: 50 }), blockEnd: fc.integer({ min: 0, max: 60 }) }),
    body: fc.oneof(fc.string({ maxLength: 300 }), fc.string({ maxLength: 40 }).map((t) => `<p>${t}</p><img src=x onerror=alert(1)><a href="javascript:x">y</a>`)),
    tags: fc.array(fc.string({ maxLength: 50 }), { maxLength: 25 }),
    visibility: fc.constantFrom("private", "seminar", "instructors", "feedback", "public"),
    motivation: fc.constantFrom("commenting", "highlighting", "linking", "bogus"),
    revision: fc.integer({ min: 0, max: 3 }),
  },
  { requiredKeys: ["target"] },
);
const invalidUtf8 = fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => Uint8Array.from([0xff, 0xfe, 0xc3, ...bytes, 0xe2, 0x82]));
const body = fc.oneof(
  { arbitrary: nearlyValidNote.map((v) => JSON.stringify(v)), weight: 3 },
  noteLike.map((v) => JSON.stringify(v)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 500 }),
  fc.constantFrom("", "{", "[", "null", "{\"a\":", "\u0000", "{}".repeat(10_000)),
  invalidUtf8,
);
const headerValue = fc.oneof(nasty, fc.string({ maxLength: 200 }).map((s) => s.replace(/[^\x20-\x7e]/g, "")));
const headers = fc.record(
  {
    cookie: fc.oneof({ arbitrary: fc.constant("valid"), weight: 6 }, headerValue, fc.constant("better-auth.session_token=forged.signature")),
    // Mostly the site's own origin (a write from its pages), sometimes a foreign or broken one.
    origin: fc.oneof({ arbitrary: fc.constant(BASE), weight: 6 }, fc.constantFrom("null", "https://evil.example", "https://localhost:3000", "http://["), headerValue),
    "sec-fetch-site": fc.constantFrom("same-origin", "cross-site", "none"),
    "content-type": fc.oneof(fc.constantFrom("application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/ld+json"), headerValue),
    "last-event-id": fc.oneof(fc.constantFrom("0", "-1", "1e9", "99999999999999999999", "abc"), headerValue),
    "if-match": fc.oneof(fc.constantFrom('"1"', 'W/"2"', "*", '"x"'), headerValue),
    // Rare: a broken Authorization header is refused before anything else is looked at.
    authorization: fc.oneof({ arbitrary: fc.constant(""), weight: 6 }, fc.constantFrom("Bearer ", "Bearer x", "Basic Zm9vOmJhcg=="), headerValue),
    accept: fc.constantFrom("application/json", "text/event-stream", "*/*", "application/ld+json"),
  },
  { requiredKeys: ["cookie"] },
);
const query = fc.array(fc.tuple(fc.constantFrom("q", "document", "seminar", "doc", "lang", "kind", "tag", "member", "from", "to", "limit", "after", "revision", "page", "relation"), fc.oneof(nasty, fc.string({ maxLength: 100 }))), { maxLength: 5 });

async function call(route: Route, method: (typeof METHODS)[number], params: string[], b: string | Uint8Array, h: Record<string, string>, q: Array<[string, string]>) {
  const names = route.segments.filter((s) => s.startsWith("["));
  const values: Record<string, string | string[]> = {};
  names.forEach((n, i) => {
    if (n.startsWith("[...")) values[n.slice(4, -1)] = [params[i] ?? "x"];
    else values[n.slice(1, -1)] = params[i] ?? "x";
  });
  const pathname = route.segments.map((s) => (s.startsWith("[") ? encodeURIComponent(String(values[s.replace(/^\[(\.\.\.)?|\]$/g, "")])) : s)).join("/");
  const url = new URL(`${BASE}/api/${pathname}`);
  for (const [k, v] of q) url.searchParams.append(k, v);
  const requestHeaders = new Headers();
  for (const [k, v] of Object.entries(h)) {
    if (k === "authorization" && v === "") continue;
    try {
      requestHeaders.set(k, k === "cookie" && v === "valid" ? cookie : v);
    } catch {
      // not a legal header value: a real client could not send it either
    }
  }
  const abort = new AbortController();
  const request = new Request(url, { method, headers: requestHeaders, body: method === "GET" ? undefined : (b as BodyInit), signal: abort.signal });
  const handler = route.handlers[method]!;
  const res = await handler(request, { params: Promise.resolve(values) });
  let text = "";
  if (res.headers.get("content-type")?.startsWith("text/event-stream")) {
    abort.abort();
    await res.body?.cancel().catch(() => {});
  } else {
    text = await res.text();
  }
  return { status: res.status, text };
}

describe("fuzzing every API route", () => {
  it("found the routes", () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
    expect(routes.map((r) => r.file)).toContain(path.join("seminars", "[id]", "annotations", "route.ts"));
  });

  it("answers random and malformed requests without a 5xx, a throw or a stack trace", async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const route of routes) {
      const methods = METHODS.filter((m) => route.handlers[m]);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...methods), fc.array(param(), { minLength: 3, maxLength: 3 }), body, headers, query, async (method, params, b, h, q) => {
          let result: { status: number; text: string };
          try {
            result = await call(route, method, params, b, h as Record<string, string>, q);
          } catch (e) {
            failures.push(`${method} ${route.file} threw ${(e as Error).message}`);
            return false;
          }
          statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
          if (result.status >= 500 || /\bat .*\((\/|file:)|node_modules/.test(result.text)) {
            failures.push(`${method} ${route.file} → ${result.status} ${result.text.slice(0, 200)}`);
            return false;
          }
          return true;
        }),
        { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      ).catch((e: Error) => failures.push(`${route.file}: ${e.message.split("\n").slice(0, 6).join(" | ")}`));
    }
    // The inputs reach past the front door: some succeed, some are refused for what they contain.
    if (process.env.FUZZ_VERBOSE) console.log(Object.fromEntries(statuses));
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  }, 400_000);

  it("stored nothing invalid", async () => {
    const { db } = await import("@/lib/db/client");
    const { MOTIVATIONS, VISIBILITIES } = await import("@/lib/annotations/access");
    const { RELATIONS, MAX_TAGS, MAX_TAG_LENGTH } = await import("@/lib/annotations/types");
    const all = await db().annotation.findMany({ include: { targets: true, tags: true } });
    expect(all.length).toBeGreaterThan(0);
    const text = doc.blocks.map((b) => b.text);
    for (const a of all) {
      expect(MOTIVATIONS as readonly string[]).toContain(a.motivation);
      expect(VISIBILITIES as readonly string[]).toContain(a.visibility);
      if (a.relation !== null) expect(RELATIONS as readonly string[]).toContain(a.relation);
      expect(a.bodyText.length).toBeLessThanOrEqual(10_000);
      expect(a.bodyHtml).not.toMatch(/<script|javascript:|\son\w+=/i);
      expect(a.tags.length).toBeLessThanOrEqual(MAX_TAGS);
      for (const t of a.tags) expect(t.tag.length).toBeGreaterThan(0), expect(t.tag.length).toBeLessThanOrEqual(MAX_TAG_LENGTH);
      if (a.motivation === "replying") expect(a.parentId).not.toBeNull();
      else {
        expect(a.targets.length).toBeGreaterThanOrEqual(1);
        for (const t of a.targets) {
          expect(t.documentSlug).toBe("essay-en");
          const i = Number(t.blockId.slice(1)) - 1;
          expect(text[i]).toBeDefined();
          expect(t.blockStart).toBeGreaterThanOrEqual(0);
          expect(t.blockEnd).toBeGreaterThan(t.blockStart);
          expect(text[i].slice(t.blockStart, t.blockEnd)).toBe(t.exact);
        }
      }
    }
  });
});
