/**
 * Issue 15's load targets: the 50-member mixed load of bench/load.ts (SQLite) against this code and against the
 * commit before the issue's work, in the same run. BENCH_BEFORE_DIR names a checkout of that commit with its own
 * build (`git worktree add --detach <dir> 53e352c`, node_modules and generated/ copied, `npx next build` there).
 * Each side's server runs from its own checkout (its own migrations, seed and build, a fresh database); the same
 * load generator and mix drive both. The runs alternate before, after, after, before (BENCH_COMPARE_SECONDS each,
 * default 60), so that both sides share the machine's changing load; a side's figure is the mean of its two runs.
 * Server CPU per request is read from /proc beside the wall-clock figures.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { demoSeminar, noteBody, ROOT, type DemoSeminar, type Member } from "@/system/harness";
import { closedLoop, readerView, seminarMembers, send, summarize } from "./loadgen";
import { listeningPid, processCpuMs } from "./proc";
import { percentile } from "./stats";

type Row = { name: string; value: number; unit: string };

const SECONDS = Number(process.env.BENCH_COMPARE_SECONDS ?? 60);
const MEMBERS = Number(process.env.BENCH_LOAD_MEMBERS ?? 50);
/** The two servers' ports (the bench's own range: BENCH_PORT + 1 and + 2). */
const PORT = Number(process.env.BENCH_PORT ?? 3200) + 1;
const SEARCHES = ["Molotow", "Separatfrieden", "Stalin Hitler", "Friedensfühler", "Kandelaki", "1943", "Stockholm", "peace"];

interface Side {
  name: "before" | "after";
  base: string;
  port: number;
  process: ChildProcess;
  dir: string;
  members: Member[];
  seminar: DemoSeminar;
  slugs: string[];
}

