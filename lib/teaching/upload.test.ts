/**
 * Upload previews live in the database (UploadDraft), not in one process: a preview made on one app instance
 * is published on another; a token is published once, only by the instructor who made it, in its seminar,
 * and not after it expired; expired drafts are swept. Runs on SQLite, and on PostgreSQL with
 * `bash scripts/pg-test.sh lib/teaching/upload.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestUser, setupTestDatabase, type TestDatabase } from "@/lib/annotations/testing/db";
import { SAMPLE_TEI } from "@/lib/content/testing/tei-sample";
import { isAppError, type ErrorCode } from "@/lib/errors";

type Upload = typeof import("./upload");

let testDb: TestDatabase;
let up: Upload;
let teacher: { id: string }, coTeacher: { id: string }, student: { id: string };
let seminarId: string, otherSeminarId: string;
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** The AppError code (by name: after vi.resetModules the modules under test have their own AppError class). */
async function codeOf(p: Promise<unknown>): Promise<ErrorCode | "ok"> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (isAppError(e) || (e instanceof Error && e.name === "AppError")) return (e as unknown as { code: ErrorCode }).code;
    throw e;
  }
}

const markdown = (title: string) => Buffer.from(`---\ntitle: ${title}\nlang: de\nkind: essay\nsource: Archiv\n---\n\nText von ${title}.\n`);
const db = async () => (await import("@/lib/db/client")).db();

// Each preview cleans its file in a worker thread that, from source, first loads tsx and compiles the
// pipeline: seconds on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

beforeAll(async () => {
  testDb = await setupTestDatabase();
  const seminars = await import("@/lib/seminars");
  up = await import("./upload");
  teacher = await createTestUser("Upload Teacher");
  coTeacher = await createTestUser("Other Teacher");
  student = await createTestUser("Upload Student");
  const s = await seminars.createSeminar(teacher.id, { title: "Uploads", documents: [] });
  seminarId = s.id;
  for (const u of [coTeacher, student]) await seminars.joinByInvite(u.id, s.inviteCode);
  await seminars.setMemberRole(teacher.id, seminarId, coTeacher.id, "instructor");
  otherSeminarId = (await seminars.createSeminar(teacher.id, { title: "Other", documents: [] })).id;
});

afterAll(async () => {
  await testDb?.close();
});

