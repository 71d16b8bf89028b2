/**
 * Bounded work (run by bench/run.ts against a started production server, or alone: `npx tsx bench/bounded.ts`,
 * which starts its own server on BENCH_PORT and writes its section into bench/RESULTS.md):
 *  1. Every view of a seminar with 20,000 notes across 50 members — notes list, W3C container, links (API and
 *     page), overview (API and page), the seminar page, the reader with notes — first page, p50/p95 of
 *     sequential requests; the same views of a seminar with 100 notes in the same run as the baseline (the
 *     reader's ratio is the target). The notes are written through the API by the 50 members.
 *  2. /api/health while a 5 MB TEI upload is being cleaned, against /api/health alone in the same run.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { teiVolume } from "@/lib/content/testing/tei-volume";
import { Member, migratedSqlite, privatePostgres, ROOT, seed, startApp, type PgServer, type Provider } from "@/system/harness";
import { send } from "./loadgen";
import { processCpuMs } from "./proc";
import { percentile } from "./stats";

type Row = { name: string; value: number; unit: string };

const BIG = Number(process.env.BENCH_BOUNDED_NOTES ?? 20_000);
const SMALL = 100;
/** Notes on the second text, in both seminars. */
const FEW = 10;
const MEMBERS = 50;
const RUNS = Number(process.env.BENCH_BOUNDED_RUNS ?? 30);
const WARMUP = 3;
const DOCUMENTS = ["mastny-separate-peace", "forum-separatfrieden-1941-43"];

interface Seminar {
  id: string;
  inviteCode: string;
}

async function paragraph(slug: string): Promise<{ blockId: string; length: number }> {
  const { getDocument } = await import("@/lib/content/store");
  const block = getDocument(slug)?.blocks.find((b) => b.type === "paragraph" && b.text.length > 80);
  if (!block) throw new Error(`no paragraph in ${slug}`);
  return { blockId: block.id, length: block.text.length };
}

/** `count` notes on one of the seminar's documents (the first unless told), written through the API by all members at once. */
async function writeNotes(members: Member[], seminar: Seminar, count: number, slug = DOCUMENTS[0]): Promise<void> {
  const p = await paragraph(slug);
  let next = 0;
  await Promise.all(
    members.map(async (m) => {
      for (let i = next++; i < count; i = next++) {
        const start = i % (p.length - 20);
        const body = JSON.stringify({
          target: { documentSlug: slug, blockId: p.blockId, blockStart: start, blockEnd: start + 12 },
          body: `<p>Note ${i} on the separate peace?</p>`,
          tags: i % 7 === 0 ? ["question"] : [],
        });
        const res = await send(m, `/api/seminars/${seminar.id}/annotations`, { method: "POST", body });
        if (res.status !== 201) throw new Error(`note ${i}: ${res.status} ${res.body.toString().slice(0, 200)}`);
      }
    }),
  );
}

/**
 * BENCH_BOUNDED_API_NOTES=n (standalone run only): write n notes of the big seminar through the API and fill
 * the rest with copies of them — rows the API wrote, with new ids, each by the same author, later in time —
 * straight into the database (the SQLite file, or PostgreSQL through the pg client). The views read the same
 * rows either way; on a loaded shared machine the API writes a few notes a second, so 20,000 would take most
 * of an hour.
 */
const API_NOTES = Number(process.env.BENCH_BOUNDED_API_NOTES ?? 0);
let fill: { provider: Provider; url: string } | null = null;

