/**
 * Real servers on loopback for the system tests (system/*.test.ts) and the load benchmark: a private
 * PostgreSQL, SQLite files, `next start` instances of the built app, and HTTP clients signed in as
 * seminar members. Nothing here is mocked: the point is to see what a deployment sees.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PGBIN = process.env.PGBIN ?? "/usr/lib/postgresql/15/bin";
export const DEMO_PASSWORD = process.env.SYNOPSE_DEMO_PASSWORD ?? "synopse-demo";
export const DEMO_INVITE = "separatfrieden-demo";

const baseEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  BETTER_AUTH_TELEMETRY: "0",
  BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "synopse-system-test-secret-0123456789abcdef",
});

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function asPostgres(cmd: string, args: string[]): { status: number | null; stderr: string } {
  const isRoot = process.getuid?.() === 0;
  const r = isRoot ? spawnSync("runuser", ["-u", "postgres", "--", cmd, ...args], { encoding: "utf8" }) : spawnSync(cmd, args, { encoding: "utf8" });
  return { status: r.status, stderr: r.stderr };
}

export function postgresAvailable(): boolean {
  return existsSync(path.join(PGBIN, "initdb")) && existsSync(path.join(PGBIN, "pg_ctl"));
}

export interface PgServer {
  port: number;
  dir: string;
  url(db: string): string;
  start(): void;
  /** `fast` waits for clients to be told; `immediate` is a crash. */
  stop(mode?: "fast" | "immediate"): void;
  psql(db: string, sql: string): string;
  createMigratedDatabase(db: string): void;
  destroy(): void;
}

/** A private PostgreSQL server in a temp dir (initdb once), on its own port, 127.0.0.1 only. */
export function privatePostgres(
  port = Number(process.env.SYSTEM_PG_PORT) || 31000 + Math.floor(Math.random() * 900),
  opts: { durable?: boolean } = {},
): PgServer {
  const dir = mkdtempSync(path.join(os.tmpdir(), "synopse-sys-pg-"));
  chmodSync(dir, 0o755);
  mkdirSync(path.join(dir, "data"));
  mkdirSync(path.join(dir, "sock"));
  if (process.getuid?.() === 0) spawnSync("chown", ["-R", "postgres:postgres", path.join(dir, "data"), path.join(dir, "sock")]);
  const init = asPostgres(path.join(PGBIN, "initdb"), [
    "-D",
    path.join(dir, "data"),
    "-U",
    "postgres",
    "-A",
    "trust",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
    ...(opts.durable ? [] : ["--no-sync"]),
  ]);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  // Durable by default (fsync on): the crash tests are about acknowledged writes surviving.
  const serverOpts = `-p ${port} -k ${path.join(dir, "sock")} -c listen_addresses=127.0.0.1 -c max_connections=200${opts.durable === false ? " -c fsync=off -c synchronous_commit=off" : ""}`;
  const server: PgServer = {
    port,
    dir,
    url: (db) => `postgresql://postgres@127.0.0.1:${port}/${db}`,
    start() {
      const r = asPostgres(path.join(PGBIN, "pg_ctl"), [
        "-D",
        path.join(dir, "data"),
        "-l",
        path.join(dir, "data", "server.log"),
        "-w",
        "-t",
        "60",
        "-o",
        serverOpts,
        "start",
      ]);
      if (r.status !== 0) throw new Error(`pg_ctl start failed: ${r.stderr}`);
    },
    stop(mode = "fast") {
      asPostgres(path.join(PGBIN, "pg_ctl"), ["-D", path.join(dir, "data"), "-m", mode, "-w", "stop"]);
    },
    psql(db, sql) {
      const r = spawnSync("psql", ["-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", db, "-c", sql], {
        encoding: "utf8",
      });
      if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
      return r.stdout.trim();
    },
    createMigratedDatabase(db) {
      server.psql("postgres", `CREATE DATABASE "${db}"`);
      const migrations = path.join(ROOT, "prisma", "postgres", "migrations");
      for (const name of readdirSync(migrations)
        .filter((n) => /^\d/.test(n))
        .sort()) {
        const r = spawnSync(
          "psql",
          [
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            "127.0.0.1",
            "-p",
            String(port),
            "-U",
            "postgres",
            "-d",
            db,
            "-f",
            path.join(migrations, name, "migration.sql"),
          ],
          { encoding: "utf8" },
        );
        if (r.status !== 0) throw new Error(`migration ${name}: ${r.stderr}`);
      }
    },
    destroy() {
      server.stop("immediate");
      rmSync(dir, { recursive: true, force: true });
    },
  };
  server.start();
  return server;
}

