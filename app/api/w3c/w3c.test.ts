/**
 * The W3C Web Annotation Protocol container: media type and headers, creating from JSON-LD (ours and
 * others'), ETag/If-Match on edits, personal access tokens as Bearer, export → import without loss.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, setupTestDatabase, testDocument, type TestDatabase } from "@/lib/annotations/testing/db";
import { setDocumentCatalog, staticCatalog } from "@/lib/seminars/catalog";

const doc = testDocument("essay-en", ["The separate peace was never signed.", "Stalin probed Berlin twice in 1943."]);
const BASE = "http://localhost:3000";
let testDb: TestDatabase;
let container: typeof import("./seminars/[id]/route");
let item: typeof import("./seminars/[id]/[annotationId]/route");
let auth = "";
let otherAuth = "";
let seminarId = "";
let secondSeminarId = "";
let ownerId = "";

const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });
function req(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; token?: string } = {}): Request {
  return new Request(BASE + path, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${init.token ?? auth}`, "content-type": "application/ld+json", host: "localhost:3000", ...(init.headers ?? {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(staticCatalog([doc]));
  container = await import("./seminars/[id]/route");
  item = await import("./seminars/[id]/[annotationId]/route");
  const { createToken } = await import("@/lib/auth/tokens");
  const { createSeminar } = await import("@/lib/seminars");
  const owner = await createTestUser("Owner");
  ownerId = owner.id;
  auth = (await createToken(owner.id, "protocol test")).token;
  otherAuth = (await createToken((await createTestUser("Other")).id, "other")).token;
  seminarId = (await createSeminar(owner.id, { title: "Protocol", documents: ["essay-en"] })).id;
  secondSeminarId = (await createSeminar(owner.id, { title: "Import target", documents: ["essay-en"] })).id;
});
afterAll(async () => testDb?.close());

const post = (sid: string, body: unknown) => container.POST(req(`/api/w3c/seminars/${sid}/`, { method: "POST", body }), ctx({ id: sid }));
const foreign = (exact: string) => ({
  "@context": "http://www.w3.org/ns/anno.jsonld",
  type: "Annotation",
  motivation: "commenting",
  body: { type: "TextualBody", value: "<p>From another tool</p>", format: "text/html" },
  target: { type: "SpecificResource", source: "https://example.org/texts/essay-en", selector: { type: "TextQuoteSelector", exact } },
});

describe("W3C Web Annotation Protocol", () => {
  it("creates from someone else's JSON-LD (a quote is enough), with Location and ETag", async () => {
    const res = await post(seminarId, foreign("probed Berlin"));
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
    const created = await res.json();
    expect(res.headers.get("location")).toBe(created.id);
    expect(created.id).toMatch(new RegExp(`^${BASE}/api/w3c/seminars/${seminarId}/[0-9a-f-]{36}$`));
    expect("canonical" in created).toBe(false);
    expect(created.target.selector).toEqual(
      expect.arrayContaining([
        { type: "TextQuoteSelector", exact: "probed Berlin", prefix: expect.any(String), suffix: expect.any(String) },
        { type: "TextPositionSelector", start: 45, end: 58 },
      ]),
    );
    expect(res.headers.get("etag")).toMatch(/^"1\.\d+"$/);
    const missing = await post(seminarId, foreign("a sentence that is not in the text"));
    expect([missing.status, (await missing.json()).code]).toEqual([409, "quote-mismatch"]);
    const broken = await post(seminarId, { type: "Annotation" });
    expect([broken.status, (await broken.json()).code]).toEqual([400, "invalid-request"]);
  });

  it("keeps the canonical IRI given on creation, refuses to change it, and keeps it through a PUT without it", async () => {
    const canonical = "urn:uuid:3a7c5e1f-8b2d-4c6e-9f0a-1b2c3d4e5f60";
    const res = await post(seminarId, { ...foreign("separate peace"), canonical });
    const created = await res.json();
    expect([res.status, created.canonical]).toEqual([201, canonical]);
    const annotationId = created.id.split("/").pop();
    const path = `/api/w3c/seminars/${seminarId}/${annotationId}`;
    const got = await item.GET(req(path), ctx({ id: seminarId, annotationId }));
    expect((await got.json()).canonical).toBe(canonical);
    const etag = got.headers.get("etag")!;
    const changed = await item.PUT(
      req(path, { method: "PUT", body: { ...created, canonical: "urn:uuid:other" }, headers: { "if-match": etag } }),
      ctx({ id: seminarId, annotationId }),
    );
    expect([changed.status, (await changed.json()).reason]).toEqual([400, "canonical cannot change"]);
    const { canonical: _c, ...without } = created;
    const kept = await item.PUT(
      req(path, { method: "PUT", body: { ...without, body: { type: "TextualBody", value: "Edited" } }, headers: { "if-match": etag } }),
      ctx({ id: seminarId, annotationId }),
    );
    expect([kept.status, (await kept.json()).canonical]).toEqual([200, canonical]);
    const bad = await post(seminarId, { ...foreign("separate peace"), canonical: "no scheme" });
    expect([bad.status, (await bad.json()).code]).toEqual([400, "invalid-request"]);
    expect((await item.DELETE(req(path, { method: "DELETE" }), ctx({ id: seminarId, annotationId }))).status).toBe(204);
  });

  it("creates from a target given as { source, selector } without a type (as Hypothesis sends it)", async () => {
    const { target, ...rest } = foreign("Stalin probed");
    const { type: _type, ...untyped } = target;
    const res = await post(seminarId, {
      ...rest,
      target: [{ ...untyped, selector: [{ type: "TextPositionSelector", start: 38, end: 51 }, untyped.selector] }],
    });
    const created = await res.json();
    expect(res.status).toBe(201);
    expect(created.target).toMatchObject({
      type: "SpecificResource",
      selector: expect.arrayContaining([{ type: "TextQuoteSelector", exact: "Stalin probed", prefix: expect.any(String), suffix: expect.any(String) }]),
    });
    const annotationId = created.id.split("/").pop();
    expect((await item.DELETE(req(`/api/w3c/seminars/${seminarId}/${annotationId}`, { method: "DELETE" }), ctx({ id: seminarId, annotationId }))).status).toBe(
      204,
    );
  });

  it("answers OPTIONS with 200 and what is allowed, on the container and on an annotation", async () => {
    const c = container.OPTIONS(req(`/api/w3c/seminars/${seminarId}/`, { method: "OPTIONS" }));
    expect([c.status, c.headers.get("allow"), c.headers.get("accept-post")]).toEqual([
      200,
      "GET, HEAD, OPTIONS, POST",
      'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
    ]);
    const a = item.OPTIONS(req(`/api/w3c/seminars/${seminarId}/some-annotation`, { method: "OPTIONS" }));
    expect([a.status, a.headers.get("allow")]).toEqual([200, "GET, HEAD, OPTIONS, PUT, DELETE"]);
  });

  it("moves requests to the form of the path its IRIs use (308 keeps the method)", async () => {
    const old = await container.POST(req(`/api/w3c/seminars/${seminarId}?x=1`, { method: "POST", body: foreign("separate peace") }), ctx({ id: seminarId }));
    expect([old.status, old.headers.get("location")]).toEqual([308, `/api/w3c/seminars/${seminarId}/?x=1`]);
    expect((await container.GET(req(`/api/w3c/seminars/${seminarId}`), ctx({ id: seminarId }))).status).toBe(308);
    const a = await item.GET(req(`/api/w3c/seminars/${seminarId}/abc/`), ctx({ id: seminarId, annotationId: "abc" }));
    expect([a.status, a.headers.get("location")]).toEqual([308, `/api/w3c/seminars/${seminarId}/abc`]);
  });

  it("serves the container with the Protocol's headers, paged", async () => {
    const res = await container.GET(req(`/api/w3c/seminars/${seminarId}/`), ctx({ id: seminarId }));
    expect(res.status).toBe(200);
    expect(res.headers.get("link")).toContain('<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"');
    expect(res.headers.get("allow")).toContain("POST");
    const body = await res.json();
    expect(body.type).toEqual(["BasicContainer", "AnnotationCollection"]);
    expect(body.id).toBe(`${BASE}/api/w3c/seminars/${seminarId}/`);
    expect(res.headers.get("content-location")).toBe(body.id);
    expect(body.first.id).toBe(`${body.id}?page=0`);
    expect(body["@context"]).toContain("http://www.w3.org/ns/anno.jsonld");
    expect(body.total).toBe(1);
    expect(body.first.items[0].id).toMatch(/^http:\/\/localhost:3000\/api\/w3c\/seminars\//);
    const again = await container.GET(
      req(`/api/w3c/seminars/${seminarId}/`, { headers: { "if-none-match": res.headers.get("etag")! } }),
      ctx({ id: seminarId }),
    );
    expect(again.status).toBe(304);
    const prefer = (iri: string) => ({ prefer: `return=representation; include="${iri}"` });
    const irisRes = await container.GET(
      req(`/api/w3c/seminars/${seminarId}/`, { headers: prefer("http://www.w3.org/ns/oa#PreferContainedIRIs") }),
      ctx({ id: seminarId }),
    );
    const iris = await irisRes.json();
    expect(iris.first.items).toEqual([body.first.items[0].id]);
    // A page fetched from its IRI (without Prefer) keeps the choice; a different representation has a different ETag.
    expect(iris.first.id).toBe(`${body.id}?iris=1&page=0`);
    expect([irisRes.headers.get("preference-applied"), irisRes.headers.get("etag") === res.headers.get("etag")]).toEqual(["return=representation", false]);
    const page = await (await container.GET(req(`/api/w3c/seminars/${seminarId}/?iris=1&page=0`), ctx({ id: seminarId }))).json();
    expect([page.id, page.items, page.partOf.id]).toEqual([iris.first.id, iris.first.items, body.id]);
    const minimalRes = await container.GET(
      req(`/api/w3c/seminars/${seminarId}/`, { headers: prefer("http://www.w3.org/ns/ldp#PreferMinimalContainer") }),
      ctx({ id: seminarId }),
    );
    const minimal = await minimalRes.json();
    expect([minimal.first, minimal.last, JSON.stringify(minimal).includes('"items"')]).toEqual([`${body.id}?page=0`, `${body.id}?page=0`, false]);
    const both = await (
      await container.GET(
        req(`/api/w3c/seminars/${seminarId}/`, {
          headers: {
            prefer: 'return=representation; include="http://www.w3.org/ns/oa#PreferContainedIRIs http://www.w3.org/ns/oa#PreferContainedDescriptions"',
          },
        }),
        ctx({ id: seminarId }),
      )
    ).json();
    expect(both.first.items[0]).toMatchObject({ id: body.first.items[0].id, type: "Annotation" });
    const stranger = await container.GET(req(`/api/w3c/seminars/${seminarId}/`, { token: otherAuth }), ctx({ id: seminarId }));
    expect(stranger.status).toBe(404);
    const anonymous = await container.GET(req(`/api/w3c/seminars/${seminarId}/`, { token: "syn_invalid" }), ctx({ id: seminarId }));
    expect(anonymous.status).toBe(401);
  });

  it("pages the container both ways: first to last by next, last to first by prev, every annotation once", async () => {
    await post(seminarId, foreign("separate peace"));
    await post(seminarId, foreign("separate peace"));
    const get = async (url: string) => {
      const res = await container.GET(req(new URL(url, BASE).pathname + new URL(url, BASE).search), ctx({ id: seminarId }));
      expect(res.status).toBe(200);
      return { res, body: await res.json() };
    };
    const top = (await get(`/api/w3c/seminars/${seminarId}/?limit=1`)).body;
    expect([top.first.id, top.last]).toEqual([`${top.id}?limit=1&page=0`, `${top.id}?limit=1&page=last`]);
    const walk = async (from: string, link: "next" | "prev") => {
      const pages: string[][] = [];
      for (let url: string | undefined = from; url;) {
        const { res, body } = await get(url);
        expect([body.type, body.partOf.id, body.partOf.total, res.headers.get("content-location")]).toEqual(["AnnotationPage", top.id, top.total, body.id]);
        expect(body.items.length).toBe(1);
        pages.push(body.items.map((a: { id: string }) => a.id));
        expect(pages.length).toBeLessThan(50);
        url = body[link];
      }
      return pages;
    };
    const forward = await walk(top.first.id, "next");
    expect(forward.flat().length).toBe(top.total);
    expect(new Set(forward.flat()).size).toBe(top.total);
    expect(forward[0]).toEqual(top.first.items.map((a: { id: string }) => a.id));
    expect((await walk(top.last, "prev")).reverse()).toEqual(forward);
    // A page's IRI gives the same page again while nothing changes, and a second page links back to the first's content.
    const second = (await get(top.first.next)).body;
    expect((await get(second.id)).body.items).toEqual(second.items);
    expect((await get(second.prev)).body.items).toEqual(top.first.items);
    const bad = await container.GET(req(`/api/w3c/seminars/${seminarId}/?page=not-a-cursor`), ctx({ id: seminarId }));
    expect(bad.status).toBe(400);
    const badBack = await container.GET(req(`/api/w3c/seminars/${seminarId}/?page=upto.not-a-cursor`), ctx({ id: seminarId }));
    expect(badBack.status).toBe(400);
  });

  it("edits need If-Match with the current ETag: 428 without, 412 when stale", async () => {
    const created = await (await post(seminarId, foreign("separate peace"))).json();
    const annotationId = created.id.split("/").pop();
    const path = `/api/w3c/seminars/${seminarId}/${annotationId}`;
    const got = await item.GET(req(path), ctx({ id: seminarId, annotationId }));
    const etag = got.headers.get("etag")!;
    const edited = {
      ...(await got.json()),
      body: [
        { type: "TextualBody", value: "<p>Edited</p>", format: "text/html" },
        { type: "TextualBody", value: "peace", purpose: "tagging" },
      ],
    };

    const noMatch = await item.PUT(req(path, { method: "PUT", body: edited }), ctx({ id: seminarId, annotationId }));
    expect([noMatch.status, (await noMatch.json()).code]).toEqual([428, "precondition-required"]);
    const ok = await item.PUT(req(path, { method: "PUT", body: edited, headers: { "if-match": etag } }), ctx({ id: seminarId, annotationId }));
    expect(ok.status).toBe(200);
    const saved = await ok.json();
    expect([saved.body].flat().map((b: { value: string }) => b.value)).toEqual(["<p>Edited</p>", "peace"]);
    expect(ok.headers.get("etag")).not.toBe(etag);
    const stale = await item.PUT(req(path, { method: "PUT", body: edited, headers: { "if-match": etag } }), ctx({ id: seminarId, annotationId }));
    const staleBody = await stale.json();
    expect([stale.status, staleBody.code]).toEqual([412, "precondition-failed"]);
    expect(staleBody.current.id).toBe(created.id);

    // The same annotation is not reachable through another seminar's container.
    expect((await item.GET(req(`/api/w3c/seminars/${secondSeminarId}/${annotationId}`), ctx({ id: secondSeminarId, annotationId }))).status).toBe(404);
    const del = await item.DELETE(req(path, { method: "DELETE", headers: { "if-match": ok.headers.get("etag")! } }), ctx({ id: seminarId, annotationId }));
    expect(del.status).toBe(204);
    expect((await item.GET(req(path), ctx({ id: seminarId, annotationId }))).status).toBe(404);
  });

  it("exports and imports into another seminar without loss of passage, body, tags or motivation", async () => {
    const { createAnnotation } = await import("@/lib/annotations/store");
    await createAnnotation(ownerId, seminarId, {
      motivation: "linking",
      relation: "context",
      target: { documentSlug: "essay-en", blockId: "p1", blockStart: 4, blockEnd: 18 },
      bodyTarget: { documentSlug: "essay-en", blockId: "p2", blockStart: 0, blockEnd: 6 },
      tags: ["chronology"],
    });
    const exported = await (await container.GET(req(`/api/w3c/seminars/${seminarId}/`), ctx({ id: seminarId }))).json();
    for (const a of exported.first.items) {
      const { id: _id, ...rest } = a;
      const res = await post(secondSeminarId, { "@context": exported["@context"], ...rest });
      expect(res.status).toBe(201);
    }
    const imported = await (await container.GET(req(`/api/w3c/seminars/${secondSeminarId}/`), ctx({ id: secondSeminarId }))).json();
    const essential = (items: Array<Record<string, unknown>>) =>
      items.map((a) => JSON.stringify({ motivation: a.motivation, body: a.body, target: a.target })).sort();
    expect(essential(imported.first.items)).toEqual(essential(exported.first.items));
  });

  it("a container holding more than its count reads states no total, and its pages still lead through every annotation", async () => {
    const { createSeminar } = await import("@/lib/seminars");
    const { COUNT_LIMIT } = await import("@/lib/annotations/list");
    const { db } = await import("@/lib/db/client");
    const { insertAnnotations } = await import("@/lib/annotations/insert");
    const big = (await createSeminar(ownerId, { title: "Many", documents: ["essay-en"] })).id;
    const first = (await (await post(big, foreign("separate peace"))).json()) as { id: string };
    const { getAnnotation } = await import("@/lib/annotations/store");
    const template = await getAnnotation(ownerId, first.id.split("/").pop()!);
    const copies = Array.from({ length: COUNT_LIMIT }, (_, i) => {
      const at = new Date(Date.parse(template.createdAt) + (i + 1) * 1000).toISOString();
      return { ...template, id: crypto.randomUUID(), createdAt: at, updatedAt: at };
    });
    await db().$transaction((tx) => insertAnnotations(tx, copies));
    const get = async (url: string) => (await container.GET(req(new URL(url, BASE).pathname + new URL(url, BASE).search), ctx({ id: big }))).json();
    const top = await get(`/api/w3c/seminars/${big}/?limit=500`);
    expect("total" in top).toBe(false);
    expect(typeof top.last).toBe("string");
    let seen = 0;
    for (let page = top.first; page; page = page.next ? await get(page.next) : null) {
      expect(page.partOf?.total).toBeUndefined();
      seen += page.items.length;
    }
    expect(seen).toBe(COUNT_LIMIT + 1);
  });
});
