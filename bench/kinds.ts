/**
 * Server CPU per request for each kind of request in the 50-member mix of bench/load.ts, one kind at a time:
 * where the mix's CPU goes. Starts this checkout's production build (.next) on a fresh SQLite database, signs up
 * BENCH_KINDS_MEMBERS members (default 20), and drives each kind alone in a closed loop for BENCH_KINDS_SECONDS
 * (default 20) after a short warm-up, reading the server's CPU (user + system, all threads) from /proc as
 * bench/proc.ts does. BENCH_KINDS_NOTES notes (default 1500, about what the mixed load writes) are written first,
 * unmeasured, so that every side's reads see a seminar of the same size; new notes are measured last.
 *
 *   npx tsx bench/kinds.ts                       all kinds
 *   BENCH_KINDS=annotate,search npx tsx …        some kinds (names: annotate, list, search, read, empty)
 *   BENCH_KINDS_PROFILE=dir npx tsx …            the server runs under node --cpu-prof, its profile lands in dir
 *   BENCH_KINDS_BEFORE_DIR=checkout npx tsx …    an earlier commit's build first (as for bench/before-after.ts), then this one
 *                                                (BENCH_KINDS_BEFORE_LABEL names that commit in the notes)
 *   npm run bench -- --only kinds                the same, written to bench/RESULTS.md
 *
 * "empty" is the app's cheapest signed-in API answer (the header badge's unread count, GET /api/notifications?count=1; not in the mix): what every request pays
 * before its own work (the session lookup, the route wrapper, the JSON answer).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { demoSeminar, migratedSqlite, noteBody, ROOT, seed, startApp, type DemoSeminar, type Member } from "@/system/harness";
import { serve } from "./before-after";
import { closedLoop, readerView, seminarMembers, send, summarize } from "./loadgen";
import { listeningPid, processCpuMs } from "./proc";

const MEMBERS = Number(process.env.BENCH_KINDS_MEMBERS ?? 20);
const SECONDS = Number(process.env.BENCH_KINDS_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_KINDS_PORT ?? 3431);
const SEARCHES = ["Molotow", "Separatfrieden", "Stalin Hitler", "Friedensfühler", "Kandelaki", "1943", "Stockholm", "peace"];

type Kind = "annotate" | "list" | "search" | "read" | "empty";
const ALL: Kind[] = ["list", "search", "read", "empty", "annotate"];
/**
 * Notes written before any kind is measured (not measured): the reads of both sides see a seminar of the same
 * size. A reader page and a list cost more with more notes, so a time-bounded phase of writes first would
 * hand the faster side a bigger seminar.
 */
const PREFILL = Number(process.env.BENCH_KINDS_NOTES ?? 1500);

function request(kind: Kind, seminar: DemoSeminar, slugs: string[], m: Member, i: number): Promise<{ status: number }> {
  switch (kind) {
    case "annotate":
      return send(m, `/api/seminars/${seminar.id}/annotations`, {
        method: "POST",
        body: noteBody(seminar, `Load note ${i}: Molotow und der Separatfrieden`, i),
      });
    case "list":
      return send(m, `/api/seminars/${seminar.id}/annotations?document=${encodeURIComponent(seminar.slug)}`);
    case "search":
      return send(m, `/api/search?q=${encodeURIComponent(SEARCHES[i % SEARCHES.length])}&seminar=${seminar.id}`);
    case "read":
      return readerView(m, `/en/read?p=${encodeURIComponent(slugs[i % slugs.length])}&seminar=${seminar.id}`);
    case "empty":
      return send(m, `/api/notifications?count=1`);
  }
}

type Row = { name: string; value: number; unit: string };

interface KindFigures {
  kind: Kind;
  perSecond: number;
  cpuPerRequest: number;
  p50: number;
  errors: number;
  count: number;
  load: [number, number];
}

/** Drives each kind alone against a started server (`pid` listens on `base`), one after the other. */
async function measureKinds(base: string, pid: number, kinds: Kind[]): Promise<KindFigures[]> {
  const members = await seminarMembers(base, MEMBERS);
  const seminar = await demoSeminar(members[0]);
  const { listDocuments } = await import("@/lib/content/store");
  const slugs = listDocuments().map((d) => d.slug);
  const out: KindFigures[] = [];
  let written = 0;
  await Promise.all(
    members.map(async (m, c) => {
      while (written < PREFILL) {
        const i = written++;
        const res = await request("annotate", seminar, slugs, m, c * 1_000_000 + i);
        if (res.status !== 201) throw new Error(`prefill: a note was refused (${res.status})`);
      }
    }),
  );
  for (const kind of kinds) {
    const step = async (m: Member, i: number) => {
      const res = await request(kind, seminar, slugs, m, i);
      return { kind, ok: res.status === (kind === "annotate" ? 201 : 200) };
    };
    // Warm-up: compile, fill caches; every text once, so that no side pays more first renders than the other.
    if (kind === "read") for (let i = 0; i < slugs.length; i++) await request(kind, seminar, slugs, members[0], i);
    await closedLoop(members.slice(0, 5), 3, step);
    const load = os.loadavg()[0];
    const cpu0 = processCpuMs(pid);
    const r = await closedLoop(members, SECONDS, step);
    const cpu = processCpuMs(pid) - cpu0;
    const s = summarize(r.samples, r.seconds);
    out.push({ kind, perSecond: s.perSecond, cpuPerRequest: cpu / s.count, p50: s.p50, errors: s.errors, count: s.count, load: [load, os.loadavg()[0]] });
  }
  return out;
}