/** A checkout's app on a fresh SQLite database, migrated and seeded by that checkout's own scripts. */
export async function serve(name: Side["name"], checkout: string, port: number, dataDir: string): Promise<Omit<Side, "members" | "seminar" | "slugs">> {
  if (!existsSync(path.join(checkout, ".next", "BUILD_ID"))) throw new Error(`${checkout} has no build: run npx next build there`);
  const env = {
    ...process.env,
    DATABASE_PROVIDER: "sqlite",
    DATABASE_URL: `file:${path.join(dataDir, `${name}.db`)}`,
    NEXT_TELEMETRY_DISABLED: "1",
    SYNOPSE_RATE_LIMIT: "off",
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "synopse-bench-secret-not-for-production-use-0123456789",
  };
  for (const args of [
    ["prisma", "migrate", "deploy"],
    ["tsx", "scripts/seed.ts"],
  ]) {
    const r = spawnSync("npx", args, { cwd: checkout, env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${name}: npx ${args.join(" ")} failed: ${(r.stderr || r.stdout).slice(-1500)}`);
  }
  const child = spawn(process.execPath, [path.join(checkout, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: checkout,
    env,
    stdio: "ignore",
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { name, base, port, process: child, dir: checkout };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  process.kill(-child.pid!, "SIGTERM");
  throw new Error(`${name}: the server did not start`);
}

/** bench/load.ts's mix: 45 % reader page, 20 % notes of a document, 20 % new note, 15 % search. */
function step(side: Side) {
  return async (m: Member, i: number): Promise<{ kind: string; ok: boolean }> => {
    const r = Math.floor(Math.random() * 100);
    const slug = side.slugs[Math.floor(Math.random() * side.slugs.length)];
    const { seminar } = side;
    if (r < 45) return { kind: "read page", ok: (await readerView(m, `/en/read?p=${encodeURIComponent(slug)}&seminar=${seminar.id}`)).status === 200 };
    if (r < 65)
      return { kind: "list notes", ok: (await send(m, `/api/seminars/${seminar.id}/annotations?document=${encodeURIComponent(seminar.slug)}`)).status === 200 };
    if (r < 85)
      return {
        kind: "annotate",
        ok:
          (
            await send(m, `/api/seminars/${seminar.id}/annotations`, {
              method: "POST",
              body: noteBody(seminar, `Load note ${i}: Molotow und der Separatfrieden`, i),
            })
          ).status === 201,
      };
    return { kind: "search", ok: (await send(m, `/api/search?q=${encodeURIComponent(SEARCHES[i % SEARCHES.length])}&seminar=${seminar.id}`)).status === 200 };
  };
}

interface RunFigures {
  side: Side["name"];
  perSecond: number;
  p50: number;
  readerP50: number;
  readerCount: number;
  errors: number;
  cpuPerRequest: number | null;
  load: [number, number];
}

async function measure(side: Side): Promise<RunFigures> {
  const load0 = os.loadavg()[0];
  const pid = listeningPid(side.port);
  const cpu0 = pid === null ? null : processCpuMs(pid);
  const result = await closedLoop(side.members, SECONDS, step(side));
  const cpu = pid === null || cpu0 === null ? null : processCpuMs(pid) - cpu0;
  const s = summarize(result.samples, result.seconds);
  const reader = result.samples
    .filter((x) => x.kind === "read page")
    .map((x) => x.ms)
    .sort((a, b) => a - b);
  return {
    side: side.name,
    perSecond: s.perSecond,
    p50: s.p50,
    readerP50: percentile(reader, 50),
    readerCount: reader.length,
    errors: s.errors,
    cpuPerRequest: cpu === null ? null : cpu / s.count,
    load: [load0, os.loadavg()[0]],
  };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export async function benchBeforeAfter(): Promise<{ rows: Row[]; notes: string[] }> {
  const beforeDir = process.env.BENCH_BEFORE_DIR;
  if (!beforeDir) return { rows: [], notes: ["Skipped: set BENCH_BEFORE_DIR to a built checkout of the commit before issue 15's work (53e352c)."] };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "synopse-before-after-"));
  const sides: Side[] = [];
  const started: ChildProcess[] = [];
  try {
    const { listDocuments } = await import("@/lib/content/store");
    const slugs = listDocuments().map((d) => d.slug);
    for (const [name, dir, port] of [
      ["before", path.resolve(beforeDir), PORT],
      ["after", ROOT, PORT + 1],
    ] as const) {
      const server = await serve(name, dir, port, dataDir);
      started.push(server.process);
      const members = await seminarMembers(server.base, MEMBERS);
      const side: Side = { ...server, members, seminar: await demoSeminar(members[0]), slugs };
      sides.push(side);
      // Warm-up: compile routes, fill caches (not measured).
      await closedLoop(members.slice(0, 10), 10, step(side));
    }
    const [before, after] = sides;
    const runs: RunFigures[] = [];
    for (const side of [before, after, after, before]) runs.push(await measure(side));
    const of = (name: Side["name"]) => runs.filter((r) => r.side === name);
    const m = (xs: RunFigures[], key: "perSecond" | "p50" | "readerP50" | "errors") => mean(xs.map((x) => x[key]));
    const b = of("before");
    const a = of("after");
    const cpu = (xs: RunFigures[]) => (xs.every((x) => x.cpuPerRequest !== null) ? mean(xs.map((x) => x.cpuPerRequest!)) : null);
    const rows: Row[] = [
      { name: "before (53e352c): throughput", value: m(b, "perSecond"), unit: "req/s" },
      { name: "after: throughput", value: m(a, "perSecond"), unit: "req/s" },
      { name: "throughput, after / before (target ≥ 2)", value: m(a, "perSecond") / m(b, "perSecond"), unit: "×" },
      { name: "before: reader page p50", value: m(b, "readerP50"), unit: "ms" },
      { name: "after: reader page p50", value: m(a, "readerP50"), unit: "ms" },
      { name: "reader page p50, after / before (target ≤ 0.5)", value: m(a, "readerP50") / m(b, "readerP50"), unit: "×" },
      { name: "before: all requests p50", value: m(b, "p50"), unit: "ms" },
      { name: "after: all requests p50", value: m(a, "p50"), unit: "ms" },
      { name: "before: errors per run (target 0)", value: m(b, "errors"), unit: "requests" },
      { name: "after: errors per run (target 0)", value: m(a, "errors"), unit: "requests" },
    ];
    const cb = cpu(b);
    const ca = cpu(a);
    if (cb !== null && ca !== null) {
      rows.push(
        { name: "before: server CPU per request (all kinds)", value: cb, unit: "ms" },
        { name: "after: server CPU per request (all kinds)", value: ca, unit: "ms" },
        { name: "server CPU per request, after / before", value: ca / cb, unit: "×" },
      );
    }
    return {
      rows,
      notes: [
        `${MEMBERS} signed-in members per side, SQLite, one app instance each, closed loop without think time, ${SECONDS} s per run after a 10 s warm-up: 45 % reader pages (one text, in the member's seminar), 20 % notes of a document, 20 % new notes, 15 % search (bench/load.ts's mix and load generator). A reader page is a member's whole view of it: after this work a library text's page is the members' stored copy plus the fetch of the member's notes and heat strips that the page makes at once (bench/loadgen.ts readerView), both timed as one sample and counted as one request in the throughput; before it, the one page with everything rendered in. Each side's server runs from its own checkout, with its own migrations, seed and build; only one side is under load at a time.`,
        "Runs in the order before, after, after, before; each figure is the mean of a side's two runs. " +
          runs
            .map(
              (r, i) =>
                `Run ${i + 1} (${r.side}): ${r.perSecond.toFixed(1)} req/s, reader p50 ${r.readerP50.toFixed(0)} ms over ${r.readerCount} reader pages${r.cpuPerRequest === null ? "" : `, server CPU ${r.cpuPerRequest.toFixed(1)} ms per request`}, load average ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)}.`,
            )
            .join(" ") +
          ` ${os.cpus().length} cores, shared with other work (the load averages say how much); the load generator shares them too.`,
        "Server CPU per request: the CPU (user + system, all threads, from /proc) of the process listening on the side's port over the run, divided by the requests answered.",
      ],
    };
  } finally {
    for (const child of started) {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* gone */
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
