/**
 * Reader benchmark (run by bench/run.ts against a started production server):
 *  1. server time to render the reader with three panes (forum, Mastný, Bayerlein), median and p95 of
 *     N requests, against serving the very same HTML as a static file from a tiny node:http server in the
 *     same run → ratio (target ≤ 3×);
 *  2. the same text on a bare Next.js app with no app code (bench/floor): an empty page, the text rendered
 *     per request, the text from Next's page cache — how much of the reader's cost is Next's own;
 *  3. the JavaScript shipped to the reader page: every script the HTML references, gzipped with zlib
 *     (target ≤ 250 KB).
 * Requests to all targets are interleaved round by round, so that every ratio shares the machine's load.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { startFloor, visibleBody, type FloorServer } from "./floor";
import { Member } from "@/system/harness";
import { percentile } from "./stats";
import { listeningPid, processCpuMs } from "./proc";
import { memberPartsPath, PAGE_ACCEPT } from "./loadgen";

type Row = { name: string; value: number; unit: string };

const READER_PATH = "/en/read?p=forum-separatfrieden-1941-43,mastny-separate-peace,bayerlein-winogradow-treffen";
const RUNS = Number(process.env.BENCH_READER_RUNS ?? 40);
const WARMUP = 5;

type Timing = { median: number; p95: number; bytes: number };
/** `url` a function: a new address for every request (what the first visitor of an address gets). */
type Target = { url: string | (() => string); encoding?: string; cookie?: string; status?: number };

/**
 * One GET as a browser's page load, until the whole body is read; its time in ms and its size. A page that
 * came without the member's parts (a stored copy: data-member-deferred) is followed by their fetch, as the
 * page makes it at once (components/annotations/MemberSession): a member's view of the page is both.
 */
async function timeOne(target: string | (() => string), encoding: string, cookie?: string, status = 200): Promise<{ ms: number; bytes: number }> {
  const url = typeof target === "string" ? target : target();
  const t0 = performance.now();
  const res = await fetch(url, { headers: { accept: PAGE_ACCEPT, "accept-encoding": encoding, ...(cookie ? { cookie } : {}) } });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== status) throw new Error(`${url}: HTTP ${res.status}`);
  const partsPath = memberPartsPath(url, body);
  if (cookie && partsPath) {
    const parts = await fetch(new URL(partsPath, url), { headers: { cookie } });
    await parts.arrayBuffer();
    if (!parts.ok) throw new Error(`${url}: the member's parts: HTTP ${parts.status}`);
  }
  return { ms: performance.now() - t0, bytes: body.byteLength };
}

/**
 * Time N GETs of each target, round by round (target 1, 2, …, then again), after warm-up rounds: every
 * target sees the same moments of the machine's load, so the ratios between them are fair.
 */
async function timeInterleaved<K extends string>(targets: Record<K, Target>, runs: number): Promise<Record<K, Timing>> {
  const names = Object.keys(targets) as K[];
  const times = new Map<K, number[]>(names.map((n) => [n, []]));
  const bytes = new Map<K, number>();
  for (let round = 0; round < WARMUP + runs; round++) {
    for (const name of names) {
      const { url, encoding = "identity", cookie, status } = targets[name];
      const t = await timeOne(url, encoding, cookie, status);
      if (round >= WARMUP) times.get(name)!.push(t.ms);
      bytes.set(name, t.bytes);
    }
  }
  const out = {} as Record<K, Timing>;
  for (const name of names) {
    const sorted = times.get(name)!.sort((a, b) => a - b);
    out[name] = { median: percentile(sorted, 50), p95: percentile(sorted, 95), bytes: bytes.get(name)! };
  }
  return out;
}

/** Seconds of requests per target when measuring server CPU: long enough for /proc's 10 ms clock ticks. */
const CPU_SECONDS = Number(process.env.BENCH_READER_CPU_SECONDS ?? 3);

/**
 * Server CPU per request: one request at a time for CPU_SECONDS, the CPU the serving process used meanwhile
 * (all its threads, from /proc) divided by the number of requests. Unlike wall-clock time on a shared machine,
 * this does not count other processes' work. null where /proc cannot tell (not Linux).
 */
async function cpuPerRequest(target: Target): Promise<number | null> {
  const pid = listeningPid(Number(new URL(typeof target.url === "string" ? target.url : target.url()).port));
  if (pid === null) return null;
  for (let i = 0; i < WARMUP; i++) await timeOne(target.url, "identity", target.cookie, target.status);
  const before = processCpuMs(pid);
  const until = performance.now() + CPU_SECONDS * 1000;
  let n = 0;
  while (performance.now() < until || n < 20) {
    await timeOne(target.url, "identity", target.cookie, target.status);
    n++;
  }
  return (processCpuMs(pid) - before) / n;
}

