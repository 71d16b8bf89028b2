/**
 * GET /api/documents/[slug]/window as Next calls it: the reader's authorization (an uploaded text only for its
 * seminars' members, anyone else told it does not exist), windows by number and by block, the pane's ids and
 * the interface language's labels. A volume uploaded to a seminar (stored as the upload does), a temp SQLite
 * database, real sign-ups.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase, signUpCookie, type TestDatabase } from "@/lib/annotations/testing/db";
import { listDocuments } from "@/lib/content/store";
import { fixtureVolume } from "@/lib/reader/testing/volume";
import { planWindows } from "@/lib/reader/window";
import type { WindowResponse } from "./route";

const BASE = "http://localhost:3000";
const volume = fixtureVolume(400, `band-${Date.now().toString(36)}`);
const slug = volume.meta.slug;
let testDb: TestDatabase;
let route: typeof import("./route");
let memberCookie = "";
let outsiderCookie = "";

const get = (path: string, cookie = memberCookie) =>
  route.GET(new Request(BASE + path, { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({ slug: decodeURIComponent(path.split("/")[3]) }) });
const windowPath = (query: string, s = slug) => `/api/documents/${encodeURIComponent(s)}/window?${query}`;

beforeAll(async () => {
  testDb = await setupTestDatabase();
  route = await import("./route");
  const { getSessionUser } = await import("@/lib/auth/server");
  const { createSeminar } = await import("@/lib/seminars");
  const { db } = await import("@/lib/db/client");
  memberCookie = await signUpCookie("Instructor");
  outsiderCookie = await signUpCookie("Outsider");
  const instructor = (await getSessionUser(new Headers({ cookie: memberCookie })))!.id;
  const seminar = await createSeminar(instructor, { title: "Volume", documents: [] });
  // What publishing an upload writes (lib/teaching/upload.ts): the document and its place in the seminar.
  await db().uploadedDocument.create({ data: { slug, seminarId: seminar.id, markdown: "", document: JSON.stringify(volume), createdBy: instructor } });
  await db().seminarDocument.create({ data: { seminarId: seminar.id, slug } });
}, 60_000);
afterAll(async () => testDb?.close());

describe("GET /api/documents/[slug]/window", () => {
  const plan = planWindows(volume);

  it("gives a member the window asked for, its blocks' ids in the pane's namespace", async () => {
    const res = await get(windowPath("n=1&pane=pane2&locale=en"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as WindowResponse;
    expect(body).toMatchObject({ slug, version: volume.version, n: 1, count: plan.windows.length, firstBlockId: plan.windows[1].firstBlockId });
    expect(plan.windows.length).toBeGreaterThan(2);
    expect(body.html).toContain(`id="pane2-${plan.windows[1].firstBlockId}"`);
    expect(body.html).not.toContain(`id="pane2-${plan.windows[0].firstBlockId}"`);
    expect(body.html).not.toContain(`id="pane1-`);
    expect(body.html).toContain(`aria-label="Footnote `);
  });

  it("finds the window of a block or footnote deep in the volume", async () => {
    const late = plan.body[plan.body.length - 3].id;
    const body = (await (await get(windowPath(`block=${late}&locale=de`))).json()) as WindowResponse;
    expect(body.n).toBe(plan.windows.length - 1);
    expect(body.html).toContain(`data-block-id="${late}"`);
    // The interface language's labels around the German text.
    expect(body.html).toContain(`aria-label="Anmerkung `);
    const note = (await (await get(windowPath("block=fn13"))).json()) as WindowResponse;
    expect(note.html).toContain(`id="pane1-fn13"`);
    expect(note.html).toContain(`data-note="pane1-fn13"`);
  });

  it("tells a signed-in non-member and an anonymous visitor that the text does not exist", async () => {
    for (const cookie of [outsiderCookie, ""]) {
      const res = await get(windowPath("n=0"), cookie);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ code: "unknown-document", slug });
    }
    const unknown = await get(windowPath("n=0", "no-such-text"), outsiderCookie);
    expect([unknown.status, await unknown.json()]).toEqual([404, { code: "unknown-document", slug: "no-such-text" }]);
  });

  it("serves the corpus to anyone: a short text is a single window", async () => {
    const essay = listDocuments().find((d) => d.slug.startsWith("mastny"))!.slug;
    const res = await get(windowPath("n=0", essay), "");
    expect(res.status).toBe(200);
    expect(((await res.json()) as WindowResponse).count).toBe(1);
  });

  it("refuses windows and blocks that do not exist, and malformed parameters", async () => {
    const beyond = await get(windowPath(`n=${plan.windows.length}`));
    expect([beyond.status, (await beyond.json()).code]).toEqual([404, "not-found"]);
    const block = await get(windowPath("block=p999999"));
    expect([block.status, (await block.json()).code]).toEqual([400, "unknown-block"]);
    for (const query of ["n=-1", "n=x", "pane=main", "locale=fr"]) {
      const res = await get(windowPath(query));
      expect(res.status, query).toBeGreaterThanOrEqual(400);
      expect(res.status, query).toBeLessThan(500);
    }
  });

  it("lets the browser keep a window of a known version for a while, for the member alone", async () => {
    const versioned = await get(windowPath(`n=0&v=${volume.version}`));
    expect(versioned.headers.get("cache-control")).toBe("private, max-age=600");
    const unversioned = await get(windowPath("n=0"));
    expect(unversioned.headers.get("cache-control")).toBe("private, no-cache");
  });
});
