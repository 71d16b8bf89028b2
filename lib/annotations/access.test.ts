/**
 * The read rule is written three times — `canRead` for one row, `readableWhere` for Prisma's lists and
 * `readableSql` for the lists read outside Prisma — and the three must never disagree. Every kind of row
 * (author, audience, recipient, hidden, deleted) is stored, and each viewer's rows are found by each form.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canRead, readableSql, readableWhere, VISIBILITIES, type Viewer } from "./access";
import { createTestUser, setupTestDatabase, type TestDatabase } from "./testing/db";

let testDb: TestDatabase;
let me: string, other: string, seminarId: string;
const rows: Array<{ id: string; authorId: string; visibility: string; recipientId: string | null; hidden: boolean; deletedAt: Date | null }> = [];

beforeAll(async () => {
  testDb = await setupTestDatabase();
  const { db } = await import("@/lib/db/client");
  const seminars = await import("@/lib/seminars");
  me = (await createTestUser("Viewer")).id;
  other = (await createTestUser("Other")).id;
  seminarId = (await seminars.createSeminar(other, { title: "Rules", documents: [] })).id;
  let i = 0;
  for (const authorId of [me, other])
    for (const visibility of VISIBILITIES)
      for (const recipientId of [null, me, other])
        for (const hidden of [false, true])
          for (const deleted of [false, true]) {
            const id = `rule-${seminarId}-${i++}`;
            rows.push({ id, authorId, visibility, recipientId, hidden, deletedAt: deleted ? new Date() : null });
          }
  await db().annotation.createMany({ data: rows.map((r) => ({ ...r, seminarId, motivation: "commenting" })) });
}, 60_000);

afterAll(async () => {
  await testDb?.close();
});

describe("the read rule", () => {
  for (const role of ["student", "instructor"] as const) {
    it(`finds the same rows for ${role === "student" ? "a student" : "an instructor"} in every form`, async () => {
      const { db } = await import("@/lib/db/client");
      const { databaseProvider } = await import("@/lib/db/adapter");
      const { readRows } = await import("@/lib/db/read");
      const viewer: Viewer = { userId: me, role };
      const expected = rows
        .filter((r) => canRead(viewer, r))
        .map((r) => r.id)
        .sort();
      const viaPrisma = (await db().annotation.findMany({ where: { seminarId, ...readableWhere(viewer) }, select: { id: true } })).map((r) => r.id).sort();
      const params: unknown[] = [seminarId];
      const pg = databaseProvider() === "postgresql";
      const bind = (v: unknown) => (params.push(v), pg ? `$${params.length}` : "?");
      const viaSql = (
        await readRows<{ id: string }>(`SELECT a."id" FROM "Annotation" a WHERE a."seminarId" = ${pg ? "$1" : "?"} AND ${readableSql(viewer, bind)}`, params)
      )
        .map((r) => r.id)
        .sort();
      // Neither nothing nor everything: the rule tells rows apart.
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(rows.length);
      expect(viaPrisma).toEqual(expected);
      expect(viaSql).toEqual(expected);
    });
  }
});
