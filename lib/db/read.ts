/**
 * Hot read queries outside Prisma's query pipeline, which costs a few milliseconds of CPU per query — several
 * times the query itself. On SQLite they run on a connection of their own (better-sqlite3, prepared
 * statements cached): in WAL mode it sees every committed write and never a transaction still in progress.
 * On PostgreSQL they are Prisma raw queries (its pool). Every value is a bound parameter.
 * Used by search (lib/search/sql.ts) and by the checks every request makes (session, membership).
 */
import path from "node:path";
import Database from "better-sqlite3";
import { LRUCache } from "lru-cache";
import { databaseProvider, sqliteUrl } from "./adapter";
import { db } from "./client";

let reader: { url: string; db: Database.Database; statements: LRUCache<string, Database.Statement> } | null = null;

function sqliteReader() {
  const url = sqliteUrl();
  if (!reader || reader.url !== url) {
    reader?.db.close();
    // Same resolution as the Prisma adapter: a file: path relative to the working directory.
    const file = path.resolve(/*turbopackIgnore: true*/ process.cwd(), url.replace(/^file:/, ""));
    const connection = new Database(file, { fileMustExist: true });
    connection.pragma("busy_timeout = 5000");
    reader = { url, db: connection, statements: new LRUCache({ max: 500 }) };
  }
  return reader;
}

/** Run a read query (placeholders: `?` on SQLite, `$n` on PostgreSQL). */
export async function readRows<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
  if (databaseProvider() === "postgresql") return db().$queryRawUnsafe<T[]>(sql, ...params);
  const r = sqliteReader();
  let statement = r.statements.get(sql);
  if (!statement) {
    statement = r.db.prepare(sql);
    r.statements.set(sql, statement);
  }
  return statement.all(...(params as unknown[])) as T[];
}

/**
 * readRows as a tagged template: sqlRows`SELECT … WHERE "id" = ${id}` binds `id` with the provider's
 * placeholder. Identifiers in double quotes read the same on both databases. SQLite hands DATETIME columns
 * back as ISO strings, PostgreSQL as Date objects: pass them through `new Date(…)`.
 */
export function sqlRows<T = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> {
  const pg = databaseProvider() === "postgresql";
  let text = strings[0];
  for (let i = 1; i < strings.length; i++) text += (pg ? `$${i}` : "?") + strings[i];
  return readRows<T>(text, values);
}

/** Close the read connection (tests that delete their database file). */
export function closeReader(): void {
  reader?.db.close();
  reader = null;
}
