// SQLite online backup and restore with SQLite's backup API (better-sqlite3's db.backup()): a consistent
// copy page by page while the app keeps running — unlike copying the file, which can catch a write half done.
// Usage: tsx scripts/sqlite-backup.ts backup <database file> <backup file>
//        tsx scripts/sqlite-backup.ts restore <backup file> <database file>
import { existsSync } from "node:fs";
import Database from "better-sqlite3";

function check(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const ok = db.pragma("integrity_check", { simple: true });
    if (ok !== "ok") throw new Error(`${file} fails SQLite's integrity check: ${ok}`);
    const hasData = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Annotation'").get();
    if (!hasData) throw new Error(`${file} is not a Synopse database (no Annotation table)`);
  } finally {
    db.close();
  }
}

/** The largest Event id the database ever handed out (0 for a new or empty file). */
function eventIdsIssued(file: string): number {
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(`SELECT MAX(n) AS n FROM (SELECT MAX("id") AS n FROM "Event" UNION ALL SELECT "seq" FROM sqlite_sequence WHERE "name" = 'Event')`)
      .get() as { n: number | null };
    return Number(row.n ?? 0);
  } catch {
    return 0; // not a Synopse database yet: nothing to carry over
  } finally {
    db.close();
  }
}

/**
 * Ids the app may hand out between our reading of the largest one and the copy taking its locks: the
 * restore continues after them too. Hand-picked headroom, far above what one process writes in that moment.
 */
const EVENT_ID_HEADROOM = 1000;

/**
 * After a restore, new Event ids continue after the largest one handed out BEFORE it (plus the headroom): an
 * open live stream that already passed id N would otherwise skip every new event numbered N or below
 * (lib/live/stream).
 */
function continueEventIds(file: string, issuedBefore: number): void {
  if (issuedBefore <= 0) return;
  const issued = issuedBefore + EVENT_ID_HEADROOM;
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    db.transaction(() => {
      const updated = db.prepare(`UPDATE sqlite_sequence SET "seq" = MAX("seq", ?) WHERE "name" = 'Event'`).run(issued).changes;
      if (updated === 0) db.prepare(`INSERT INTO sqlite_sequence ("name", "seq") VALUES ('Event', ?)`).run(issued);
    })();
  } finally {
    db.close();
  }
}

async function main() {
  const [mode, from, to] = process.argv.slice(2);
  if ((mode !== "backup" && mode !== "restore") || !from || !to) {
    console.error("usage: sqlite-backup.ts backup <database> <backup> | restore <backup> <database>");
    process.exit(2);
  }
  if (!existsSync(from)) throw new Error(`${from} does not exist`);
  check(from);
  const issued = mode === "restore" ? eventIdsIssued(to) : 0;
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    // Into the live database on restore: the backup API takes SQLite's locks, so a running app sees
    // either the old or the new content, never a mixture.
    await source.backup(to);
  } finally {
    source.close();
  }
  if (mode === "backup") {
    // The copy inherits the live database's WAL mode, whose -wal and -shm side files would lie beside it
    // (readable under the process's umask, missed by retention): a backup is one self-contained file.
    const copy = new Database(to);
    copy.pragma("journal_mode = DELETE");
    copy.close();
  }
  if (mode === "restore") continueEventIds(to, issued);
  check(to);
  const db = new Database(to, { readonly: true });
  const count = (db.prepare("SELECT COUNT(*) AS n FROM Annotation").get() as { n: number }).n;
  db.close();
  console.log(`[${mode}] ${from} → ${to} (${count} annotations)`);
}

main().catch((e) => {
  console.error(`[sqlite-backup] ${(e as Error).message}`);
  process.exit(1);
});