function copyNotesSqlite(file: string, seminarId: string, count: number): void {
  const db = new Database(file);
  db.pragma("busy_timeout = 10000");
  const notes = db.prepare(`SELECT * FROM "Annotation" WHERE "seminarId" = ? AND "parentId" IS NULL ORDER BY "createdAt", "id"`).all(seminarId) as Array<
    Record<string, unknown>
  >;
  const targets = db.prepare(`SELECT * FROM "Target" WHERE "annotationId" = ?`);
  const tags = db.prepare(`SELECT * FROM "AnnotationTag" WHERE "annotationId" = ?`);
  const insert = (table: string, row: Record<string, unknown>) => {
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`).run(...cols.map((c) => row[c]));
  };
  let at = Date.parse(String(notes[notes.length - 1].createdAt));
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const from = notes[i % notes.length];
      const id = randomUUID();
      const when = new Date(++at).toISOString().replace("Z", "+00:00");
      insert("Annotation", { ...from, id, createdAt: when, updatedAt: when });
      for (const t of targets.all(from.id) as Array<Record<string, unknown>>) insert("Target", { ...t, id: randomUUID(), annotationId: id });
      for (const t of tags.all(from.id) as Array<Record<string, unknown>>) insert("AnnotationTag", { ...t, annotationId: id });
    }
  })();
  db.close();
}

/**
 * The same copies in PostgreSQL, made by the server in one transaction: copy k is root note k mod n (in the
 * order they were written) with a new id, 1 ms after the previous copy. Then ANALYZE, as autovacuum would
 * within its first minute: the timed views should meet the planner's statistics of a table this size.
 */
async function copyNotesPostgres(url: string, seminarId: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = async (table: string) =>
      (
        await client.query<{ column_name: string }>(
          `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
          [table],
        )
      ).rows.map((r) => r.column_name);
    /** INSERT … SELECT of every column of `table`, `set` naming the ones that change (SQL over `src` and `m`). */
    const copy = async (table: string, from: string, set: Record<string, string>) => {
      const cols = await columns(table);
      const q = (c: string) => `"${c}"`;
      await client.query(`INSERT INTO ${q(table)} (${cols.map(q).join(", ")}) SELECT ${cols.map((c) => set[c] ?? `src.${q(c)}`).join(", ")} ${from}`);
    };
    await client.query("BEGIN");
    await client.query(
      `CREATE TEMP TABLE bench_copy ON COMMIT DROP AS
       WITH roots AS (
         SELECT "id", "createdAt", (row_number() OVER (ORDER BY "createdAt", "id") - 1) AS n, count(*) OVER () AS total
         FROM "Annotation" WHERE "seminarId" = $1 AND "parentId" IS NULL
       )
       SELECT gen_random_uuid()::text AS id, r."id" AS from_id,
              (SELECT max("createdAt") FROM roots) + (k + 1) * interval '1 millisecond' AS at
       FROM generate_series(0, $2::int - 1) AS k JOIN roots r ON r.n = k % r.total`,
      [seminarId, count],
    );
    await copy("Annotation", `FROM bench_copy m JOIN "Annotation" src ON src."id" = m.from_id`, { id: "m.id", createdAt: "m.at", updatedAt: "m.at" });
    await copy("Target", `FROM bench_copy m JOIN "Target" src ON src."annotationId" = m.from_id`, {
      id: "gen_random_uuid()::text",
      annotationId: "m.id",
    });
    await copy("AnnotationTag", `FROM bench_copy m JOIN "AnnotationTag" src ON src."annotationId" = m.from_id`, { annotationId: "m.id" });
    await client.query("COMMIT");
    await client.query(`ANALYZE "Annotation", "Target", "AnnotationTag"`);
  } finally {
    await client.end();
  }
}

async function copyNotes(seminarId: string, count: number): Promise<void> {
  if (!fill) throw new Error("no database to fill");
  if (fill.provider === "postgresql") await copyNotesPostgres(fill.url, seminarId, count);
  else copyNotesSqlite(fill.url.replace(/^file:/, ""), seminarId, count);
}

/** The app server's pid when this run started it: CPU time per request is then measured beside wall time. */
let serverPid: number | undefined;

async function timeGets(member: Member, pathname: string): Promise<{ p50: number; p95: number; cpu: number }> {
  const once = async () => {
    const res = await send(member, pathname);
    if (res.status !== 200) throw new Error(`${pathname}: HTTP ${res.status}`);
  };
  for (let i = 0; i < WARMUP; i++) await once();
  const ms: number[] = [];
  const cpu0 = serverPid ? processCpuMs(serverPid) : NaN;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await once();
    ms.push(performance.now() - t0);
  }
  const cpu = serverPid ? (processCpuMs(serverPid) - cpu0) / RUNS : NaN;
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), cpu };
}