/**
 * This checkout's figures, and with BENCH_KINDS_BEFORE_DIR (a built checkout of an earlier commit, as for
 * bench/before-after.ts) that commit's first, each server on a fresh database of its own checkout.
 */
export async function benchKinds(): Promise<{ rows: Row[]; notes: string[] }> {
  const kinds = (process.env.BENCH_KINDS?.split(",") as Kind[] | undefined) ?? ALL;
  const beforeDir = process.env.BENCH_KINDS_BEFORE_DIR;
  const profile = process.env.BENCH_KINDS_PROFILE;
  const dir = mkdtempSync(path.join(os.tmpdir(), "synopse-kinds-"));
  const sides: Array<{ name: string; figures: KindFigures[] }> = [];
  try {
    if (beforeDir) {
      for (const [name, checkout] of [
        ["before", path.resolve(beforeDir)],
        ["after", ROOT],
      ] as const) {
        const server = await serve(name, checkout, PORT, dir);
        try {
          sides.push({ name, figures: await measureKinds(server.base, listeningPid(PORT) ?? fail(), kinds) });
        } finally {
          process.kill(-server.process.pid!, "SIGTERM");
          await new Promise((r) => server.process.once("exit", r));
        }
      }
    } else {
      const url = `file:${path.join(dir, "kinds.db")}`;
      migratedSqlite(path.join(dir, "kinds.db"));
      seed("sqlite", url);
      const server = await startApp("sqlite", url, PORT, {}, profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profile)}`] : []);
      try {
        sides.push({ name: "this checkout", figures: await measureKinds(server.base, listeningPid(PORT) ?? fail(), kinds) });
      } finally {
        await server.kill();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rows: Row[] = [];
  for (const side of sides)
    for (const f of side.figures)
      rows.push({
        name: `${side.name}: ${LABELS[f.kind]}, server CPU per request`,
        value: f.cpuPerRequest,
        unit: `ms (${f.perSecond.toFixed(1)} req/s, p50 ${f.p50.toFixed(0)} ms, ${f.count} requests, ${f.errors} errors, load ${f.load[0].toFixed(1)} → ${f.load[1].toFixed(1)})`,
      });
  if (sides.length === 2)
    for (const f of sides[1].figures) {
      const b = sides[0].figures.find((x) => x.kind === f.kind);
      if (b) rows.push({ name: `${LABELS[f.kind]}: server CPU per request, after / before`, value: f.cpuPerRequest / b.cpuPerRequest, unit: "×" });
    }
  return {
    rows,
    notes: [
      `${MEMBERS} signed-in members, SQLite, one app instance, each kind alone in a closed loop for ${SECONDS} s after a 3 s warm-up (reader pages: every text once first), in the order ${kinds.join(", ")}, in a seminar where ${PREFILL} notes were written first (BENCH_KINDS_NOTES; not measured). Server CPU: user + system of the process listening on the port (all threads, from /proc), divided by the requests answered.`,
      beforeDir
        ? `"before" is the build of ${process.env.BENCH_KINDS_BEFORE_LABEL ?? "the checkout in BENCH_KINDS_BEFORE_DIR"}, measured first; "after" is this checkout. Both servers started alike (bench/before-after.ts serve), one at a time.`
        : "One checkout only (set BENCH_KINDS_BEFORE_DIR to compare with an earlier commit's build).",
      `${os.cpus().length} cores shared with other work (the load averages say how much) and with the load generator; CPU per request moves by about ±20 % with the machine's load, so compare figures of one run.`,
    ],
  };
}

const LABELS: Record<Kind, string> = {
  annotate: "new note",
  list: "notes of a document",
  search: "search",
  read: "reader page",
  empty: "unread count (not in the mix)",
};

function fail(): never {
  throw new Error("no process listens on the port");
}

// `tsx bench/kinds.ts` runs it alone and prints the table.
if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, "bench", "kinds.ts")) {
  benchKinds().then(
    ({ rows, notes }) => {
      for (const r of rows) console.log(`${r.name}\t${r.value.toFixed(2)} ${r.unit}`);
      for (const n of notes) console.log(`- ${n}`);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
