/**
 * GET /api/documents/[slug]/html as Next calls it: the text a reader pane fetches when it appears without a page
 * load. The reader's authorization (an uploaded text only for its seminars' members), the pane's ids and the
 * interface language's labels, whole volumes sent to the window route, and the browser cache for a known rendering.
 * A text uploaded to a seminar (stored as the upload does), a temp SQLite database, real sign-ups.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase, signUpCookie, type TestDatabase } from "@/lib/annotations/testing/db";
import { listDocuments } from "@/lib/content/store";
import { renderFingerprint } from "@/lib/reader/html";
import { fixtureDocument } from "@/lib/reader/testing/document";
import { fixtureVolume } from "@/lib/reader/testing/volume";
import type { PaneHtmlAnswer } from "@/lib/reader/html";

const BASE = "http://localhost:3000";
const text = { ...fixtureDocument, meta: { ...fixtureDocument.meta, slug: `thread-${Date.now().toString(36)}` } };
const volume = fixtureVolume(400, `band-${Date.now().toString(36)}`);
let testDb: TestDatabase;
let route: typeof import("./route");
let memberCookie = "";
let outsiderCookie = "";

const get = (path: string, cookie = memberCookie) =>
  route.GET(new Request(BASE + path, { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({ slug: decodeURIComponent(path.split("/")[3]) }) });
const htmlPath = (query: string, s = text.meta.slug) => `/api/documents/${encodeURIComponent(s)}/html?${query}`;

beforeAll(async () => {
  testDb = await setupTestDatabase();
  route = await import("./route");
  const { getSessionUser } = await import("@/lib/auth/server");
  const { createSeminar } = await import("@/lib/seminars");
  const { db } = await import("@/lib/db/client");
  memberCookie = await signUpCookie("Instructor");
  outsiderCookie = await signUpCookie("Outsider");
  const instructor = (await getSessionUser(new Headers({ cookie: memberCookie })))!.id;
  const seminar = await createSeminar(instructor, { title: "Texts", documents: [] });
  // What publishing an upload writes (lib/teaching/upload.ts): the document and its place in the seminar.
  for (const doc of [text, volume]) {
    await db().uploadedDocument.create({
      data: { slug: doc.meta.slug, seminarId: seminar.id, markdown: "", document: JSON.stringify(doc), createdBy: instructor },
    });
    await db().seminarDocument.create({ data: { seminarId: seminar.id, slug: doc.meta.slug } });
  }
}, 60_000);
afterAll(async () => testDb?.close());

describe("GET /api/documents/[slug]/html", () => {
  it("gives a member the whole text, its ids in the pane's namespace, its labels in the interface language", async () => {
    const res = await get(htmlPath("pane=pane2&locale=de"));
    expect(res.status).toBe(200);
    const { html } = (await res.json()) as PaneHtmlAnswer;
    expect(html).toContain('id="pane2-p1"');
    expect(html).not.toContain('id="pane1-');
    expect(html).toContain('aria-label="Anmerkung ');
  });

  it("tells a signed-in non-member and an anonymous visitor that the text does not exist", async () => {
    for (const cookie of [outsiderCookie, ""]) {
      const res = await get(htmlPath("pane=pane1"), cookie);
      expect([res.status, await res.json()]).toEqual([404, { code: "unknown-document", slug: text.meta.slug }]);
    }
  });

  it("serves the corpus to anyone", async () => {
    const essay = listDocuments().find((d) => d.slug.startsWith("mastny"))!.slug;
    const res = await get(htmlPath("pane=pane3&locale=en", essay), "");
    expect(res.status).toBe(200);
    expect(((await res.json()) as PaneHtmlAnswer).html).toContain('id="pane3-');
  });

  it("sends a whole volume to the window route, and refuses malformed parameters", async () => {
    const res = await get(htmlPath("pane=pane1", volume.meta.slug));
    expect([res.status, (await res.json()).code]).toEqual([400, "invalid-request"]);
    for (const query of ["pane=main", "pane=pane0", "locale=fr"]) {
      const bad = await get(htmlPath(query));
      expect(bad.status, query).toBe(400);
    }
  });

  it("lets the browser keep a known rendering, for the member alone", async () => {
    const known = await get(htmlPath(`pane=pane1&locale=en&v=${renderFingerprint(text)}`));
    expect(known.headers.get("cache-control")).toBe("private, max-age=3600");
    const other = await get(htmlPath("pane=pane1&locale=en&v=0000000000000000"));
    expect(other.headers.get("cache-control")).toBe("private, no-cache");
  });
});
