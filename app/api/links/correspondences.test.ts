/**
 * Correspondences between two documents (POST /api/links/correspondences), what the seminar teaches the
 * suggestions (links and dismissals change the weights, reasons show it), passages already linked shown as
 * linked, and bad input answered with a clear 4xx. Real corpus, temp SQLite database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpCookie, setupTestDatabase, type TestDatabase } from "@/lib/annotations/testing/db";
import { documentText } from "@/lib/content/text";
import { getDocument, listDocuments } from "@/lib/content/store";

let testDb: TestDatabase;
let suggestRoute: typeof import("./suggest/route");
let corrRoute: typeof import("./correspondences/route");
let dismissRoute: typeof import("./dismissals/route");
let studentCookie = "";
let otherCookie = "";
let outsiderCookie = "";
let studentId = "";
let seminarId = "";
let narrowSeminarId = "";

const forum = listDocuments().find((d) => d.kind === "forum")!.slug;
const mastny = listDocuments().find((d) => d.slug.startsWith("mastny"))!.slug;
const BASE = "http://localhost:3000";

function post(path: string, body: unknown, cookie: string): Request {
  const headers = new Headers({ "content-type": "application/json", origin: BASE });
  if (cookie) headers.set("cookie", cookie);
  return new Request(BASE + path, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
}
async function userIdOf(cookie: string): Promise<string> {
  const { getSessionUser } = await import("@/lib/auth/server");
  return (await getSessionUser(new Headers({ cookie })))!.id;
}
const correspondences = (body: unknown, cookie = studentCookie) => corrRoute.POST(post("/api/links/correspondences", body, cookie));
const suggest = (body: unknown, cookie = studentCookie) => suggestRoute.POST(post("/api/links/suggest", body, cookie));

beforeAll(async () => {
  testDb = await setupTestDatabase();
  suggestRoute = await import("./suggest/route");
  corrRoute = await import("./correspondences/route");
  dismissRoute = await import("./dismissals/route");
  const seminars = await import("@/lib/seminars");
  const instructorCookie = await signUpCookie("Instructor");
  studentCookie = await signUpCookie("Student");
  otherCookie = await signUpCookie("Other");
  outsiderCookie = await signUpCookie("Outsider");
  const instructor = await userIdOf(instructorCookie);
  studentId = await userIdOf(studentCookie);
  const all = listDocuments().map((d) => d.slug);
  const s = await seminars.createSeminar(instructor, { title: "All texts", documents: all });
  seminarId = s.id;
  await seminars.joinByInvite(studentId, s.inviteCode);
  await seminars.joinByInvite(await userIdOf(otherCookie), s.inviteCode);
  const narrow = await seminars.createSeminar(instructor, { title: "Without Mastný", documents: all.filter((slug) => slug !== mastny) });
  narrowSeminarId = narrow.id;
  await seminars.joinByInvite(studentId, narrow.inviteCode);
});
afterAll(async () => {
  const { stopWorkers } = await import("@/lib/workers/pool");
  const { stopSuggestWorker } = await import("@/lib/links/suggest-host");
  await stopWorkers();
  await stopSuggestWorker();
  await testDb?.close();
});

describe("POST /api/links/correspondences", () => {
  it("ranks passage pairs between two documents of the seminar, each with reasons and selectors on both sides", async () => {
    const res = await correspondences({ seminar: seminarId, from: forum, to: mastny, limit: 10 });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.pairs.length).toBeGreaterThan(0);
    expect(body.pairs.length).toBeLessThanOrEqual(10);
    expect(typeof body.dictionary).toBe("boolean");
    for (const p of body.pairs) {
      expect(p.from.document.slug).toBe(forum);
      expect(p.to.document.slug).toBe(mastny);
      expect(p.to.reasons.length).toBeGreaterThan(0);
      for (const side of [p.from, p.to]) {
        const text = documentText(getDocument(side.document.slug)!).text;
        expect(text.slice(side.selector[1].start, side.selector[1].end)).toBe(side.selector[0].exact);
      }
    }
    const scores = body.pairs.map((p: { score: number }) => p.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
  });

  it("answers bad requests with a clear code", async () => {
    const cases: Array<[Promise<Response>, number, string]> = [
      [correspondences({ seminar: seminarId, from: forum, to: mastny }, ""), 401, "unauthenticated"],
      [correspondences({ seminar: seminarId, from: forum, to: mastny }, outsiderCookie), 404, "not-found"],
      [correspondences({ seminar: narrowSeminarId, from: forum, to: mastny }), 403, "document-not-in-seminar"],
      [correspondences({ seminar: seminarId, from: forum, to: "no-such-text" }), 404, "unknown-document"],
      [correspondences({ seminar: seminarId, from: forum, to: forum }), 400, "invalid-request"],
      [correspondences({ seminar: seminarId, from: forum }), 400, "invalid-request"],
      [correspondences("{oops"), 400, "malformed-json"],
    ];
    for (const [promise, status, code] of cases) {
      const res = await promise;
      expect([res.status, (await res.json()).code]).toEqual([status, code]);
    }
  });
});

describe("POST /api/links/suggest: bad input", () => {
  it("refuses a selection of many paragraphs with selection-too-long, and an empty one with empty-selection", async () => {
    const text = documentText(getDocument(mastny)!).text;
    const huge = await suggest({
      seminar: seminarId,
      document: mastny,
      selector: { type: "TextPositionSelector", start: 0, end: Math.min(text.length, 20_000) },
    });
    expect([huge.status, (await huge.json()).code]).toEqual([400, "selection-too-long"]);
    const block = getDocument(mastny)!.blocks.find((b) => b.type === "paragraph")!;
    const empty = await suggest({ seminar: seminarId, document: mastny, blockId: block.id, start: 3, end: 3 });
    expect(empty.status).toBe(400);
  });
});

describe("the seminar teaches the suggestions", () => {
  it("a link made in the seminar strengthens its evidence (reason shown), marks the pair as linked, and a dismissal weakens it", async () => {
    const { createAnnotation } = await import("@/lib/annotations/store");
    const { db } = await import("@/lib/db/client");
    // Any proposed pair will do: take the forum passage's best candidate and link it, as a member would.
    const forumDoc = getDocument(forum)!;
    const block = forumDoc.blocks.find((b) => b.text.includes("Semjonow wird als Deutschlandexperte"))!;
    const ask = async (cookie = studentCookie) =>
      (await suggest({ seminar: seminarId, document: forum, blockId: block.id, start: 0, end: block.text.length, limit: 10 }, cookie)).json();
    const before = await ask();
    const top = before.candidates[0];
    expect(top.linked).toBe(false);
    await createAnnotation(studentId, seminarId, {
      motivation: "linking",
      relation: "same-event",
      visibility: "seminar",
      target: { documentSlug: forum, blockId: block.id, blockStart: 0, blockEnd: block.text.length },
      bodyTarget: { documentSlug: top.document.slug, blockId: top.blockId, blockStart: top.blockStart, blockEnd: top.blockEnd },
    });
    const after = await ask(otherCookie);
    const again = after.candidates.find(
      (c: { document: { slug: string }; blockId: string }) => c.document.slug === top.document.slug && c.blockId === top.blockId,
    );
    expect(again.linked).toBe(true);
    expect(again.reasons.some((r: { kind: string }) => r.kind === "seminar")).toBe(true);
    expect(again.score).toBeGreaterThan(top.score);
    const weights = await db().suggestionWeight.findMany({ where: { seminarId } });
    expect(weights.length).toBeGreaterThan(0);
    expect(weights.every((w) => w.weight > 0)).toBe(true);

    // Another member dismisses another candidate: it is not proposed to them again, and its evidence weakens.
    const other = after.candidates.find((c: { linked: boolean }) => !c.linked);
    const dismissal = { seminar: seminarId, from: { document: forum, blockId: block.id }, to: { document: other.document.slug, blockId: other.blockId } };
    expect((await dismissRoute.POST(post("/api/links/dismissals", dismissal, otherCookie))).status).toBe(204);
    const refs = (b: { candidates: Array<{ document: { slug: string }; blockId: string }> }) => b.candidates.map((c) => `${c.document.slug}#${c.blockId}`);
    expect(refs(await ask(otherCookie))).not.toContain(`${other.document.slug}#${other.blockId}`);
    const lowered = await db().suggestionWeight.findMany({ where: { seminarId } });
    expect(lowered.some((w) => w.weight < (weights.find((x) => x.feature === w.feature)?.weight ?? 0))).toBe(true);
  });
});
