/**
 * Bad input at scale: every route handler under app/api (found on disk, so new routes are fuzzed too),
 * called as Next calls it, with random and malformed bodies (random JSON, wrong types, huge strings,
 * invalid UTF-8), headers (content types, cookies, Last-Event-ID, If-Match, Authorization) and params
 * (ids, slugs with ../, unicode). Properties: never a 5xx, never a thrown handler, never a stack trace,
 * and afterwards no stored annotation with an invalid field.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signUpCookie, setupTestDatabase, testDocument, type TestDatabase } from "@/lib/annotations/testing/db";
import { setDocumentCatalog, staticCatalog } from "@/lib/seminars/catalog";
import { sameOriginPath } from "@/lib/http/same-origin-path";

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 100);

// Server actions read the request through next/headers; here they read the fuzz case's headers instead.
const actionRequest = { headers: new Headers() };
vi.mock("next/headers", () => ({
  headers: async () => actionRequest.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
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
const routes: Route[] = [];
/** Requests sent and 5xx answers, per kind: printed as one line for bench/RESULTS.md (bench/security.ts). */
const tally = { routeRequests: 0, route5xx: 0, actionCalls: 0, action5xx: 0 };
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
  const created = await seminars.POST(
    new Request(`${BASE}/api/seminars`, {
      method: "POST",
      headers: { cookie, origin: BASE, "content-type": "application/json" },
      body: JSON.stringify({ title: "Fuzz", documents: ["essay-en"] }),
    }),
  );
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
const nasty = fc.constantFrom(
  "../../etc/passwd",
  "..%2F..%2F",
  "%00",
  "%E0%A4%A",
  "%",
  "%zz",
  "\ud800",
  "a\udc00b",
  "\u0000",
  "🦄",
  "Ｓｅｍｉｎａｒ",
  "\u202e",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "",
  " ",
  "null",
  "-1",
  "1e309",
  "NaN",
);
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
  {
    documentSlug: fc.oneof(fc.constant("essay-en"), anyValue),
    blockId: fc.oneof(fc.constant("p1"), anyValue),
    blockStart: fc.oneof(fc.integer({ min: -5, max: 60 }), anyValue),
    blockEnd: fc.oneof(fc.integer({ min: -5, max: 60 }), anyValue),
    exact: anyValue,
    start: anyValue,
    end: anyValue,
  },
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
    target: fc.record({
      documentSlug: fc.constant("essay-en"),
      blockId: fc.constantFrom("p1", "p2", "p3"),
      blockStart: fc.integer({ min: -1, max: 50 }),
      blockEnd: fc.integer({ min: 0, max: 60 }),
    }),
    body: fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ maxLength: 40 }).map((t) => `<p>${t}</p><img src=x onerror=alert(1)><a href="javascript:x">y</a>`),
    ),
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
  fc.constantFrom("", "{", "[", "null", '{"a":', "\u0000", "{}".repeat(10_000)),
  // Valid JSON whose strings hold a lone surrogate (escaped, and raw): no Unicode text, refused as malformed.
  fc.constantFrom(
    '{"title":"\\ud800"}',
    '{"token":"\\udfff"}',
    '{"body":"<p>\\ud83d</p>","target":{"documentSlug":"essay-en","blockId":"p1","blockStart":0,"blockEnd":3}}',
    '{"\\ud800":1}',
    JSON.stringify({ title: "\ud800" }),
  ),
  invalidUtf8,
);
const headerValue = fc.oneof(
  nasty,
  fc.string({ maxLength: 200 }).map((s) => s.replace(/[^\x20-\x7e]/g, "")),
);
const headers = fc.record(
  {
    cookie: fc.oneof({ arbitrary: fc.constant("valid"), weight: 6 }, headerValue, fc.constant("better-auth.session_token=forged.signature")),
    // Mostly the site's own origin (a write from its pages), sometimes a foreign or broken one.
    origin: fc.oneof(
      { arbitrary: fc.constant(BASE), weight: 6 },
      fc.constantFrom("null", "https://evil.example", "https://localhost:3000", "http://["),
      headerValue,
    ),
    "sec-fetch-site": fc.constantFrom("same-origin", "cross-site", "none"),
    "content-type": fc.oneof(
      fc.constantFrom("application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/ld+json"),
      headerValue,
    ),
    "last-event-id": fc.oneof(fc.constantFrom("0", "-1", "1e9", "99999999999999999999", "abc"), headerValue),
    "if-match": fc.oneof(fc.constantFrom('"1"', 'W/"2"', "*", '"x"'), headerValue),
    // Rare: a broken Authorization header is refused before anything else is looked at.
    authorization: fc.oneof({ arbitrary: fc.constant(""), weight: 6 }, fc.constantFrom("Bearer ", "Bearer x", "Basic Zm9vOmJhcg=="), headerValue),
    accept: fc.constantFrom("application/json", "text/event-stream", "*/*", "application/ld+json"),
  },
  { requiredKeys: ["cookie"] },
);
const query = fc.array(
  fc.tuple(
    fc.constantFrom("q", "document", "seminar", "doc", "lang", "kind", "tag", "member", "from", "to", "limit", "after", "revision", "page", "relation"),
    fc.oneof(nasty, fc.string({ maxLength: 100 })),
  ),
  { maxLength: 5 },
);

