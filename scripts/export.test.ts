/**
 * The export/import commands as an operator runs them: a child process against a temp SQLite database
 * (DATABASE_URL), with the corpus documents, acting with one user's authorization.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDocument } from "@/lib/content/store";
import { createTestUser, setupTestDatabase, type TestDatabase } from "@/lib/annotations/testing/db";

const run = promisify(execFile);
const SLUG = "mastny-separate-peace";
const CANONICAL = "urn:uuid:5b0e8c1a-2f4d-4a6b-9c3e-7d1f0a2b4c6e";
let testDb: TestDatabase;
let dir: string;
let alice: { id: string; email: string }, bob: { id: string; email: string };
let seminarId: string, inviteCode: string, copyId: string;
let quote: string;

async function cli(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", `scripts/${script}.ts`, ...args], { env: { ...process.env }, timeout: 90_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(async () => {
  testDb = await setupTestDatabase();
  if (testDb.provider !== "sqlite") return;
  dir = mkdtempSync(path.join(os.tmpdir(), "synopse-export-cli-"));
  const seminars = await import("@/lib/seminars");
  const store = await import("@/lib/annotations/store");
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
  const s = await seminars.createSeminar(alice.id, { title: "CLI seminar", documents: [SLUG] });
  seminarId = s.id;
  inviteCode = s.inviteCode;
  await seminars.joinByInvite(bob.id, s.inviteCode);
  copyId = (await seminars.createSeminar(bob.id, { title: "Copy", documents: [SLUG] })).id;
  const block = getDocument(SLUG)!.blocks.find((b) => b.text.length > 40)!;
  quote = block.text.slice(0, 30);
  await store.createAnnotation(alice.id, seminarId, {
    target: { documentSlug: SLUG, blockId: block.id, blockStart: 0, blockEnd: 30 },
    body: "<p>Alice, public, with a, comma</p>",
    tags: ["Quelle"],
    canonical: CANONICAL,
  });
  await store.createAnnotation(alice.id, seminarId, {
    visibility: "private",
    target: { documentSlug: SLUG, blockId: block.id, blockStart: 0, blockEnd: 10 },
    body: "<p>Alice private</p>",
  });
}, 60_000);

afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await testDb?.close();
});

describe.runIf(process.env.TEST_DATABASE !== "postgresql")("npm run export / import", () => {
  it("exports as the named user (invite code accepted), to stdout or a file", async () => {
    const asBob = await cli("export", ["--seminar", inviteCode, "--user", bob.email, "--format", "csv"]);
    expect(asBob.code).toBe(0);
    expect(asBob.stdout).toContain('"Alice, public, with a, comma"');
    expect(asBob.stdout).not.toContain("Alice private");
    const out = path.join(dir, "mine.md");
    const asAlice = await cli("export", ["--seminar", seminarId, "--user", alice.email, "--scope", "mine", "--format", "md", "--out", out]);
    expect(asAlice.code).toBe(0);
    const md = readFileSync(out, "utf8");
    expect(md).toContain(`> ${quote}`);
    expect(md).toContain("Alice private");
  }, 120_000);

  it("refuses bad arguments with a clear message and exit code 1", async () => {
    const bad = await cli("export", ["--seminar", seminarId, "--user", alice.email, "--format", "pdf"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--format must be one of jsonld, csv, md");
    const noUser = await cli("export", ["--seminar", seminarId, "--user", "nobody@example.invalid"]);
    expect(noUser.code).toBe(1);
    expect(noUser.stderr).toContain('No user with email "nobody@example.invalid"');
  }, 120_000);

  it("imports an export into another seminar, canonical IRI kept", async () => {
    const file = path.join(dir, "export.jsonld");
    expect((await cli("export", ["--seminar", seminarId, "--user", bob.email, "--out", file])).code).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8")).first.items.map((i: { canonical?: string }) => i.canonical)).toEqual([CANONICAL]);
    const imported = await cli("import", ["--seminar", copyId, "--user", bob.email, file]);
    expect(imported.code).toBe(0);
    // Alice wrote it and is not in the copy's seminar: the note becomes Bob's, and the result says so.
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 1, authorsKept: 0, reattributed: [{ author: "Alice", why: "not-member" }], skipped: [] });
    const { listAnnotations } = await import("@/lib/annotations/list");
    expect((await listAnnotations(bob.id, copyId)).map((a) => a.canonical)).toEqual([CANONICAL]);
  }, 120_000);
});