async function views(base: string): Promise<{ rows: Row[]; notes: string[] }> {
  const run = Math.random().toString(36).slice(2, 8);
  const instructor = await Member.signUp(base, "Bench Instructor", `bench-bounded-${run}@synopse.test`);
  const create = (title: string) =>
    instructor.json<Seminar>("/api/seminars", { method: "POST", headers: { origin: base }, body: JSON.stringify({ title, documents: DOCUMENTS }) });
  const small = await create(`Bounded bench ${run}: ${SMALL} notes`);
  const big = await create(`Bounded bench ${run}: ${BIG} notes`);
  const members: Member[] = [];
  for (let i = 0; i < MEMBERS; i += 10) {
    members.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(10, MEMBERS - i) }, async (_, j) => {
          const m = await Member.signUp(base, `Bounded Member ${i + j}`, `bench-bounded-${run}-${i + j}@synopse.test`);
          for (const s of [small, big]) await m.json(`/api/join/${s.inviteCode}`, { method: "POST", headers: { origin: base } });
          return m;
        }),
      )),
    );
  }
  const t0 = performance.now();
  await writeNotes(members, small, SMALL);
  const throughApi = fill ? Math.min(BIG, API_NOTES) : BIG;
  await writeNotes(members, big, throughApi);
  const writeSeconds = (performance.now() - t0) / 1000;
  if (fill && throughApi < BIG) await copyNotes(big.id, BIG - throughApi);
  // The second text gets a handful, the newest notes of both seminars: a page of them must not cost a walk
  // through the seminar's other notes.
  for (const s of [small, big]) await writeNotes(members.slice(0, FEW), s, FEW, DOCUMENTS[1]);

  const student = members[0];
  const pages: Array<[string, Member, (s: Seminar) => string]> = [
    ["notes list (API, first page)", student, (s) => `/api/seminars/${s.id}/annotations`],
    ["notes of a document (API, first page)", student, (s) => `/api/seminars/${s.id}/annotations?document=${DOCUMENTS[0]}`],
    [`notes of a text with ${FEW} notes (API)`, student, (s) => `/api/seminars/${s.id}/annotations?document=${DOCUMENTS[1]}`],
    ["W3C container (first page embedded)", student, (s) => `/api/w3c/seminars/${s.id}/`],
    ["links (API, first page)", student, (s) => `/api/seminars/${s.id}/links`],
    ["links overview page", student, (s) => `/en/seminars/${s.id}/links`],
    ["seminar page", student, (s) => `/en/seminars/${s.id}`],
    ["overview (API, instructor)", instructor, (s) => `/api/seminars/${s.id}/overview`],
    ["overview page (instructor)", instructor, (s) => `/en/seminars/${s.id}/overview`],
    ["reader with notes (2 panes, heat strips)", student, (s) => `/en/read?p=${DOCUMENTS[0]}&p=${DOCUMENTS[1]}&seminar=${s.id}`],
    [`reader of a text with ${FEW} notes (1 pane)`, student, (s) => `/en/read?p=${DOCUMENTS[1]}&seminar=${s.id}`],
  ];
  const rows: Row[] = [];
  let readerRatio = NaN;
  let worstP95 = 0;
  for (const [name, who, url] of pages) {
    const base100 = await timeGets(who, url(small));
    const many = await timeGets(who, url(big));
    worstP95 = Math.max(worstP95, many.p95);
    const cpu = (x: { cpu: number }) => (Number.isNaN(x.cpu) ? "" : `; server CPU ${x.cpu.toFixed(0)} ms a request`);
    rows.push({
      name: `${name}: ${BIG.toLocaleString("en")} notes, p50 / p95`,
      value: many.p50,
      unit: `ms / ${many.p95.toFixed(1)} ms${cpu(many)} (${SMALL} notes: ${base100.p50.toFixed(1)} / ${base100.p95.toFixed(1)} ms${cpu(base100)})`,
    });
    if (name.startsWith("reader with notes")) readerRatio = many.p50 / base100.p50;
  }
  rows.push({ name: `slowest first page at ${BIG.toLocaleString("en")} notes, p95 (target ≤ 200)`, value: worstP95, unit: "ms" });
  rows.push({ name: `reader with notes, ${BIG.toLocaleString("en")} / ${SMALL} notes, median (target ≤ 2)`, value: readerRatio, unit: "×" });
  // The export is a whole file, not a page: for reference.
  const e0 = performance.now();
  const csv = await send(student, `/api/seminars/${big.id}/export?format=csv`);
  if (csv.status !== 200) throw new Error(`export: ${csv.status}`);
  rows.push({
    name: `export of all ${BIG.toLocaleString("en")} notes as CSV (one request, read page by page; for reference)`,
    value: performance.now() - e0,
    unit: `ms, ${(csv.body.length / 1e6).toFixed(1)} MB`,
  });
  return {
    rows,
    notes: [
      fill && throughApi < BIG
        ? `Two seminars of the same instructor with the same two texts and the same ${MEMBERS} members; ${SMALL} and ${throughApi.toLocaleString("en")} notes on the first text written through the API by all members at once (${writeSeconds.toFixed(0)} s, rate limit lifted by SYNOPSE_RATE_LIMIT=off), then the big seminar filled to ${BIG.toLocaleString("en")} with copies of those notes, rows, passages and tags, by their authors, later in time (BENCH_BOUNDED_API_NOTES=${API_NOTES}: the API wrote ${((SMALL + throughApi) / writeSeconds).toFixed(0)} notes a second in this run, a few a second on a loaded machine).${fill.provider === "postgresql" ? " Then ANALYZE, as autovacuum does on its own after such a change." : ""} Last, ${FEW} notes on the second text in each seminar through the API, the newest of both (the rows named "${FEW} notes"; the seminars hold ${SMALL + FEW} and ${(BIG + FEW).toLocaleString("en")}).`
        : `Two seminars of the same instructor with the same two texts and the same ${MEMBERS} members; ${SMALL} and ${BIG.toLocaleString("en")} notes on the first text, written through the API by all members at once (${writeSeconds.toFixed(0)} s for both, rate limit lifted by SYNOPSE_RATE_LIMIT=off); then ${FEW} notes on the second text in each, the newest of both.`,
      `${RUNS} sequential requests per view and seminar after ${WARMUP} warm-up requests, whole body read (gzip accepted), over loopback; the machine is shared with other work, so p95 includes its scheduling.`,
      `Load average at the end: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(" / ")} on ${os.cpus().length} cores (the machine is shared: other builds and tests ran meanwhile).`,
      "Every list is a keyset page (lib/annotations/list.ts): the notes API and W3C container 100 annotations, the reader 200 with a 'Show more notes' button, the links overview 100 links; the overview and heat strips aggregate all notes through joins, and keep the result for the seminar's state (latest event, members, documents, gate): in this run nothing is written between the timed requests, so after the first they are served from that cache; under writes each reader page or overview after a change reads every passage again.",
    ],
  };
}

