import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, setupTestDatabase, testDocument, type TestDatabase } from "@/lib/annotations/testing/db";
import { isAppError } from "@/lib/errors";
import { setDocumentCatalog, staticCatalog } from "./catalog";

let testDb: TestDatabase;
let seminars: typeof import("./index");

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(staticCatalog([testDocument("a", ["Alpha."]), testDocument("b", ["Beta."], "de")]));
  seminars = await import("./index");
});
afterAll(async () => testDb?.close());

async function code(p: Promise<unknown>) {
  try {
    await p;
    return "ok";
  } catch (e) {
    return isAppError(e) ? e.code : (e as Error).name;
  }
}

describe("seminars", () => {
  it("an instructor creates a seminar with documents; a visitor joins by invite as a student", async () => {
    const teacher = await createTestUser("Teacher");
    const visitor = await createTestUser("Visitor");
    expect(await code(seminars.createSeminar(teacher.id, { title: "X", documents: ["a", "missing"] }))).toBe("unknown-document");
    const { id, inviteCode } = await seminars.createSeminar(teacher.id, { title: "Separatfrieden", documents: ["a", "b", "a"] });
    expect((await seminars.getSeminar(teacher.id, id)).documents).toEqual(["a", "b"]);
    expect(await code(seminars.getSeminar(visitor.id, id))).toBe("not-found");
    expect(await seminars.previewInvite(inviteCode)).toEqual({ seminarId: id, title: "Separatfrieden" });
    expect(await seminars.joinByInvite(visitor.id, inviteCode)).toEqual({ seminarId: id, role: "student" });
    expect(await seminars.joinByInvite(visitor.id, inviteCode)).toEqual({ seminarId: id, role: "student" });
    expect(await seminars.joinByInvite(teacher.id, inviteCode)).toEqual({ seminarId: id, role: "instructor" });
    const asStudent = await seminars.getSeminar(visitor.id, id);
    expect(asStudent.role).toBe("student");
    expect(asStudent.inviteCode).toBeNull();
    expect(asStudent.members.map((m) => [m.name, m.role])).toEqual([
      ["Teacher", "instructor"],
      ["Visitor", "student"],
    ]);
    expect((await seminars.listSeminars(visitor.id)).map((s) => [s.title, s.role, s.documentCount, s.memberCount])).toEqual([
      ["Separatfrieden", "student", 2, 2],
    ]);
  });

  it("only instructors change documents, tags, the invite link and roles", async () => {
    const teacher = await createTestUser("Teacher");
    const student = await createTestUser("Student");
    const { id, inviteCode } = await seminars.createSeminar(teacher.id, { title: "S", documents: ["a"] });
    await seminars.joinByInvite(student.id, inviteCode);
    expect(await code(seminars.setDocuments(student.id, id, ["a", "b"]))).toBe("forbidden");
    expect(await code(seminars.setTagVocabulary(student.id, id, [{ name: "x", color: "#000000" }]))).toBe("forbidden");
    expect(await code(seminars.regenerateInvite(student.id, id))).toBe("forbidden");
    expect(await code(seminars.setMemberRole(student.id, id, student.id, "instructor"))).toBe("forbidden");

    expect(await seminars.setDocuments(teacher.id, id, ["b"])).toEqual(["b"]);
    expect((await seminars.getSeminar(student.id, id)).documents).toEqual(["b"]);
    expect(await code(seminars.setTagVocabulary(teacher.id, id, [{ name: "x", color: "red" }]))).toBe("ZodError");
    await seminars.setTagVocabulary(teacher.id, id, [
      { name: "Propaganda", color: "#AA3300" },
      { name: "propaganda", color: "#000000" },
      { name: "Quelle", color: "#0055aa" },
    ]);
    expect(await seminars.getTagVocabulary(student.id, id)).toEqual([
      { name: "Propaganda", color: "#aa3300" },
      { name: "Quelle", color: "#0055aa" },
    ]);

    const fresh = await seminars.regenerateInvite(teacher.id, id);
    expect(fresh).not.toBe(inviteCode);
    const latecomer = await createTestUser("Latecomer");
    expect(await code(seminars.joinByInvite(latecomer.id, inviteCode))).toBe("invalid-invite");
    expect(await code(seminars.joinByInvite(latecomer.id, fresh))).toBe("ok");
  });
  it("a text uploaded to a seminar is read only by its members; the public library by anyone", async () => {
    const teacher = await createTestUser("Teacher");
    const member = await createTestUser("Member");
    const outsider = await createTestUser("Outsider");
    const { id, inviteCode } = await seminars.createSeminar(teacher.id, { title: "Uploads", documents: ["a"] });
    await seminars.joinByInvite(member.id, inviteCode);
    // An uploaded text is a SeminarDocument row whose slug is not in the public corpus.
    await (await import("@/lib/db/client")).db().seminarDocument.create({ data: { seminarId: id, slug: "private-volume" } });
    const inLibrary = (slug: string) => slug === "a";
    expect(await seminars.canReadDocument(member.id, "private-volume", inLibrary)).toBe(true);
    expect(await seminars.canReadDocument(outsider.id, "private-volume", inLibrary)).toBe(false);
    expect(await seminars.canReadDocument(null, "private-volume", inLibrary)).toBe(false);
    expect(await seminars.canReadDocument(null, "a", inLibrary)).toBe(true);
  });

  it("a seminar adds only library texts and its own uploads; another seminar's upload answers like an unknown slug", async () => {
    const { db } = await import("@/lib/db/client");
    const owner = await createTestUser("Owner");
    const stranger = await createTestUser("Stranger");
    const { id: ownerSeminar } = await seminars.createSeminar(owner.id, { title: "Owner's", documents: ["a"] });
    // A text uploaded to the owner's seminar (what lib/teaching/upload's publish writes).
    const slug = `upload-${ownerSeminar.slice(0, 8)}`;
    await db().uploadedDocument.create({ data: { slug, seminarId: ownerSeminar, markdown: "# x", createdBy: owner.id } });
    await db().seminarDocument.create({ data: { seminarId: ownerSeminar, slug } });

    const refusal = async (p: Promise<unknown>) => {
      try {
        await p;
        return "accepted";
      } catch (e) {
        return isAppError(e) ? JSON.stringify({ status: e.status, body: e.toJSON() }).replace(slug, "<slug>").replace("no-such-text", "<slug>") : String(e);
      }
    };
    // POST /api/seminars with documents, and PUT /api/seminars/<own>/documents: refused, indistinguishably.
    const foreignOnCreate = await refusal(seminars.createSeminar(stranger.id, { title: "Mine", documents: ["a", slug] }));
    const unknownOnCreate = await refusal(seminars.createSeminar(stranger.id, { title: "Mine", documents: ["a", "no-such-text"] }));
    expect(foreignOnCreate).toContain("unknown-document");
    expect(foreignOnCreate).toBe(unknownOnCreate);
    const { id: strangerSeminar } = await seminars.createSeminar(stranger.id, { title: "Mine", documents: ["a"] });
    const foreignOnSet = await refusal(seminars.setDocuments(stranger.id, strangerSeminar, ["a", slug]));
    expect(foreignOnSet).toBe(await refusal(seminars.setDocuments(stranger.id, strangerSeminar, ["a", "no-such-text"])));
    expect(foreignOnSet).toContain("unknown-document");
    // Nothing was attached, so the text stays unreadable to the stranger.
    expect((await seminars.getSeminar(stranger.id, strangerSeminar)).documents).toEqual(["a"]);
    expect(await seminars.canReadDocument(stranger.id, slug, (s) => s === "a")).toBe(false);
    // The owner keeps (and may re-add) their own upload next to library texts.
    expect(await seminars.setDocuments(owner.id, ownerSeminar, ["b"])).toEqual(["b"]);
    expect(await seminars.setDocuments(owner.id, ownerSeminar, ["b", slug])).toEqual(["b", slug]);
  });
});
