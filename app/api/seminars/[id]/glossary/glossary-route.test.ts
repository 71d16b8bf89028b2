/**
 * The glossary's CSV route over HTTP: an instructor exports and imports (add or replace) with a Bearer token;
 * members and strangers are refused; a bad file is a 4xx with a JSON code, the line and the reason, and
 * changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, setupTestDatabase, type TestDatabase } from "@/lib/annotations/testing/db";
import { MAX_CSV_BYTES } from "@/lib/links/list-csv";

const BASE = "http://localhost:3000";
let testDb: TestDatabase;
let route: typeof import("./route");
let glossary: typeof import("@/lib/links/glossary-store");
let token = "",
  studentToken = "",
  seminarId = "";

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const headers = (bearer: string) => ({ authorization: `Bearer ${bearer}`, host: "localhost:3000" });
const get = (bearer = token) => new Request(`${BASE}/api/seminars/${seminarId}/glossary`, { headers: headers(bearer) });
const post = (body: BodyInit, mode = "add", bearer = token) =>
  new Request(`${BASE}/api/seminars/${seminarId}/glossary?mode=${mode}`, { method: "POST", headers: { ...headers(bearer), "content-type": "text/csv" }, body });
const count = async () => (await glossary.getSeminarGlossary(seminarId)).length;

beforeAll(async () => {
  testDb = await setupTestDatabase();
  route = await import("./route");
  glossary = await import("@/lib/links/glossary-store");
  const { createToken } = await import("@/lib/auth/tokens");
  const seminars = await import("@/lib/seminars");
  const owner = await createTestUser("Owner");
  const student = await createTestUser("Student");
  token = (await createToken(owner.id, "glossary test")).token;
  studentToken = (await createToken(student.id, "student")).token;
  const s = await seminars.createSeminar(owner.id, { title: "Glossary route", documents: [] });
  seminarId = s.id;
  await seminars.joinByInvite(student.id, s.inviteCode);
});
afterAll(async () => testDb?.close());

describe("/api/seminars/[id]/glossary", () => {
  it("imports a file, and exports it back as a UTF-8 attachment", async () => {
    const file = "de,en,ru\nKolchose | Kolchos,collective farm,колхоз\nWinterkrieg,Winter War,Зимняя война\n";
    const res = await route.POST(post(file), ctx(seminarId));
    expect([res.status, await res.json()]).toEqual([200, { added: 2, skipped: 0, removed: 0 }]);
    const out = await route.GET(get(), ctx(seminarId));
    expect(out.status).toBe(200);
    expect(out.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(out.headers.get("content-disposition")).toBe('attachment; filename="glossary.csv"');
    // A byte order mark first, so that spreadsheets read the Cyrillic as UTF-8.
    const bytes = Buffer.from(await out.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text.split("\n")[0]).toBe("de,en,ru");
    // Replace with what was exported: the same glossary.
    const again = await route.POST(post(text, "replace"), ctx(seminarId));
    expect(await again.json()).toEqual({ added: 2, skipped: 0, removed: 2 });
  });

  it("refuses bad files with a 4xx naming the line and the reason, and changes nothing", async () => {
    const before = await count();
    const answer = async (req: Request) => {
      const res = await route.POST(req, ctx(seminarId));
      return [res.status, await res.json()];
    };
    expect(await answer(post("term,translation\nA,B\n"))).toEqual([422, expect.objectContaining({ code: "invalid-csv", line: 1, problem: "csv-header" })]);
    expect(await answer(post("de,en,ru\nA,B,C\nZero\u200Bwidth,,\n"))).toEqual([
      422,
      expect.objectContaining({ code: "invalid-csv", line: 3, problem: "bad-character" }),
    ]);
    expect(await answer(post(new Uint8Array(Buffer.from("de,en,ru\nAu\xdfenminister,,\n", "latin1"))))).toEqual([
      422,
      expect.objectContaining({ problem: "csv-encoding" }),
    ]);
    expect(await answer(post(""))).toEqual([422, expect.objectContaining({ problem: "csv-empty" })]);
    expect(await answer(post("x".repeat(MAX_CSV_BYTES + 1)))).toEqual([413, expect.objectContaining({ code: "body-too-large" })]);
    expect(await count()).toBe(before);
  });

  it("is for instructors: a member and a stranger are refused", async () => {
    expect((await route.GET(get(studentToken), ctx(seminarId))).status).toBe(403);
    expect((await route.POST(post("de,en,ru\nA,,\n", "add", studentToken), ctx(seminarId))).status).toBe(403);
    const stranger = (await createTestUser("Stranger")).id;
    const { createToken } = await import("@/lib/auth/tokens");
    const strangerToken = (await createToken(stranger, "x")).token;
    expect((await route.GET(get(strangerToken), ctx(seminarId))).status).toBe(404);
  });
});
