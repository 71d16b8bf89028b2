/**
 * npm run bench: every benchmark in one run, each reported against a baseline measured in the same run,
 * written to bench/RESULTS.md. Benchmarks are scripts, never timed tests.
 * Needs a built app (`npm run build`) for the server benchmarks; starts it on a private port with its own database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import os from "node:os";

type Row = { name: string; value: number; unit: string };
type Section = { title: string; rows: Row[]; notes: string[] };

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://127.0.0.1:${PORT}`;

async function startServer(): Promise<ChildProcess> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no build found: run `npm run build` first");
  rmSync("bench.db", { force: true });
  // Rate limiting off: the API benchmark signs up 50 members from one address within seconds.
  const env = {
    ...process.env,
    DATABASE_URL: "file:./bench.db",
    NEXT_TELEMETRY_DISABLED: "1",
    SYNOPSE_RATE_LIMIT: "off",
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "synopse-bench-secret-not-for-production-use-0123456789",
  };
  await run("npx", ["prisma", "migrate", "deploy"], env);
  await run("npx", ["tsx", "scripts/seed.ts"], env);
  const server = spawn("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], { env, stdio: "ignore", detached: true });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return server;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not start");
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env, stdio: "ignore" });
    p.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}`))));
  });
}

async function section(title: string, fn: () => Promise<{ rows: Row[]; notes: string[] }>): Promise<Section> {
  process.stdout.write(`bench: ${title} … `);
  try {
    const r = await fn();
    console.log("done");
    return { title, ...r };
  } catch (e) {
    console.log("FAILED");
    return { title, rows: [], notes: [`failed: ${(e as Error).message}`] };
  }
}

/** A benchmark module beside this file, if that part of the product exists yet. */
async function optional<T>(path: string): Promise<T | null> {
  return existsSync(new URL(path, import.meta.url)) ? ((await import(path)) as T) : null;
}

/** The lines of one section of RESULTS.md (title, table, notes). */
function renderSection(s: Section): string[] {
  const lines = [`## ${s.title}`, "", "| measure | value | unit |", "| --- | ---: | --- |"];
  for (const r of s.rows) lines.push(`| ${r.name} | ${Number.isInteger(r.value) ? r.value : r.value.toFixed(2)} | ${r.unit} |`);
  lines.push("");
  for (const n of s.notes) lines.push(`- ${n}`);
  lines.push("");
  return lines;
}

/** Replace one section of RESULTS.md (or add it), leaving the others as their last full run wrote them. */
function replaceSection(result: Section): void {
  const file = new URL("./RESULTS.md", import.meta.url);
  const old = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n\n";
  const start = old.indexOf(`## ${result.title}\n`);
  const rendered = renderSection(result).join("\n");
  let next: string;
  if (start < 0) next = `${old.trimEnd()}\n\n${rendered}`;
  else {
    const end = old.indexOf("\n## ", start + 3);
    next = old.slice(0, start) + rendered.trimEnd() + (end < 0 ? "\n" : `\n\n${old.slice(end + 1)}`);
  }
  writeFileSync(file, next);
  console.log(rendered);
}

const READER_TITLE = "Reader: server render and JavaScript shipped";
const VOLUME_TITLE = "A whole volume (5 MB TEI) in the reader, against Mastný's essay";
const BEFORE_AFTER_TITLE = "Reader under load, before and after issue 15: 50 members, SQLite";
const KINDS_TITLE = "Server CPU per request, by kind of request of the mixed load";

/**
 * `npm run bench -- --only suggestions|reader|volume|before-after|kinds`: run one benchmark alone and replace its section of
 * RESULTS.md (the section's notes say when and how loaded).
 */
async function only(what: string): Promise<void> {
  let result: Section;
  if (what === "suggestions") {
    const mod = (await import("./suggestions")) as { benchSuggestions: () => Promise<{ rows: Row[]; notes: string[] }> };
    result = await section("Link suggestions", mod.benchSuggestions);
  } else if (what === "reader") {
    const mod = await import("./reader");
    const server = await startServer();
    try {
      result = await section(READER_TITLE, () => mod.benchReader(BASE));
    } finally {
      if (server.pid) process.kill(-server.pid, "SIGTERM");
    }
  } else if (what === "volume") {
    const mod = await import("./volume");
    const server = await startServer();
    try {
      result = await section(VOLUME_TITLE, () => mod.benchVolume(BASE));
    } finally {
      if (server.pid) process.kill(-server.pid, "SIGTERM");
    }
  } else if (what === "before-after") {
    const mod = await import("./before-after");
    result = await section(BEFORE_AFTER_TITLE, mod.benchBeforeAfter);
  } else if (what === "kinds") {
    const mod = await import("./kinds");
    result = await section(KINDS_TITLE, mod.benchKinds);
  } else throw new Error("--only takes: suggestions, reader, volume, before-after, kinds");
  result.notes.push(`This section alone was regenerated with \`npm run bench -- --only ${what}\` on ${new Date().toISOString()}.`);
  replaceSection(result);
}

