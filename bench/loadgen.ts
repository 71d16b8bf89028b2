/**
 * A bounded closed-loop load generator for the HTTP benchmarks: N concurrent clients, each sending its
 * next request as soon as the previous answered, for a fixed time. Hand-written rather than autocannon:
 * its setupClient could give every simulated member their own session cookie, but each member here picks
 * a different kind of request each time (read / annotate / search) and the benchmarks report each kind's
 * latency from one mixed run, while autocannon keeps one latency histogram for all its requests.
 */
import http from "node:http";
import { gunzipSync, inflateSync } from "node:zlib";
import { Member } from "@/system/harness";
import { percentile } from "./stats";

/**
 * One request as a browser tab of `member` sends it (session cookie, JSON body, gzip/deflate accepted and
 * decoded), over node:http with a keep-alive agent (one reused socket per concurrent member). Not fetch:
 * undici's fetch with its WHATWG streams costs this machine 1–2 ms of CPU per request, and the load
 * generator shares the 2 cores with the server it measures — every millisecond it spends is one the
 * server lacks, so a heavy client caps the numbers of the server under test and of its baseline alike.
 */
export function send(
  member: Member,
  pathname: string,
  init: { method?: string; body?: string; accept?: string } = {},
  retried = false,
): Promise<{ status: number; body: Buffer }> {
  const headers: Record<string, string> = { cookie: member.cookie, "accept-encoding": "gzip, deflate", accept: init.accept ?? "*/*" };
  // A browser sends its Origin with every write; cookie writes without one are refused (403, CSRF rules).
  if ((init.method ?? "GET") !== "GET") headers.origin = new URL(member.base).origin;
  if (init.body !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(init.body));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(member.base + pathname, { method: init.method ?? "GET", headers, agent: keepAlive }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const encoding = res.headers["content-encoding"];
        try {
          resolve({ status: res.statusCode ?? 0, body: encoding === "gzip" ? gunzipSync(raw) : encoding === "deflate" ? inflateSync(raw) : raw });
        } catch (e) {
          reject(e);
        }
      });
    });
    // A kept-alive socket the server closed just as this request went out (its keep-alive timeout): the
    // request never reached it, so send it again once on a new socket, as browsers do (Node's http docs).
    req.on("error", (e: NodeJS.ErrnoException) => {
      if (!retried && req.reusedSocket && e.code === "ECONNRESET") resolve(send(member, pathname, init, true));
      else reject(e);
    });
    req.end(init.body);
  });
}
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 512 });

/** What a browser's page load asks for (the server keeps stored reader pages only for such requests). */
export const PAGE_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/**
 * A member opening a reader page, as their browser does it: the page, and, when it came without the member's
 * parts (a stored copy, lib/http/stored-pages: it says so with data-member-deferred), the fetch of those
 * parts that the page makes at once (components/annotations/MemberSession). One view, timed as a whole.
 */
export async function readerView(member: Member, pathname: string): Promise<{ status: number }> {
  const page = await send(member, pathname, { accept: PAGE_ACCEPT });
  const parts = page.status === 200 ? memberPartsPath(pathname, page.body) : null;
  return parts ? { status: (await send(member, parts)).status } : page;
}

/** The fetch of the member's parts that a reader page (`address`, its `body`) makes at once, or null if it came with them. */
export function memberPartsPath(address: string, body: Buffer): string | null {
  if (!body.includes('data-member-deferred=""')) return null;
  return `/api/reader/member${new URL(address, "http://page").search}`;
}

export interface Sample {
  kind: string;
  ms: number;
  ok: boolean;
}

export interface LoopResult {
  seconds: number;
  samples: Sample[];
}

/** Runs `step(client, i)` in `clients` parallel loops for `seconds`; each step returns its kind and whether it succeeded. */
export async function closedLoop<C>(
  clients: C[],
  seconds: number,
  step: (client: C, i: number) => Promise<{ kind: string; ok: boolean }>,
): Promise<LoopResult> {
  const samples: Sample[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    clients.map(async (client, c) => {
      for (let i = 0; performance.now() < until; i++) {
        const t = performance.now();
        let r: { kind: string; ok: boolean };
        try {
          r = await step(client, c * 1_000_000 + i);
        } catch {
          r = { kind: "error", ok: false };
        }
        samples.push({ kind: r.kind, ms: performance.now() - t, ok: r.ok });
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, samples };
}

export function summarize(samples: Sample[], seconds: number) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    count: samples.length,
    perSecond: samples.length / seconds,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    errors: samples.filter((s) => !s.ok).length,
  };
}

/** `n` new accounts (sign-up over HTTP), each joined to the demo seminar through its invite code. */
export async function seminarMembers(base: string, n: number, invite = "separatfrieden-demo"): Promise<Member[]> {
  const run = Math.random().toString(36).slice(2, 8);
  const members: Member[] = [];
  for (let i = 0; i < n; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, n - i) }, async (_, j) => {
        const m = await Member.signUp(base, `Bench Member ${i + j}`, `bench-${run}-${i + j}@synopse.test`);
        const joined = await m.fetch(`/api/join/${invite}`, { method: "POST" });
        if (!joined.ok) throw new Error(`join: ${joined.status} ${await joined.text()}`);
        return m;
      }),
    );
    members.push(...batch);
  }
  return members;
}