async function healthProbe(base: string, until: () => boolean, min = 0): Promise<number[]> {
  const ms: number[] = [];
  while (!until() || ms.length < min) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/health`);
    await res.arrayBuffer();
    ms.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  return ms.sort((a, b) => a - b);
}

async function uploadUnderLoad(base: string): Promise<{ rows: Row[]; notes: string[] }> {
  const run = Math.random().toString(36).slice(2, 8);
  const owner = await Member.signUp(base, "Bench Uploader", `bench-upload-${run}@synopse.test`);
  const seminar = await owner.json<{ id: string }>("/api/seminars", {
    method: "POST",
    headers: { origin: base },
    body: JSON.stringify({ title: `Upload bench ${run}`, documents: [] }),
  });
  let n = 0;
  const quiet = await healthProbe(base, () => ++n > 200);
  const tei = Buffer.from(teiVolume(5_000_000));
  let done = false;
  const t0 = performance.now();
  const upload = owner
    .fetch(`/api/seminars/${seminar.id}/uploads?name=band.xml&slug=bench-upload-${run}`, {
      method: "POST",
      headers: { origin: base, "content-type": "application/xml" },
      body: tei,
    })
    .then(async (res) => {
      const seconds = (performance.now() - t0) / 1000;
      done = true;
      if (res.status !== 200) throw new Error(`upload: ${res.status} ${await res.text()}`);
      return seconds;
    });
  const during = await healthProbe(base, () => done);
  const seconds = await upload;
  return {
    rows: [
      { name: "/api/health alone: p50 / p99", value: percentile(quiet, 50), unit: `ms / ${percentile(quiet, 99).toFixed(1)} ms (${quiet.length} requests)` },
      { name: "/api/health while a 5 MB TEI upload is cleaned: p50", value: percentile(during, 50), unit: "ms" },
      {
        name: "/api/health while a 5 MB TEI upload is cleaned: p99 (target ≤ 200)",
        value: percentile(during, 99),
        unit: `ms (${during.length} requests, max ${during[during.length - 1].toFixed(0)} ms)`,
      },
      { name: "the upload's preview (cleaning in a worker thread)", value: seconds, unit: "s" },
    ],
    notes: [
      `One instructor uploads a synthetic ${(tei.length / 1e6).toFixed(1)} MB TEI volume (lib/content/testing/tei-volume) through POST /api/seminars/:id/uploads; meanwhile one client asks /api/health every 20 ms, each request after the previous answered. Before the fix the cleaning ran on the request thread: /api/health waited up to 17 s.`,
    ],
  };
}

export async function benchBounded(base: string, pid?: number): Promise<{ rows: Row[]; notes: string[] }> {
  serverPid = pid;
  const v = await views(base);
  // BENCH_BOUNDED_UPLOAD=0: the views alone. An upload the worker refuses (its time limit on a loaded
  // machine) is reported, not fatal: the views' figures are kept.
  if (process.env.BENCH_BOUNDED_UPLOAD === "0") return v;
  const upload = await uploadUnderLoad(base).catch((e: Error) => ({
    rows: [] as Row[],
    notes: [`The 5 MB TEI upload failed in this run: ${e.message.slice(0, 200)}.`],
  }));
  return { rows: [...v.rows, ...upload.rows], notes: [...v.notes, ...upload.notes] };
}

export const BOUNDED_TITLE = "Bounded work: 20,000 notes in a seminar, an upload under load";

/** Replace (or add) one section of bench/RESULTS.md. */
export function writeSection(title: string, command: string, rows: Row[], notes: string[]): void {
  const file = path.join(ROOT, "bench", "RESULTS.md");
  const text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
  const section = [
    `## ${title}`,
    "",
    `Measured alone (\`${command}\`) on ${new Date().toISOString()}.`,
    "",
    "| measure | value | unit |",
    "| --- | ---: | --- |",
  ];
  for (const r of rows) section.push(`| ${r.name} | ${Number.isInteger(r.value) ? r.value : r.value.toFixed(2)} | ${r.unit} |`);
  section.push("", ...notes.map((n) => `- ${n}`), "");
  const start = text.indexOf(`## ${title}`);
  const next = start < 0 ? -1 : text.indexOf("\n## ", start + 3);
  const out = start < 0 ? `${text.trimEnd()}\n\n${section.join("\n")}` : `${text.slice(0, start)}${section.join("\n")}${next < 0 ? "" : text.slice(next)}`;
  writeFileSync(file, out.endsWith("\n") ? out : `${out}\n`);
}