/**
 * A static file server as small as they come (read the file, send it), in a process of its own like the app
 * and the floor, so that serving never shares this process's event loop with the measuring client.
 */
const STATIC_SERVER = `
const http = require("node:http"), fs = require("node:fs");
const server = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  fs.createReadStream(process.argv[1]).pipe(res);
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));`;

function serveFile(file: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ["-e", STATIC_SERVER, file], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.stdout.once("data", (d) => resolve({ url: `http://127.0.0.1:${String(d).trim()}/reader.html`, stop: () => child.kill() }));
  });
}

/** The targets whose server CPU is measured; their CPU rows, when /proc could tell for all of them. */
const CPU_TARGETS = ["reader", "readerRendered", "readerMember", "appEmpty", "static", "floorEmpty", "floorText", "floorCached"] as const;
type CpuTarget = (typeof CPU_TARGETS)[number];

function cpuRows(cpu: Partial<Record<CpuTarget, number | null>>, round: (n: number, d?: number) => number): Row[] {
  const c = cpu as Record<CpuTarget, number>;
  if (CPU_TARGETS.some((name) => typeof cpu[name] !== "number")) return [];
  return [
    { name: "server CPU per request: reader, 3 panes (a visitor: the stored page)", value: round(c.reader, 2), unit: "ms" },
    { name: "server CPU per request: reader, 3 panes, first visitor of an address (rendered)", value: round(c.readerRendered, 2), unit: "ms" },
    { name: "server CPU per request: same HTML as a static file", value: round(c.static, 2), unit: "ms" },
    { name: "server CPU per view: signed in as the demo student (the page and the member's parts)", value: round(c.readerMember, 2), unit: "ms" },
    { name: "server CPU per request: an empty dynamic page of the app (its not-found page: proxy, layout, header)", value: round(c.appEmpty, 2), unit: "ms" },
    { name: "reader / the app's empty dynamic page, server CPU per request (target ≤ 2)", value: round(c.reader / c.appEmpty, 2), unit: "×" },
    { name: "signed-in reader (page and parts) / anonymous reader, server CPU per view (target ≤ 2)", value: round(c.readerMember / c.reader, 2), unit: "×" },
    {
      name: "signed-in reader (page and parts) / anonymous reader rendered for its first visitor, server CPU per view",
      value: round(c.readerMember / c.readerRendered, 2),
      unit: "×",
    },
    { name: "first visitor of an address / the app's empty dynamic page, server CPU per request", value: round(c.readerRendered / c.appEmpty, 2), unit: "×" },
    { name: "anonymous reader / static, server CPU per request", value: round(c.reader / c.static, 2), unit: "×" },
    { name: "signed in / static, server CPU per request", value: round(c.readerMember / c.static, 2), unit: "×" },
    { name: "Next.js alone: empty dynamic page / static, server CPU per request", value: round(c.floorEmpty / c.static, 2), unit: "×" },
    { name: "Next.js alone: the same text rendered per request / static, server CPU per request", value: round(c.floorText / c.static, 2), unit: "×" },
    { name: "Next.js alone: the same text from Next's page cache / static, server CPU per request", value: round(c.floorCached / c.static, 2), unit: "×" },
    { name: "reader rendered / Next.js alone rendering the same text, server CPU per request", value: round(c.readerRendered / c.floorText, 2), unit: "×" },
  ];
}

/** Script URLs a current browser loads for the page: <script src> (not noModule) and <link rel="preload" as="script">. */
export function scriptUrls(html: string, base: string): string[] {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*>/g)) {
    const tag = m[0];
    // noModule scripts (Next's legacy polyfills) are never fetched by the browsers that run modules.
    if (/\bnomodule\b/i.test(tag)) continue;
    const src = /\bsrc="([^"]+)"/.exec(tag);
    if (src) urls.add(new URL(src[1].replace(/&amp;/g, "&"), base).href);
  }
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    if (/\bas="script"/.test(tag) || /\brel="modulepreload"/.test(tag)) {
      const href = /\bhref="([^"]+)"/.exec(tag);
      if (href) urls.add(new URL(href[1].replace(/&amp;/g, "&"), base).href);
    }
  }
  return [...urls];
}

const gzipKB = (data: Buffer | string) => zlib.gzipSync(data, { level: 9 }).byteLength / 1024;

