/**
 * The export and import routes over HTTP semantics: a Bearer token, attachment headers, JSON error codes,
 * and an import answered with what was imported and skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, setupTestDatabase, testDocument, type TestDatabase } from "@/lib/annotations/testing/db";
import { setDocumentCatalog, staticCatalog } from "@/lib/seminars/catalog";

const doc = testDocument("essay-en", ["The separate peace was never signed.", "Stalin probed Berlin twice in 1943."]);
const BASE = "http://localhost:3000";
let testDb: TestDatabase;
let exportRoute: typeof import("./route");
let importRoute: typeof import("../import/route");
let token = "",
  outsiderToken = "",
  seminarId = "",
  targetId = "";

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const get = (path: string, bearer = token) => new Request(BASE + path, { headers: { authorization: `Bearer ${bearer}`, host: "localhost:3000" } });

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(staticCatalog([doc]));
  exportRoute = await import("./route");
  importRoute = await import("../import/route");
  const { createToken } = await import("@/lib/auth/tokens");
  const { createSeminar } = await import("@/lib/seminars");
  const { createAnnotation } = await import("@/lib/annotations/store");
  const owner = await createTestUser("Owner");
  token = (await createToken(owner.id, "export test")).token;
  outsiderToken = (await createToken((await createTestUser("Outsider")).id, "outsider")).token;
  seminarId = (await createSeminar(owner.id, { title: "Export route", documents: ["essay-en"] })).id;
  targetId = (await createSeminar(owner.id, { title: "Import target", documents: ["essay-en"] })).id;
  await createAnnotation(owner.id, seminarId, { target: { documentSlug: "essay-en", blockId: "p2", blockStart: 7, blockEnd: 13 }, body: "<p>Route note</p>" });
});
afterAll(async () => {
  setDocumentCatalog(null);
  await testDb?.close();
});

describe("GET /api/seminars/[id]/export", () => {
  it("answers with an attachment in the asked format", async () => {
    const res = await exportRoute.GET(get(`/api/seminars/${seminarId}/export?format=csv&scope=mine`), ctx(seminarId));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="synopse-export-route-my-annotations\.csv"/);
    expect(await res.text()).toContain("Route note");
  });

  it("uses an absolute collection IRI from the request's origin", async () => {
    const body = await (await exportRoute.GET(get(`/api/seminars/${seminarId}/export`), ctx(seminarId))).json();
    expect(body.id).toBe(`${BASE}/api/seminars/${seminarId}/export?format=jsonld&scope=seminar`);
    expect(body.total).toBe(1);
  });

  it("refuses bad parameters, strangers and anonymous callers with JSON codes", async () => {
    const bad = await exportRoute.GET(get(`/api/seminars/${seminarId}/export?format=pdf`), ctx(seminarId));
    expect([bad.status, (await bad.json()).code]).toEqual([400, "invalid-request"]);
    const stranger = await exportRoute.GET(get(`/api/seminars/${seminarId}/export`, outsiderToken), ctx(seminarId));
    expect([stranger.status, (await stranger.json()).code]).toEqual([404, "not-found"]);
    const anonymous = await exportRoute.GET(new Request(`${BASE}/api/seminars/${seminarId}/export`), ctx(seminarId));
    expect([anonymous.status, (await anonymous.json()).code]).toEqual([401, "unauthenticated"]);
  });
});

describe("POST /api/seminars/[id]/import", () => {
  it("imports an export and reports the result", async () => {
    const exported = await (await exportRoute.GET(get(`/api/seminars/${seminarId}/export`), ctx(seminarId))).text();
    const post = (id: string, body: string, bearer = token) =>
      importRoute.POST(
        new Request(`${BASE}/api/seminars/${id}/import`, {
          method: "POST",
          body,
          headers: { authorization: `Bearer ${bearer}`, "content-type": "application/ld+json", host: "localhost:3000" },
        }),
        ctx(id),
      );
    const res = await post(targetId, exported);
    expect([res.status, await res.json()]).toEqual([200, { imported: 1, skipped: [], authorsKept: 1, reattributed: [] }]);
    const malformed = await post(targetId, "{not json");
    expect([malformed.status, (await malformed.json()).code]).toEqual([400, "malformed-json"]);
    const stranger = await post(targetId, exported, outsiderToken);
    expect([stranger.status, (await stranger.json()).code]).toEqual([404, "not-found"]);
  });
});