// `npx tsx bench/bounded.ts`: its own server on BENCH_PORT (default 3141) and database, then its section.
// BENCH_BOUNDED_PROVIDER=postgresql: the same against a private PostgreSQL (SYSTEM_PG_PORT) and the PostgreSQL
// build (.next-pg), in its own section.
if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, "bench", "bounded.ts")) {
  (async () => {
    const provider: Provider = process.env.BENCH_BOUNDED_PROVIDER === "postgresql" ? "postgresql" : "sqlite";
    const loadAtStart = os.loadavg();
    const dir = mkdtempSync(path.join(os.tmpdir(), "synopse-bench-bounded-"));
    let pg: PgServer | null = null;
    let url: string;
    if (provider === "postgresql") {
      pg = privatePostgres();
      pg.createMigratedDatabase("synopse");
      url = pg.url("synopse");
    } else {
      const file = path.join(dir, "bench.db");
      migratedSqlite(file);
      url = `file:${file}`;
    }
    if (API_NOTES > 0) fill = { provider, url };
    seed(provider, url);
    const server = await startApp(provider, url, Number(process.env.BENCH_PORT ?? 3141));
    const cpu0 = processCpuMs(server.process.pid!);
    server.process.once("exit", (code, signal) => console.error(`app server exited (${code ?? signal}):\n${server.output().slice(-4000)}`));
    try {
      const { rows, notes } = await benchBounded(server.base, server.process.pid);
      notes.push(`App server CPU time over the whole run (writing the notes included): ${((processCpuMs(server.process.pid!) - cpu0) / 1000).toFixed(0)} s.`);
      notes.push(`Load average at the start: ${loadAtStart.map((x) => x.toFixed(1)).join(" / ")}.`);
      for (const r of rows) console.log(`${r.name}\t${Number.isInteger(r.value) ? r.value : r.value.toFixed(2)} ${r.unit}`);
      for (const n of notes) console.log(`- ${n}`);
      const title = provider === "postgresql" ? `${BOUNDED_TITLE} (PostgreSQL)` : BOUNDED_TITLE;
      // The command as run: the settings that change what is measured (ports and the like do not).
      const settings = ["BENCH_BOUNDED_PROVIDER", "BENCH_BOUNDED_UPLOAD", "BENCH_BOUNDED_API_NOTES", "BENCH_BOUNDED_NOTES", "BENCH_BOUNDED_RUNS"]
        .filter((k) => process.env[k] !== undefined)
        .map((k) => `${k}=${process.env[k]} `)
        .join("");
      writeSection(title, `${settings}npx tsx bench/bounded.ts`, rows, notes);
    } finally {
      await server.kill();
      pg?.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
