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
    expect(asStudent.members.map((m) => [m.name, m.role])).toEqual([["Teacher", "instructor"], ["Visitor", "student"]]);
    expect((await seminars.listSeminars(visitor.id)).map((s) => [s.title, s.role, s.documentCount, s.memberCount])).toEqual([["Separatfrieden", "student", 2, 2]]);
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
    await seminars.setTagVocabulary(teacher.id, id, [{ name: "Propaganda", color: "#AA3300" }, { name: "propaganda", color: "#000000" }, { name: "Quelle", color: "#0055aa" }]);
    expect(await seminars.getTagVocabulary(student.id, id)).toEqual([{ name: "Propaganda", color: "#aa3300" }, { name: "Quelle", color: "#0055aa" }]);

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
});
