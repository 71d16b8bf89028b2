/**
 * Load: 50 seminar members reading, annotating and searching, for BENCH_LOAD_SECONDS (120 s) each against
 * SQLite (one instance) and PostgreSQL (BENCH_PG_INSTANCES instances, default 2, members spread over them)
 * in the same run. Every member loops without think time over a mix: 45 % reader page, 20 % the notes of
 * a document, 20 % a new note, 15 % search. Reported: throughput, p50/p99 per kind and overall, errors,
 * and the app processes' memory (VmRSS) sampled every 2 s, with its growth after warm-up (BENCH_LOAD_SECONDS=600
 * for the 10-minute check: growth from minute 2 to minute 10). Starts and stops its own servers; needs both
 * builds (.next and .next-pg; scripts/test-shared.sh or `DATABASE_PROVIDER=postgresql npx next build`).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  demoSeminar,
  migratedSqlite,
  noteBody,
  postgresAvailable,
  privatePostgres,
  randomPort,
  ROOT,
  seed,
  startApp,
  type AppServer,
  type Member,
  type PgServer,
  type Provider,
} from "@/system/harness";
import { closedLoop, readerView, seminarMembers, send, summarize, type Sample } from "./loadgen";
import { percentile } from "./stats";

type Row = { name: string; value: number; unit: string };

const MEMBERS = Number(process.env.BENCH_LOAD_MEMBERS ?? 50);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 120);
const PG_INSTANCES = Number(process.env.BENCH_PG_INSTANCES ?? 2);
/**
 * BENCH_GC_PROBE=1 (bench/memory.ts sets it): each app server runs with bench/gc-probe.mjs, and every
 * GC_PROBE_EVERY seconds (and at the end) the run asks it for the heap used after a forced full GC.
 * BENCH_HEAP_SNAPSHOTS="120,480": heap snapshots at those seconds of the run (compare with bench/heap-diff.ts).
 */
const GC_PROBE = process.env.BENCH_GC_PROBE === "1";
const GC_PROBE_EVERY = Number(process.env.BENCH_GC_PROBE_EVERY ?? 60);
const HEAP_SNAPSHOTS = (process.env.BENCH_HEAP_SNAPSHOTS ?? "").split(",").filter(Boolean).map(Number);

interface HeapSample {
  t: number;
  rss: number;
  heapUsed: number;
}

const SEARCHES = ["Molotow", "Separatfrieden", "Stalin Hitler", "Friedensfühler", "Kandelaki", "1943", "Stockholm", "peace"];

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** next start forks the actual server: sum the RSS of the process tree. */
function treeRssMb(pid: number): number {
  let total = rssMb(pid);
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    for (const c of children) total += treeRssMb(c);
  } catch {
    /* gone */
  }
  return total;
}

interface Run {
  provider: Provider;
  instances: number;
  seconds: number;
  samples: Sample[];
  rss: number[][]; // per sample time: MB per instance
  /** Per instance: process.memoryUsage() after a forced full GC (BENCH_GC_PROBE), seconds into the run. */
  heap: HeapSample[][];
  searchAvailable: boolean;
}