/** A fresh SQLite file with the migrations applied (what `prisma migrate deploy` does, without the CLI's start-up). */
export function migratedSqlite(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  const migrations = path.join(ROOT, "prisma", "migrations");
  for (const name of readdirSync(migrations)
    .filter((n) => /^\d/.test(n))
    .sort()) {
    sqlite.exec(readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
  }
  sqlite.close();
}

export type Provider = "sqlite" | "postgresql";

export function dbEnv(provider: Provider, url: string): NodeJS.ProcessEnv {
  return { ...baseEnv(), DATABASE_PROVIDER: provider, DATABASE_URL: url };
}

/** scripts/seed.ts with the Prisma client of the provider (tsconfig.pg.json maps it to generated/prisma-pg). */
export function seed(provider: Provider, url: string): void {
  const args = provider === "postgresql" ? ["--tsconfig", "tsconfig.pg.json", "scripts/seed.ts"] : ["scripts/seed.ts"];
  const r = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), args, { cwd: ROOT, env: dbEnv(provider, url), encoding: "utf8" });
  if (r.status !== 0) throw new Error(`seed failed: ${r.stderr || r.stdout}`);
}

export interface AppServer {
  port: number;
  base: string;
  process: ChildProcess;
  /** Lines the server printed (stdout + stderr), for failure messages. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The built app (`next build`; PostgreSQL builds live in .next-pg) as one `next start` process. */
/**
 * The allocator settings of a deployed server (deploy/synopse.env, which explains them): the MALLOC_* lines,
 * and its LD_PRELOAD (jemalloc) where this machine has that library.
 */
export function mallocEnv(): Record<string, string> {
  const text = readFileSync(path.join(ROOT, "deploy", "synopse.env"), "utf8");
  const env = Object.fromEntries([...text.matchAll(/^(MALLOC_[A-Z_]+)=(\d+)$/gm)].map((m) => [m[1], m[2]]));
  const preload = /^LD_PRELOAD=(.+)$/m.exec(text)?.[1];
  return preload && existsSync(preload) ? { ...env, LD_PRELOAD: preload } : env;
}

export async function startApp(
  provider: Provider,
  url: string,
  port: number,
  extraEnv: Record<string, string> = {},
  /** Options for node itself (e.g. --cpu-prof, which NODE_OPTIONS does not take). */
  nodeArgs: string[] = [],
): Promise<AppServer> {
  const distDir = provider === "postgresql" ? ".next-pg" : ".next";
  if (!existsSync(path.join(ROOT, distDir, "BUILD_ID"))) {
    throw new Error(`no ${provider} build in ${distDir}: run ${provider === "postgresql" ? "DATABASE_PROVIDER=postgresql " : ""}npx next build`);
  }
  const child = spawn(
    process.execPath,
    [...nodeArgs, path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      // As deployed: the same allocator (BENCH_MALLOC_DEFAULTS=1 leaves glibc with its defaults, to compare).
      env: { ...dbEnv(provider, url), SYNOPSE_RATE_LIMIT: "off", ...(process.env.BENCH_MALLOC_DEFAULTS === "1" ? {} : mallocEnv()), ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout!.on("data", (d) => (out = (out + d).slice(-20_000)));
  child.stderr!.on("data", (d) => (out = (out + d).slice(-20_000)));
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const server: AppServer = {
    port,
    base,
    process: child,
    output: () => out,
    async kill(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await Promise.race([exited, sleep(10_000)]);
    },
  };
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${out}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return server;
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  await server.kill("SIGKILL");
  throw new Error(`server on ${port} did not start: ${out}`);
}

/** A signed-in HTTP client (better-auth's email sign-in/up endpoints, session cookie kept). */
export class Member {
  cookie = "";
  userId = "";
  constructor(
    public base: string,
    public email: string,
  ) {}

  static async signIn(base: string, email: string, password = DEMO_PASSWORD): Promise<Member> {
    const m = new Member(base, email);
    await m.auth("/api/auth/sign-in/email", { email, password });
    return m;
  }

  static async signUp(base: string, name: string, email: string, password = DEMO_PASSWORD): Promise<Member> {
    const m = new Member(base, email);
    // Sign-up never signs in (it answers alike for known addresses: lib/auth/server): sign in after it.
    await m.auth("/api/auth/sign-up/email", { email, password, name });
    await m.auth("/api/auth/sign-in/email", { email, password });
    return m;
  }

  /** The same session against another instance (sessions live in the shared database). */
  on(base: string): Member {
    const m = new Member(base, this.email);
    m.cookie = this.cookie;
    m.userId = this.userId;
    return m;
  }

  private async auth(pathname: string, body: object) {
    const send = () =>
      fetch(this.base + pathname, { method: "POST", headers: { "content-type": "application/json", origin: this.base }, body: JSON.stringify(body) });
    // A pooled socket the server closed while the caller was busy elsewhere (keep-alive timeout): signing in
    // again is harmless (a new session), so once more, as `fetch` below does for GETs.
    const res = await send().catch((e: { cause?: { code?: string } }) => {
      if (e.cause?.code !== "UND_ERR_SOCKET") throw e;
      return send();
    });
    if (!res.ok) throw new Error(`${pathname} for ${this.email}: ${res.status} ${await res.text()}`);
    this.userId = ((await res.json()) as { user: { id: string } }).user.id;
    this.cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
  }

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("cookie", this.cookie);
    // What the browser sends with a write from the site's own page (lib/http/origin refuses writes without it).
    if (!headers.has("origin")) headers.set("origin", this.base);
    if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
    try {
      return await fetch(this.base + pathname, { ...init, headers });
    } catch (e) {
      // A pooled keep-alive socket the server closed a moment ago: GETs are safe to send once more.
      const code = (e as { cause?: { code?: string } }).cause?.code;
      if ((init.method ?? "GET") !== "GET" || code !== "UND_ERR_SOCKET") throw e;
      return fetch(this.base + pathname, { ...init, headers });
    }
  }

  async json<T>(pathname: string, init: RequestInit = {}): Promise<T> {
    const res = await this.fetch(pathname, init);
    if (!res.ok) throw new Error(`${init.method ?? "GET"} ${pathname}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}

export interface DemoSeminar {
  id: string;
  slug: string;
  blockId: string;
  blockLength: number;
}

/** The seeded demo seminar and a paragraph to annotate (longer than 60 characters). */
export async function demoSeminar(member: Member): Promise<DemoSeminar> {
  const { seminars } = await member.json<{ seminars: Array<{ id: string; title: string }> }>("/api/seminars");
  const seminar = seminars[0];
  if (!seminar) throw new Error("the member belongs to no seminar (seeded?)");
  const { getDocument } = await import("@/lib/content/store");
  const detail = await member.json<{ documents: Array<string | { slug: string }> }>(`/api/seminars/${seminar.id}`);
  for (const d of detail.documents) {
    const slug = typeof d === "string" ? d : d.slug;
    const block = getDocument(slug)?.blocks.find((b) => b.type === "paragraph" && b.text.length > 60);
    if (block) return { id: seminar.id, slug, blockId: block.id, blockLength: block.text.length };
  }
  throw new Error("no paragraph to annotate");
}

/** A note body for POST /api/seminars/:id/annotations on the demo paragraph. */
export function noteBody(s: DemoSeminar, text: string, i = 0): string {
  const start = i % Math.max(1, s.blockLength - 20);
  return JSON.stringify({ target: { documentSlug: s.slug, blockId: s.blockId, blockStart: start, blockEnd: start + 12 }, body: `<p>${text}</p>` });
}

export interface SseEvent {
  id: number | null;
  event: string;
  data: string;
}

/** An SSE response being read in the background: `close()` stops reading; `ended` settles when the stream ends. */
export interface SseReading {
  close(): Promise<void>;
  ended: Promise<void>;
}

/** Reads an SSE response in the background, calling `onEvent` for every event (comments and keep-alives included, with id null). */
export function readSse(res: Response, onEvent: (e: SseEvent) => void): SseReading {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const ended = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buffer.indexOf("\n\n")) >= 0) {
        const raw = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const e: SseEvent = { id: null, event: "message", data: "" };
        for (const line of raw.split("\n")) {
          if (line.startsWith("id: ")) e.id = Number(line.slice(4));
          else if (line.startsWith("event: ")) e.event = line.slice(7);
          else if (line.startsWith("data: ")) e.data += line.slice(6);
        }
        onEvent(e);
      }
    }
  })().catch(() => {
    /* cancelled or aborted */
  });
  return { close: () => reader.cancel().catch(() => {}), ended };
}

/** Reads an SSE response into events (those with an id) until `until` is satisfied or the time runs out. */
export async function readEvents(res: Response, until: (events: SseEvent[]) => boolean, ms = 10_000): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  let satisfied: () => void = () => {};
  const reached = new Promise<void>((resolve) => (satisfied = resolve));
  const reading = readSse(res, (e) => {
    if (e.id === null) return;
    events.push(e);
    if (until(events)) satisfied();
  });
  let timer: NodeJS.Timeout | undefined;
  if (!until(events)) await Promise.race([reached, reading.ended, new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
  await reading.close();
  return events;
}

let nextFixedPort = Number(process.env.SYSTEM_APP_PORT ?? process.env.SYSTEM_TEST_PORT) || 0;

/** Whether nothing listens on this loopback port right now (checked in a child: this API is synchronous). */
function portFree(port: number): boolean {
  const probe = `require("net").createServer().once("error",()=>process.exit(1)).listen(${port},"127.0.0.1",()=>process.exit(0))`;
  return spawnSync(process.execPath, ["-e", probe]).status === 0;
}

/**
 * Free TCP ports are not reserved; a random port per run keeps parallel runs apart. SYSTEM_APP_PORT (and
 * SYSTEM_PG_PORT for privatePostgres) pin them instead, for machines where several people run tests at once:
 * each call then hands out the next free pair from there (callers use the port and the one after it; other
 * processes of the same run — Playwright's global setup and its workers — skip the ports already listening).
 */
export function randomPort(): number {
  if (nextFixedPort) {
    while (!(portFree(nextFixedPort) && portFree(nextFixedPort + 1))) nextFixedPort += 2;
    return (nextFixedPort += 2) - 2;
  }
  // Below Linux's ephemeral range (32768–60999): a port in it may be held at that moment by one of this
  // machine's own outgoing connections, and the server then fails with EADDRINUSE (seen in CI).
  return 20000 + Math.floor(Math.random() * 10000);
}