describe("upload drafts in the database", () => {
  it("a preview made on one instance is published on another (nothing kept in process memory)", async () => {
    const preview = await up.previewUpload(teacher.id, seminarId, "briefe.xml", Buffer.from(SAMPLE_TEI), { slug: `briefe-${run}` });
    expect(await (await db()).uploadedDocument.count({ where: { slug: preview.slug } })).toBe(0);
    expect(await (await db()).uploadDraft.count({ where: { token: preview.token } })).toBe(1);

    // "Another instance": fresh modules and a fresh database client, sharing only the database.
    const g = globalThis as unknown as { __synopsePrisma?: { $disconnect(): Promise<void> } };
    await g.__synopsePrisma?.$disconnect();
    g.__synopsePrisma = undefined;
    vi.resetModules();
    const other: Upload = await import("./upload");
    expect(other).not.toBe(up);

    expect(await other.publishUpload(teacher.id, seminarId, preview.token)).toEqual({ slug: preview.slug });
    const { getDocumentAsync } = await import("@/lib/content/store");
    expect((await getDocumentAsync(preview.slug))?.meta.title).toBe("Briefe aus Moskau");
    expect((await getDocumentAsync(preview.slug))?.blocks.filter((b) => b.type === "footnote")).toHaveLength(2);
    expect(await (await db()).uploadDraft.count({ where: { token: preview.token } })).toBe(0);
    up = other;
  });

  it("publishes a token once, even when two publish requests race", async () => {
    const preview = await up.previewUpload(teacher.id, seminarId, "race.md", markdown("Wettlauf"), { slug: `race-${run}` });
    const results = await Promise.all([
      codeOf(up.publishUpload(teacher.id, seminarId, preview.token)),
      codeOf(up.publishUpload(teacher.id, seminarId, preview.token)),
    ]);
    expect(results.sort()).toEqual(["ok", "preview-expired"]);
    expect(await (await db()).uploadedDocument.count({ where: { slug: preview.slug } })).toBe(1);
    expect(await (await db()).seminarDocument.count({ where: { seminarId, slug: preview.slug } })).toBe(1);
    expect(await codeOf(up.publishUpload(teacher.id, seminarId, preview.token))).toBe("preview-expired");
  });

  it("refuses someone else's token, and a token used in another seminar; the owner can still publish it", async () => {
    const preview = await up.previewUpload(teacher.id, seminarId, "mine.md", markdown("Meins"), { slug: `mine-${run}` });
    expect(await codeOf(up.publishUpload(student.id, seminarId, preview.token))).toBe("forbidden"); // not an instructor
    expect(await codeOf(up.publishUpload(coTeacher.id, seminarId, preview.token))).toBe("preview-expired"); // another instructor
    expect(await codeOf(up.publishUpload(teacher.id, otherSeminarId, preview.token))).toBe("preview-expired"); // another seminar
    expect(await codeOf(up.publishUpload(teacher.id, seminarId, "not-a-token"))).toBe("preview-expired");
    expect(await (await db()).uploadedDocument.count({ where: { slug: preview.slug } })).toBe(0);
    expect(await up.publishUpload(teacher.id, seminarId, preview.token)).toEqual({ slug: preview.slug });
  });

  it("an expired preview cannot be published, and the next preview sweeps it away", async () => {
    const preview = await up.previewUpload(teacher.id, seminarId, "alt.md", markdown("Veraltet"), { slug: `old-${run}` });
    await (await db()).uploadDraft.update({ where: { token: preview.token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await codeOf(up.publishUpload(teacher.id, seminarId, preview.token))).toBe("preview-expired");
    expect(await (await db()).uploadedDocument.count({ where: { slug: preview.slug } })).toBe(0);
    await up.previewUpload(teacher.id, seminarId, "neu.md", markdown("Neu"), { slug: `new-${run}` });
    expect(await (await db()).uploadDraft.count({ where: { token: preview.token } })).toBe(0);
  });

  it("a Cyrillic title or file name gives a transliterated short name, not a placeholder", async () => {
    const byTitle = await up.previewUpload(teacher.id, seminarId, "x.md", markdown(`Письма ${run}`), { title: `Письма из Москвы ${run}` });
    expect(byTitle.slug).toBe(`pisma-iz-moskvy-${run}`);
    const byFile = await up.previewUpload(teacher.id, seminarId, `Дневник-${run}.md`, markdown(`Дневник ${run}`));
    expect(byFile.slug).toBe(`dnevnik-${run}`);
  });

  it("two previews of the same file get different short names before either is published", async () => {
    const a = await up.previewUpload(teacher.id, seminarId, `zwilling-${run}.md`, markdown(`Zwilling ${run}`));
    const b = await up.previewUpload(teacher.id, seminarId, `zwilling-${run}.md`, markdown(`Zwilling ${run}`));
    expect(a.slug).toBe(`zwilling-${run}`);
    expect(b.slug).toBe(`zwilling-${run}-2`);
    await up.publishUpload(teacher.id, seminarId, b.token);
    expect(await up.publishUpload(teacher.id, seminarId, a.token)).toEqual({ slug: a.slug });
  });
});

describe("refused uploads", () => {
  /** The JSON body the upload page receives for a refused file. */
  async function refusal(p: Promise<unknown>): Promise<Record<string, unknown>> {
    try {
      await p;
    } catch (e) {
      if (e instanceof Error && e.name === "AppError") return (e as unknown as { toJSON(): Record<string, unknown> }).toJSON();
      throw e;
    }
    throw new Error("the upload was accepted");
  }

  it("name the line and the problem by code and parameters (the page words it), with the English reason for scripts", async () => {
    const drafts = await (await db()).uploadDraft.count();
    expect(await refusal(up.previewUpload(teacher.id, seminarId, "bad.xml", Buffer.from(SAMPLE_TEI.replace("<lb/>", "<lb>"))))).toEqual({
      code: "invalid-upload",
      line: 21,
      problem: "xml-close-tag-mismatch",
      params: { found: "p", expected: "lb" },
      reason: "malformed XML: the closing tag </p> does not match the open element <lb>",
    });
    expect(await refusal(up.previewUpload(teacher.id, seminarId, "scan.pdf", Buffer.from("%PDF")))).toMatchObject({
      line: 1,
      problem: "upload-unsupported-type",
    });
    expect(await refusal(up.previewUpload(teacher.id, seminarId, "notes.txt", Buffer.from("Plain text.\n")))).toMatchObject({
      line: 1,
      problem: "upload-needs-language",
    });
    expect(await refusal(up.previewUpload(teacher.id, seminarId, "notes.txt", Buffer.from("Text\n"), { slug: "Not A Slug", lang: "de" }))).toMatchObject({
      problem: "upload-invalid-slug",
      params: { slug: "Not A Slug" },
    });
    const table = Buffer.from("---\ntitle: T\nlang: de\nkind: essay\nsource: S\n---\n\n| a | b |\n| - | - |\n");
    expect(await refusal(up.previewUpload(teacher.id, seminarId, "t.md", table))).toMatchObject({
      line: 8,
      problem: "markdown-unsupported",
      params: { construct: "table" },
    });
    const noLanguage = SAMPLE_TEI.replace('<language ident="de">Deutsch</language>', "");
    expect(await refusal(up.previewUpload(teacher.id, seminarId, "brief.xml", Buffer.from(noLanguage)))).toMatchObject({ problem: "language-unknown" });
    // Nothing half-imported: no draft, no document.
    expect(await (await db()).uploadDraft.count()).toBe(drafts);
  });

  it("a 20,000-deep TEI file is refused as too deeply nested, in words the page translates, not the engine's (issue 14, item 16)", async () => {
    const depth = 20_000;
    const deep = SAMPLE_TEI.replace(/<body>[\s\S]*<\/body>/, `<body><p>${"<hi>".repeat(depth)}x${"</hi>".repeat(depth)}</p></body>`);
    expect(deep).not.toBe(SAMPLE_TEI);
    const problem = await refusal(up.previewUpload(teacher.id, seminarId, "deep.xml", Buffer.from(deep)));
    // The TEI reader stops at its depth limit while parsing, at the line where it was crossed.
    expect(problem).toMatchObject({ code: "invalid-upload", problem: "xml-too-deep" });
    expect((problem as { line: number }).line).toBeGreaterThan(0);
    expect(JSON.stringify(problem)).not.toMatch(/call stack/i);
  }, 60_000);
});