async function call(
  route: Route,
  method: (typeof METHODS)[number],
  params: string[],
  b: string | Uint8Array,
  h: Record<string, string>,
  q: Array<[string, string]>,
  slash = false,
) {
  const names = route.segments.filter((s) => s.startsWith("["));
  const values: Record<string, string | string[]> = {};
  names.forEach((n, i) => {
    if (n.startsWith("[...")) values[n.slice(4, -1)] = [params[i] ?? "x"];
    else values[n.slice(1, -1)] = params[i] ?? "x";
  });
  // A lone surrogate cannot be percent-encoded (nor arrive in a real path); the handler still gets it as a param.
  const encode = (v: string) => {
    try {
      return encodeURIComponent(v);
    } catch {
      return "x";
    }
  };
  const pathname = route.segments.map((s) => (s.startsWith("[") ? encode(String(values[s.replace(/^\[(\.\.\.)?|\]$/g, "")])) : s)).join("/");
  // Either form of the path: some routes serve one and redirect the other (the W3C container's IRI ends in "/").
  const url = new URL(`${BASE}/api/${pathname}${slash ? "/" : ""}`);
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

describe("the malformed inputs of the attack (issue 14, item 9)", () => {
  const post = async (route: string, params: Record<string, string>, body: string) => {
    const mod = (await import(/* @vite-ignore */ path.resolve("app/api", route))) as Record<string, Handler>;
    const url = `${BASE}/api/${route.replace(/\/route\.ts$/, "").replace(/\[(\w+)\]/g, (_m, k: string) => encodeURIComponent(params[k] ?? ""))}`;
    const res = await mod.POST(new Request(url, { method: "POST", headers: { cookie, origin: BASE, "content-type": "application/json" }, body }), {
      params: Promise.resolve(params),
    });
    return { status: res.status, body: (await res.json()) as { code: string } };
  };

  it("a lone surrogate in a seminar title or an upload token is a 400, not a 500", async () => {
    expect(await post("seminars/route.ts", {}, '{"title":"Seminar \\ud800"}')).toMatchObject({ status: 400, body: { code: "malformed-json" } });
    expect(await post("seminars/[id]/uploads/publish/route.ts", { id: seminarId }, '{"token":"\\udc00abc"}')).toMatchObject({
      status: 400,
      body: { code: "malformed-json" },
    });
    // A proper pair is text like any other.
    expect((await post("seminars/route.ts", {}, '{"title":"Seminar \\ud83e\\udd84"}')).status).toBe(201);
  });

  it("malformed percent-encoding that reaches decodeURIComponent is a 400, not a 500", async () => {
    const { errorResponse } = await import("@/lib/http/respond");
    let thrown: unknown;
    try {
      decodeURIComponent("%E0%A4%A");
    } catch (e) {
      thrown = e;
    }
    const res = errorResponse(thrown);
    expect([res.status, ((await res.json()) as { code: string }).code]).toEqual([400, "invalid-request"]);
  });
});

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
      await fc
        .assert(
          fc.asyncProperty(
            fc.constantFrom(...methods),
            fc.array(param(), { minLength: 3, maxLength: 3 }),
            body,
            headers,
            query,
            fc.boolean(),
            async (method, params, b, h, q, slash) => {
              let result: { status: number; text: string };
              try {
                result = await call(route, method, params, b, h as Record<string, string>, q, slash);
              } catch (e) {
                failures.push(`${method} ${route.file} threw ${(e as Error).message}`);
                return false;
              }
              statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
              tally.routeRequests++;
              // The readiness probe answers 503 by design when it is not ready (here: a test database made without
              // Prisma's migration record); that is its answer, not a failure.
              const notReady = route.file.includes(`health${path.sep}ready`) && result.status === 503 && /"ready":\s*false/.test(result.text);
              if (result.status >= 500 && !notReady) tally.route5xx++;
              if ((result.status >= 500 && !notReady) || /\bat .*\((\/|file:)|node_modules/.test(result.text)) {
                failures.push(`${method} ${route.file} → ${result.status} ${result.text.slice(0, 200)}`);
                return false;
              }
              return true;
            },
          ),
          { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
        )
        .catch((e: Error) => failures.push(`${route.file}: ${e.message.split("\n").slice(0, 6).join(" | ")}`));
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
      for (const t of a.tags) {
        expect(t.tag.length).toBeGreaterThan(0);
        expect(t.tag.length).toBeLessThanOrEqual(MAX_TAG_LENGTH);
      }
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

// ---- server actions ----
// Every exported function of every "use server" file under app/ (found on disk, so new actions are fuzzed
// too), called as a form post would call it. In Next an action that throws is a 500; one that ends in
// redirect() or notFound() is an ordinary answer. So the property: an action returns, redirects to a path on
// this site (no other host, no control characters: those give a 500 or an open redirect), or is not found.

function actionFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...actionFiles(p));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && /^\s*["']use server["']/.test(readFileSync(p, "utf8"))) out.push(p);
  }
  return out.sort();
}

/** How Next answers what an action threw: a redirect to `location`, a not-found page, or a 500. */
function outcome(e: unknown): { kind: "redirect"; location: string } | { kind: "not-found" } | { kind: "error"; message: string } {
  const digest = (e as { digest?: unknown } | null)?.digest;
  if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;")) return { kind: "redirect", location: digest.split(";").slice(2, -2).join(";") };
  if (typeof digest === "string" && digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return { kind: "not-found" };
  return { kind: "error", message: (e as Error | null)?.message ?? String(e) };
}

const FORM_FIELDS = [
  "locale",
  "next",
  "email",
  "password",
  "name",
  "seminarId",
  "title",
  "description",
  "documents",
  "code",
  "tokenId",
  "entryId",
  "de",
  "en",
  "ru",
  "postFirst",
  "linkId",
  "revision",
  "relation",
  "reply",
  "query",
  "everywhere",
  "id",
  "tag",
  "color",
  "slug",
] as const;
const formValue = () =>
  fc.oneof(
    { arbitrary: fc.constantFrom("en", "de", "ru"), weight: 2 },
    fc.constant("__seminar__"),
    fc.constant("__annotation__"),
    nasty,
    fc.constantFrom(
      "/%09/evil.example",
      "/\t/evil.example",
      "//evil.example",
      "https://evil.example",
      "/en\n/x",
      "\ud800",
      "a\udfffb",
      "x".repeat(5000),
      "1",
      "-1",
      "supports",
      "#ff0000",
    ),
    fc.string({ maxLength: 80 }),
  );
const formEntries = fc.array(fc.tuple(fc.constantFrom(...FORM_FIELDS), formValue()), { maxLength: 12 });

describe("fuzzing every server action", () => {
  const actions: Array<{ file: string; name: string; fn: (...args: unknown[]) => Promise<unknown> }> = [];

  beforeAll(async () => {
    for (const file of actionFiles(path.resolve("app"))) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      for (const [name, fn] of Object.entries(mod))
        if (typeof fn === "function") actions.push({ file: path.relative(path.resolve("app"), file), name, fn: fn as never });
    }
  });

  it("found the actions", () => {
    expect(actions.length).toBeGreaterThanOrEqual(10);
    expect(actions.map((a) => a.name)).toEqual(
      expect.arrayContaining(["signInAction", "signUpAction", "createSeminarAction", "anchorLiveNotes", "markShownReadAction"]),
    );
  });

  it("answer random and malformed forms with a page or a same-site redirect, never a 500 or another host", async () => {
    const failures: string[] = [];
    // Sign-out actions end their session: each action file gets a member of its own.
    const cookies = new Map<string, string>();
    for (const a of actions) if (!cookies.has(a.file)) cookies.set(a.file, await signUpCookie("Actor"));
    for (const action of actions) {
      await fc
        .assert(
          fc.asyncProperty(
            formEntries,
            fc.constantFrom("valid", "", "better-auth.session_token=forged.signature"),
            fc.oneof({ arbitrary: fc.constant("form" as const), weight: 4 }, fc.constant("values" as const)),
            fc.array(anyValue, { maxLength: 3 }),
            async (entries, cookieKind, shape, values) => {
              const form = new FormData();
              for (const [k, v] of entries) form.append(k, v === "__seminar__" ? seminarId : v === "__annotation__" ? annotationId : v);
              actionRequest.headers = new Headers({ host: "localhost:3000", "x-forwarded-proto": "http", origin: BASE });
              const c = cookieKind === "valid" ? cookies.get(action.file)! : cookieKind;
              if (c) actionRequest.headers.set("cookie", c);
              // Form actions take the form last (useActionState's get the previous state first).
              const args = shape === "form" ? [...Array(Math.max(0, action.fn.length - 1)).fill(null), form] : values;
              tally.actionCalls++;
              try {
                await action.fn(...args);
                return true;
              } catch (e) {
                const o = outcome(e);
                if (o.kind === "not-found") return true;
                if (o.kind === "redirect" && sameOriginPath(o.location) !== null && !/[\u0000-\u001f\u007f]/.test(o.location)) return true;
                tally.action5xx++;
                failures.push(
                  `${action.file} ${action.name}(${shape}): ${o.kind === "redirect" ? `redirect to ${JSON.stringify(o.location).slice(0, 120)}` : o.message.slice(0, 200)}`,
                );
                return false;
              }
            },
          ),
          { numRuns: Math.max(10, Math.round(RUNS_PER_ROUTE / 2)), endOnFailure: true },
        )
        .catch(() => {}); // the failure itself is in `failures`
    }
    expect(failures).toEqual([]);
  }, 400_000);

  afterAll(() => {
    // One line for bench/security.ts to read (the counts of this run).
    console.log(`[fuzz-tally] ${JSON.stringify(tally)}`);
  });
});