async function main() {
  if (process.argv.includes("--only")) {
    return only(process.argv[process.argv.indexOf("--only") + 1]);
  }
  const sections: Section[] = [];
  const anchoring = await optional<{ benchAnchoring: () => Promise<{ rows: Row[]; notes: string[] }> }>("./anchoring.ts");
  if (anchoring) sections.push(await section("Anchoring 2,000 notes on Mastný's essay", anchoring.benchAnchoring));
  const suggestions = await optional<{ benchSuggestions: () => Promise<{ rows: Row[]; notes: string[] }> }>("./suggestions.ts");
  if (suggestions) sections.push(await section("Link suggestions", suggestions.benchSuggestions));
  const tei = await optional<{ benchTei: () => Promise<{ rows: Row[]; notes: string[] }> }>("./tei.ts");
  if (tei) sections.push(await section("TEI editions: a 5 MB FRUS-shaped volume through the TEI cleaner and the upload pipeline", tei.benchTei));

  const serverBenches = [
    ["./reader.ts", "benchReader", READER_TITLE],
    ["./api.ts", "benchApi", "Annotations API and live delivery"],
    ["./search.ts", "benchSearch", "Search"],
    ["./volume.ts", "benchVolume", VOLUME_TITLE],
    ["./bounded.ts", "benchBounded", "Bounded work: 20,000 notes in a seminar, an upload under load"],
  ] as const;
  const present = serverBenches.filter(([p]) => existsSync(new URL(p, import.meta.url)));
  if (present.length) {
    const server = await startServer();
    try {
      for (const [path, fnName, title] of present) {
        const mod = (await import(path)) as Record<string, (base: string) => Promise<{ rows: Row[]; notes: string[] }>>;
        sections.push(await section(title, () => mod[fnName](BASE)));
      }
    } finally {
      if (server.pid) process.kill(-server.pid, "SIGTERM");
    }
  }

  // Load (50 members, SQLite vs PostgreSQL): starts its own servers; BENCH_LOAD_SECONDS (default 120) per
  // database, so about six minutes in all. `npm run bench -- --no-load` skips it.
  const load = process.argv.includes("--no-load") ? null : await optional<{ benchLoad: () => Promise<{ rows: Row[]; notes: string[] }> }>("./load.ts");
  if (load) sections.push(await section("Load: 50 members reading, annotating, searching — SQLite vs PostgreSQL", load.benchLoad));
  // Issue 15's load targets: this code against the commit before it (BENCH_BEFORE_DIR), about ten minutes.
  const beforeAfter = process.argv.includes("--no-load")
    ? null
    : await optional<{ benchBeforeAfter: () => Promise<{ rows: Row[]; notes: string[] }> }>("./before-after.ts");
  if (beforeAfter) sections.push(await section(BEFORE_AFTER_TITLE, beforeAfter.benchBeforeAfter));
  // Where the mix's CPU goes: each kind of its requests alone (about three minutes).
  const kinds = process.argv.includes("--no-load") ? null : await optional<{ benchKinds: () => Promise<{ rows: Row[]; notes: string[] }> }>("./kinds.ts");
  if (kinds) sections.push(await section(KINDS_TITLE, kinds.benchKinds));
  // Live fan-out across PostgreSQL instances (about a minute); skipped with --no-load too.
  const fanout = process.argv.includes("--no-load") ? null : await optional<{ benchFanout: () => Promise<{ rows: Row[]; notes: string[] }> }>("./fanout.ts");
  if (fanout) sections.push(await section("Live fan-out: open streams on 2 PostgreSQL instances", fanout.benchFanout));

  // Issue 14's attack replayed on a server of its own (rate limits on), plus the fuzz test's counts.
  const security = await optional<{ benchSecurity: () => Promise<{ rows: Row[]; notes: string[] }> }>("./security.ts");
  if (security) sections.push(await section("Security: issue 14's attack replayed", security.benchSecurity));

  const lines = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` on ${new Date().toISOString()} — ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
    "Every ratio compares against a baseline measured in the same run.",
    "",
  ];
  for (const s of sections) lines.push(...renderSection(s));
  writeFileSync(new URL("./RESULTS.md", import.meta.url), lines.join("\n"));
  console.log(lines.join("\n"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
