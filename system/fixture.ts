/**
 * A database's annotations as data, for round trips (backup → damage → restore): a fixture written
 * with plain SQL (valid on SQLite and PostgreSQL alike) and a canonical snapshot of every annotation
 * with its targets and tags.
 */
export const FIXTURE_USERS = 3;

/** SQL statements inserting a seminar with `n` annotations (notes, replies, links; unicode; tags). */
export function fixtureSql(n: number, seed = "fx"): string[] {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const out: string[] = [];
  for (let u = 0; u < FIXTURE_USERS; u++) {
    out.push(
      `INSERT INTO "user" ("id","name","email","emailVerified","createdAt","updatedAt") VALUES (${q(`${seed}-u${u}`)}, ${q(["Ирина", "Ben Fischer", "Zoë O'Neil"][u])}, ${q(`${seed}-u${u}@test.invalid`)}, false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
    );
  }
  out.push(
    `INSERT INTO "Seminar" ("id","title","description","inviteCode","createdAt") VALUES (${q(`${seed}-s`)}, 'Separatfrieden 1941–1943', 'Quellen «und» Forschung', ${q(`${seed}-invite`)}, CURRENT_TIMESTAMP)`,
  );
  for (let i = 0; i < n; i++) {
    const id = `${seed}-a${i}`;
    const reply = i % 5 === 4;
    const link = i % 7 === 3;
    const root = `${seed}-a${i - (i % 5)}`;
    const author = `${seed}-u${i % FIXTURE_USERS}`;
    const motivation = reply ? "replying" : link ? "linking" : i % 3 === 0 ? "highlighting" : "commenting";
    const visibility = ["seminar", "private", "instructors"][i % 3];
    const body = `Anmerkung ${i}: «Molotow» — Молотов ${"ё".repeat(i % 4)} <b>${i}</b>`;
    out.push(
      `INSERT INTO "Annotation" ("id","seminarId","authorId","motivation","visibility","parentId","rootId","relation","bodyHtml","bodyText","hidden","revision","createdAt","updatedAt") VALUES (` +
        `${q(id)}, ${q(`${seed}-s`)}, ${q(author)}, ${q(motivation)}, ${q(visibility)}, ${reply ? q(root) : "NULL"}, ${reply ? q(root) : "NULL"}, ${link ? "'contradicts'" : "NULL"}, ${q(`<p>${body}</p>`)}, ${q(body)}, ${i % 11 === 0 ? "true" : "false"}, ${1 + (i % 3)}, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
    );
    if (!reply) {
      const roles = link ? ["target", "body"] : ["target"];
      roles.forEach((role, r) => {
        out.push(
          `INSERT INTO "Target" ("id","annotationId","role","documentSlug","documentVersion","lang","blockId","blockStart","blockEnd","start","end","exact","prefix","suffix") VALUES (` +
            `${q(`${id}-t${r}`)}, ${q(id)}, ${q(role)}, ${q(r ? "mastny-separate-peace" : "forum-separatfrieden-1941-43")}, 'v${i}', ${q(r ? "en" : "de")}, 'p${i % 9}', ${i % 13}, ${(i % 13) + 12}, ${i * 40}, ${i * 40 + 12}, ${q(`Zitat ${i} „Frieden“`)}, ${q("davor ")}, ${q(" danach")})`,
        );
      });
    }
    for (let t = 0; t < i % 4; t++)
      out.push(`INSERT INTO "AnnotationTag" ("annotationId","tag") VALUES (${q(id)}, ${q(["Quellenkritik", "Datierung", "Пропаганда"][t])})`);
  }
  return out;
}

type Rows = Array<Record<string, unknown>>;

export const SNAPSHOT_QUERIES = {
  annotations: `SELECT "id","seminarId","authorId","motivation","visibility","recipientId","parentId","rootId","relation","bodyHtml","bodyText","hidden","revision","createdAt","updatedAt","deletedAt" FROM "Annotation" ORDER BY "id"`,
  targets: `SELECT "annotationId","role","documentSlug","documentVersion","lang","blockId","blockStart","blockEnd","start","end","exact","prefix","suffix" FROM "Target" ORDER BY "annotationId","role"`,
  tags: `SELECT "annotationId","tag" FROM "AnnotationTag" ORDER BY "annotationId","tag"`,
};

/** Every annotation with its targets and tags, as comparable JSON (dates as ISO strings, booleans as booleans). */
export function snapshot(result: { annotations: Rows; targets: Rows; tags: Rows }): Array<Record<string, unknown>> {
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === "bigint" ? Number(v) : v);
  const row = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === "hidden" ? Boolean(v) : norm(v)]));
  return result.annotations.map((a) => ({
    ...row(a),
    targets: result.targets.filter((t) => t.annotationId === a.id).map(row),
    tags: result.tags.filter((t) => t.annotationId === a.id).map((t) => t.tag),
  }));
}