/** The probe's answers so far (bench/gc-probe.mjs appends one JSON line per signal). */
function probeLines(file: string): Array<Record<string, unknown>> {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function runOne(provider: Provider): Promise<Run> {
  let pg: PgServer | null = null;
  let dir: string | null = null;
  const servers: AppServer[] = [];
  try {
    let url: string;
    if (provider === "postgresql") {
      pg = privatePostgres();
      pg.createMigratedDatabase("synopse");
      url = pg.url("synopse");
    } else {
      dir = mkdtempSync(path.join(os.tmpdir(), "synopse-load-"));
      migratedSqlite(path.join(dir, "load.db"));
      url = `file:${path.join(dir, "load.db")}`;
    }
    seed(provider, url);
    const port = randomPort();
    const instances = provider === "postgresql" ? PG_INSTANCES : 1;
    const probeFiles: string[] = [];
    for (let i = 0; i < instances; i++) {
      let extra: Record<string, string> = {};
      if (GC_PROBE) {
        const probeDir = mkdtempSync(path.join(os.tmpdir(), "synopse-gc-probe-"));
        const file = path.join(probeDir, "probe.jsonl");
        writeFileSync(file, "");
        probeFiles.push(file);
        extra = {
          NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --expose-gc --import ${pathToFileURL(path.join(ROOT, "bench", "gc-probe.mjs")).href}`.trim(),
          BENCH_GC_PROBE_FILE: file,
        };
      }
      servers.push(await startApp(provider, url, port + i, extra));
    }
    const members = await seminarMembers(servers[0].base, MEMBERS);
    const spread: Member[] = members.map((m, i) => m.on(servers[i % servers.length].base));
    const seminar = await demoSeminar(spread[0]);
    const { listDocuments } = await import("@/lib/content/store");
    const slugs = listDocuments().map((d) => d.slug);
    const searchAvailable = (await spread[0].fetch(`/api/search?q=Molotow`)).status === 200;

    const step = async (m: Member, i: number): Promise<{ kind: string; ok: boolean }> => {
      const r = Math.floor(Math.random() * 100);
      const slug = slugs[Math.floor(Math.random() * slugs.length)];
      let kind: string;
      let res: { status: number };
      if (r < 45 || (!searchAvailable && r >= 85)) {
        kind = "read page";
        res = await readerView(m, `/en/read?p=${encodeURIComponent(slug)}&seminar=${seminar.id}`);
      } else if (r < 65) {
        kind = "list notes";
        res = await send(m, `/api/seminars/${seminar.id}/annotations?document=${encodeURIComponent(seminar.slug)}`);
      } else if (r < 85) {
        kind = "annotate";
        res = await send(m, `/api/seminars/${seminar.id}/annotations`, {
          method: "POST",
          body: noteBody(seminar, `Load note ${i}: Molotow und der Separatfrieden`, i),
        });
      } else {
        kind = "search";
        res = await send(m, `/api/search?q=${encodeURIComponent(SEARCHES[i % SEARCHES.length])}&seminar=${seminar.id}`);
      }
      return { kind, ok: res.status === (kind === "annotate" ? 201 : 200) };
    };
    // Warm-up: compile routes, fill caches (not measured).
    await closedLoop(spread.slice(0, 10), Math.min(10, SECONDS / 4), step);

    const rss: number[][] = [];
    const sampleRss = () => rss.push(servers.map((s) => treeRssMb(s.process.pid!)));
    const started = Date.now();
    /** Signal every instance's probe and wait for each one's answer (a snapshot of a few hundred MB takes a while). */
    const signal = async (sig: NodeJS.Signals) => {
      const before = probeFiles.map((f) => probeLines(f).length);
      for (const s of servers) s.process.kill(sig);
      for (let i = 0; i < 1200 && probeFiles.some((f, j) => probeLines(f).length <= before[j]); i++) await new Promise((r) => setTimeout(r, 100));
    };
    const probeTimers: NodeJS.Timeout[] = [];
    if (GC_PROBE) {
      await signal("SIGUSR2");
      probeTimers.push(setInterval(() => void signal("SIGUSR2"), GC_PROBE_EVERY * 1000));
      for (const at of HEAP_SNAPSHOTS) probeTimers.push(setTimeout(() => void signal("SIGPWR"), at * 1000));
    }
    sampleRss();
    const timer = setInterval(sampleRss, 2000);
    const result = await closedLoop(spread, SECONDS, step);
    clearInterval(timer);
    for (const t of probeTimers) clearInterval(t);
    sampleRss();
    if (GC_PROBE) await signal("SIGUSR2");
    const heap = probeFiles.map((f) =>
      probeLines(f)
        .filter((l) => typeof l.heapUsed === "number")
        .map((l) => ({ t: ((l.t as number) - started) / 1000, rss: (l.rss as number) / 2 ** 20, heapUsed: (l.heapUsed as number) / 2 ** 20 })),
    );
    for (const f of probeFiles) for (const l of probeLines(f)) if (l.snapshot) console.log(`heap snapshot: ${String(l.snapshot)}`);
    return { provider, instances, seconds: result.seconds, samples: result.samples, rss, heap, searchAvailable };
  } finally {
    await Promise.all(servers.map((s) => s.kill()));
    pg?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchLoad(): Promise<{ rows: Row[]; notes: string[] }> {
  // BENCH_LOAD_PROVIDERS=postgresql: one database only (e.g. to take heap snapshots of it).
  const only = process.env.BENCH_LOAD_PROVIDERS?.split(",");
  const providers: Provider[] = !only || only.includes("sqlite") ? ["sqlite"] : [];
  const notes: string[] = [];
  if (only && !only.includes("postgresql")) notes.push("PostgreSQL not asked for (BENCH_LOAD_PROVIDERS).");
  else if (postgresAvailable() && existsSync(path.join(ROOT, ".next-pg", "BUILD_ID"))) providers.push("postgresql");
  else notes.push("PostgreSQL skipped: needs Debian's postgresql 15 and the PostgreSQL build (.next-pg).");

  const runs: Run[] = [];
  for (const p of providers) runs.push(await runOne(p));

  const rows: Row[] = [];
  const label = (r: Run) => (r.provider === "sqlite" ? "SQLite, 1 instance" : `PostgreSQL, ${r.instances} instances`);
  const overall = new Map<Provider, ReturnType<typeof summarize>>();
  for (const r of runs) {
    const s = summarize(r.samples, r.seconds);
    overall.set(r.provider, s);
    const totals = r.rss.map((xs) => xs.reduce((a, b) => a + b, 0));
    rows.push(
      { name: `${label(r)}: throughput`, value: s.perSecond, unit: "req/s" },
      { name: `${label(r)}: p50`, value: s.p50, unit: "ms" },
      { name: `${label(r)}: p99`, value: s.p99, unit: "ms" },
      { name: `${label(r)}: errors (target 0)`, value: s.errors, unit: "requests" },
      { name: `${label(r)}: app memory at start`, value: totals[0], unit: "MB RSS" },
      { name: `${label(r)}: app memory peak`, value: Math.max(...totals), unit: "MB RSS" },
      { name: `${label(r)}: app memory at end`, value: totals[totals.length - 1], unit: "MB RSS" },
    );
    for (const kind of ["read page", "list notes", "annotate", "search"]) {
      const ms = r.samples
        .filter((x) => x.kind === kind)
        .map((x) => x.ms)
        .sort((a, b) => a - b);
      if (ms.length === 0) continue;
      rows.push({
        name: `${label(r)}: ${kind} p50 / p99`,
        value: percentile(ms, 50),
        unit: `ms / ${percentile(ms, 99).toFixed(0)} ms (${ms.length} requests)`,
      });
    }
    // Levelling off after warm-up: growth from minute 2 to the end (samples every 2 s; for a run under
    // 4 minutes, from its first fifth instead). Target for a 10-minute run: ≤ 10 %.
    const settledAt = r.seconds >= 240 ? Math.min(totals.length - 1, 60) : Math.round((totals.length - 1) / 5);
    const settled = totals[settledAt];
    const end = totals[totals.length - 1];
    rows.push(
      { name: `${label(r)}: app memory at ${((settledAt * 2) / 60).toFixed(1)} min`, value: settled, unit: "MB RSS" },
      {
        name: `${label(r)}: memory growth from ${((settledAt * 2) / 60).toFixed(1)} min to the end (${(r.seconds / 60).toFixed(0)} min; target ≤ 10 % over 10 min)`,
        value: ((end - settled) / settled) * 100,
        unit: "%",
      },
    );
    // Heap used after a forced full GC (BENCH_GC_PROBE), summed over instances: what the program holds.
    if (r.heap.length > 0 && r.heap.every((h) => h.length >= 2)) {
      const settledSeconds = settledAt * 2;
      const at = (h: HeapSample[]) => h.find((x) => x.t >= settledSeconds - 1) ?? h[h.length - 1];
      const heapSettled = r.heap.reduce((sum, h) => sum + at(h).heapUsed, 0);
      const heapEnd = r.heap.reduce((sum, h) => sum + h[h.length - 1].heapUsed, 0);
      rows.push(
        {
          name: `${label(r)}: V8 heap used after a forced GC at ${(settledSeconds / 60).toFixed(1)} min / at the end`,
          value: heapSettled,
          unit: `MB / ${heapEnd.toFixed(1)} MB`,
        },
        {
          name: `${label(r)}: V8 heap used after a forced GC, growth from ${(settledSeconds / 60).toFixed(1)} min to the end`,
          value: ((heapEnd - heapSettled) / heapSettled) * 100,
          unit: "%",
        },
      );
      notes.push(
        `${label(r)} V8 heap used after a forced full GC (bench/gc-probe.mjs, every ${GC_PROBE_EVERY} s; MB, all instances): ${r.heap[0].map((_, i) => `${(r.heap[0][i].t / 60).toFixed(1)} min ${r.heap.reduce((sum, h) => sum + (h[i]?.heapUsed ?? NaN), 0).toFixed(0)}`).join(", ")}.`,
      );
    }
    const marks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * (totals.length - 1)));
    notes.push(
      `${label(r)} memory over time (MB RSS of all app processes at 0/25/50/75/100 % of the run): ${marks.map((i) => totals[i].toFixed(0)).join(" → ")}.`,
    );
    if (!r.searchAvailable) notes.push(`${label(r)}: GET /api/search was not available; its share went to reader pages.`);
  }
  const sq = overall.get("sqlite");
  const pgs = overall.get("postgresql");
  if (sq && pgs) {
    rows.push(
      { name: "PostgreSQL vs SQLite: throughput", value: pgs.perSecond / sq.perSecond, unit: "×" },
      { name: "PostgreSQL vs SQLite: p99", value: pgs.p99 / sq.p99, unit: "×" },
    );
  }
  notes.unshift(
    `${MEMBERS} signed-in members per database, ${SECONDS} s each after a warm-up, closed loop without think time (a stress test: real members pause to read): 45 % reader pages, 20 % notes of a document, 20 % new notes, 15 % search.`,
    "Load generator, app instances and PostgreSQL share one machine; PostgreSQL runs with fsync on (durable), SQLite in WAL mode with synchronous=FULL (durable too). The load generator speaks node:http with keep-alive (bench/loadgen.ts send), gzip accepted and decoded like a browser.",
  );
  return { rows, notes };
}

// `tsx bench/load.ts` runs it alone and prints the table.
if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, "bench", "load.ts")) {
  benchLoad().then(
    ({ rows, notes }) => {
      for (const r of rows) console.log(`${r.name}\t${Number.isInteger(r.value) ? r.value : r.value.toFixed(2)} ${r.unit}`);
      for (const n of notes) console.log(`- ${n}`);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