export async function benchReader(baseUrl: string): Promise<{ rows: Row[]; notes: string[] }> {
  const url = new URL(READER_PATH, baseUrl).href;
  const first = await fetch(url);
  if (!first.ok) throw new Error(`reader page: HTTP ${first.status}`);
  const html = await first.text();
  const panes = (html.match(/data-pane-scroller=""/g) ?? []).length;
  if (panes !== 3) throw new Error(`expected 3 panes in the reader HTML, found ${panes}`);

  // The demo student (scripts/seed.ts): the reader as a seminar member sees it, with notes and heat strips.
  const { cookie } = await Member.signIn(baseUrl, "student1@synopse.test");
  const member = await (await fetch(url, { headers: { cookie } })).text();
  if (!member.includes('href="/en/account"')) throw new Error("demo sign-in did not take: the reader shows no account link");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "synopse-bench-"));
  const file = path.join(dir, "reader.html");
  fs.writeFileSync(file, html);
  const server = await serveFile(file);
  let floor: FloorServer | null = null;
  const cpu: Partial<Record<CpuTarget, number | null>> = {};
  let t;
  let fresh = 0;
  try {
    floor = await startFloor(visibleBody(html), dir);
    const targets = {
      reader: { url },
      // A new address every time (an extra parameter the reader ignores): a page rendered for its first visitor.
      readerRendered: { url: () => `${url}&bench=${++fresh}` },
      readerGzip: { url, encoding: "gzip" },
      readerMember: { url, cookie },
      // What any request to this server costs: a route handler that returns {"ok":true}.
      health: { url: new URL("/api/health", baseUrl).href },
      // An empty dynamic page of the app: an address no route claims gets the locale's not-found page, with the
      // proxy, the locale layout and the site header (which reads the session) like every page.
      appEmpty: { url: new URL("/en/bench-no-such-page", baseUrl).href, status: 404 },
      static: { url: server.url },
      floorEmpty: { url: `${floor.base}/empty` },
      floorText: { url: `${floor.base}/text` },
      floorCached: { url: `${floor.base}/cached/reader` },
    } satisfies Record<string, Target>;
    t = await timeInterleaved(targets, RUNS);
    for (const name of CPU_TARGETS) cpu[name] = await cpuPerRequest(targets[name]);
  } finally {
    floor?.stop();
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const dynamicTimes = t.reader;
  const staticTimes = t.static;

  const scripts = scriptUrls(html, url);
  let jsKB = 0;
  let jsRawKB = 0;
  for (const s of scripts) {
    const res = await fetch(s);
    if (!res.ok) throw new Error(`${s}: HTTP ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    jsRawKB += body.byteLength / 1024;
    jsKB += gzipKB(body);
  }
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join("");

  const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
  const ratio = dynamicTimes.median / staticTimes.median;
  return {
    rows: [
      { name: "reader, 3 panes, a visitor (median)", value: round(dynamicTimes.median), unit: "ms" },
      { name: "reader, 3 panes, first visitor of an address: rendered (median)", value: round(t.readerRendered.median), unit: "ms" },
      { name: "first visitor of an address / static, median", value: round(t.readerRendered.median / staticTimes.median, 2), unit: "×" },
      { name: "the app's empty dynamic page (median)", value: round(t.appEmpty.median, 1), unit: "ms" },
      { name: "reader, 3 panes, a visitor (p95)", value: round(dynamicTimes.p95), unit: "ms" },
      { name: "reader, 3 panes, a visitor, + gzip (median)", value: round(t.readerGzip.median), unit: "ms" },
      { name: "reader, 3 panes, signed in as the demo student: the page and the member's parts (median)", value: round(t.readerMember.median), unit: "ms" },
      { name: "reader signed in / static, median", value: round(t.readerMember.median / t.static.median, 2), unit: "×" },
      { name: "same HTML as a static file (median)", value: round(staticTimes.median, 2), unit: "ms" },
      { name: "same HTML as a static file (p95)", value: round(staticTimes.p95, 2), unit: "ms" },
      { name: "anonymous reader / static, median (target ≤ 3)", value: round(ratio, 2), unit: "×" },
      { name: "floor: /api/health on the same server (median)", value: round(t.health.median, 2), unit: "ms" },
      { name: "Next.js alone: empty dynamic page / static, median", value: round(t.floorEmpty.median / staticTimes.median, 2), unit: "×" },
      { name: "Next.js alone: the same text rendered per request / static, median", value: round(t.floorText.median / staticTimes.median, 2), unit: "×" },
      { name: "Next.js alone: the same text from Next's page cache / static, median", value: round(t.floorCached.median / staticTimes.median, 2), unit: "×" },
      { name: "reader rendered / Next.js alone rendering the same text, median", value: round(t.readerRendered.median / t.floorText.median, 2), unit: "×" },
      ...cpuRows(cpu, round),
      { name: "reader HTML size", value: round(dynamicTimes.bytes / 1024), unit: "KB" },
      { name: "the visible text's HTML (the page without its scripts)", value: round(Buffer.byteLength(visibleBody(html)) / 1024), unit: "KB" },
      {
        name: "reader HTML / the visible text's HTML (target ≤ 1.2)",
        value: round(Buffer.byteLength(html) / Buffer.byteLength(visibleBody(html)), 2),
        unit: "×",
      },
      { name: "RSC payload in the page (inline scripts), uncompressed", value: round(Buffer.byteLength(inline) / 1024), unit: "KB" },
      { name: "reader HTML size, gzip", value: round(gzipKB(html)), unit: "KB" },
      { name: `JavaScript shipped to the reader, gzip (${scripts.length} files; target ≤ 250)`, value: round(jsKB), unit: "KB" },
      { name: "JavaScript shipped to the reader, uncompressed", value: round(jsRawKB), unit: "KB" },
      { name: "inline scripts (RSC payload), gzip", value: round(gzipKB(inline)), unit: "KB" },
    ],
    notes: [
      `${RUNS} requests to each target, interleaved round by round after ${WARMUP} warm-up rounds, one at a time, whole body read, over loopback; page: ${READER_PATH}.`,
      `"Next.js alone" is bench/floor, a Next.js app with no app code (no middleware, i18n, database or client components), built and started by this run. It serves the reader's visible HTML (${round(Buffer.byteLength(visibleBody(html)) / 1024)} KB, scripts removed) as one ready-made string: per request (force-dynamic; its page is ${round(t.floorText.bytes / 1024)} KB with the RSC payload), and from Next's own page cache (ISR, in memory). Each is divided by the reader's static file, the target's baseline.`,
      'The static baseline serves the byte-identical HTML with node:http + fs.createReadStream, in a process of its own, so the ratio is the cost of rendering, not of transfer. Both are requested uncompressed (accept-encoding: identity); the row "+ gzip" adds Next\'s on-the-fly compression, which a browser gets.',
      `Server CPU per request: each target alone, one request at a time for ${CPU_SECONDS} s, the CPU its server process used meanwhile (user + system, all threads, from /proc) divided by the requests; the static file's server is measured the same way. CPU time leaves out the other processes sharing the machine (but counts the server's own garbage-collector threads, so it still varies between runs).`,
      "Signed in, a view of the page is two requests, timed and costed together: the members' stored copy of the page (the member's links, none of their data; lib/http/stored-pages.ts) and the fetch of the member's parts that the page makes at once (GET /api/reader/member: their notes, anchored on the server, and heat strips; components/annotations/MemberSession.tsx); the unread count comes with the notifications stream as it opens. The parts' reads are indexed reads outside Prisma's query pipeline, and the first page of anchored notes is kept per member, seminar and text versions while the seminar's latest event, its members and its post-first numbers stay the same (lib/reader-notes/load.ts): this row is a reload with nothing new in the seminar; the first load after a change lists and anchors the notes again (about 9 ms more CPU for the demo's notes). A page of a text only some may read (an upload) is rendered for each member with their parts in it, as before.",
      'A visitor\'s reader page (no session) is the same for everyone: the server renders it once per address and keeps the whole response in memory, with a fresh CSP nonce put into each copy it sends (lib/http/stored-pages.ts, used by proxy.ts). The "visitor" rows are that stored page; the "first visitor of an address" rows ask for a new address every time (an extra parameter), so each is rendered: the cost before a copy is stored, and of every page with an uploaded text.',
      "The panes' text is rendered once per document version (its whole content), pane and interface language into an HTML string and cached (lib/reader/html.ts); it is sent once: in the page's HTML, handed to the pane's server render by a key, and not again in the RSC payload (lib/reader/html-handoff.ts, components/reader/PaneHtml.tsx). A page that is rendered (for its first visitor or member, or with an uploaded text) still runs the proxy, the React server render and the RSC payload of the rest of the page.",
      `Load average at the end of this section: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" / ")} (1 / 5 / 15 min) on ${os.cpus().length} cores.`,
    ],
  };
}
