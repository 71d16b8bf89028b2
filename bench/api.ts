/**
 * The annotations API under 50 concurrent clients, and live delivery between two members.
 *  - creating notes (POST /api/seminars/:id/annotations) for BENCH_API_SECONDS (10 s): notes/s, p50, p99,
 *    errors — targets ≥ 500/s, p99 ≤ 50 ms, 0 errors — against a baseline in the same run: the same 50
 *    clients on GET /api/health (the server's bare request rate, no database);
 *  - save → screen: from one member's POST to the event arriving on another member's SSE stream, p50/p95
 *    (target p95 ≤ 300 ms), measured between saves at rest.
 */
import { demoSeminar, noteBody, readEvents, sleep } from "@/system/harness";
import { closedLoop, seminarMembers, send, summarize } from "./loadgen";

type Row = { name: string; value: number; unit: string };

export async function benchApi(base: string): Promise<{ rows: Row[]; notes: string[] }> {
  const seconds = Number(process.env.BENCH_API_SECONDS ?? 10);
  const clients = Number(process.env.BENCH_API_CLIENTS ?? 50);
  const members = await seminarMembers(base, clients);
  const seminar = await demoSeminar(members[0]);

  // Warm-up: first requests compile routes and fill caches.
  await closedLoop(members.slice(0, 10), 2, async (m, i) => ({
    kind: "warm",
    ok: (await send(m, `/api/seminars/${seminar.id}/annotations`, { method: "POST", body: noteBody(seminar, `warm ${i}`, i) })).status === 201,
  }));
  await closedLoop(members, 1, async (m) => ({ kind: "warm", ok: (await send(m, "/api/health")).status === 200 }));

  // Baseline and creates use the same client (send: node:http, keep-alive, gzip accepted like a browser).
  const baseline = summarize(
    ...unpack(await closedLoop(members, Math.min(5, seconds), async (m) => ({ kind: "health", ok: (await send(m, "/api/health")).status === 200 }))),
  );
  const create = summarize(
    ...unpack(
      await closedLoop(members, seconds, async (m, i) => {
        const res = await send(m, `/api/seminars/${seminar.id}/annotations`, { method: "POST", body: noteBody(seminar, `Bench note ${i}`, i) });
        return { kind: "create", ok: res.status === 201 };
      }),
    ),
  );

  // Save → another member's screen (their SSE stream), one save at a time.
  const [writer, reader] = [members[1], members[2]];
  const delays: number[] = [];
  for (let i = 0; i < 30; i++) {
    const stream = await reader.fetch(`/api/seminars/${seminar.id}/events`);
    await sleep(100);
    const t = performance.now();
    const res = await writer.fetch(`/api/seminars/${seminar.id}/annotations`, { method: "POST", body: noteBody(seminar, `Live ${i}`, i) });
    const { id } = (await res.json()) as { id: string };
    const events = await readEvents(stream, (es) => es.some((e) => e.data.includes(id)), 5000);
    if (events.some((e) => e.data.includes(id))) delays.push(performance.now() - t);
  }
  delays.sort((a, b) => a - b);
  const pct = (p: number) => delays[Math.min(delays.length - 1, Math.ceil((p / 100) * delays.length) - 1)];

  const rows: Row[] = [
    { name: `baseline: GET /api/health, ${clients} clients`, value: baseline.perSecond, unit: "req/s" },
    { name: "baseline p99", value: baseline.p99, unit: "ms" },
    { name: `create notes, ${clients} clients (target ≥ 500)`, value: create.perSecond, unit: "notes/s" },
    { name: "create p50", value: create.p50, unit: "ms" },
    { name: "create p99 (target ≤ 50)", value: create.p99, unit: "ms" },
    { name: "create errors (target 0)", value: create.errors, unit: "requests" },
    { name: "create throughput vs baseline", value: create.perSecond / baseline.perSecond, unit: "×" },
    { name: "save → other member's SSE event p50", value: pct(50), unit: "ms" },
    { name: "save → other member's SSE event p95 (target ≤ 300)", value: pct(95), unit: "ms" },
    { name: "live events delivered", value: delays.length, unit: "of 30" },
  ];
  const notes = [
    `${create.count} notes created in ${seconds} s by ${clients} signed-in members (closed loop, no think time), against the bench server (SQLite).`,
    "Each note is stored whole in one transaction — annotation, target, tags, search index rows, Event row, notifications — then the live signal; notes arriving together share a transaction (group commit).",
    "Client and server share the machine's cores, so absolute rates are lower than on a dedicated server; the baseline shows the ceiling the same setup reaches without any database work.",
    `With ${clients} clients in a closed loop the mean latency is ${clients} ÷ throughput (Little's law): a p99 of 50 ms needs at least ${Math.round(clients / 0.05)} requests/s, and the baseline itself answers in ${baseline.p50.toFixed(0)} ms (p50) at ${baseline.perSecond.toFixed(0)} requests/s.`,
  ];
  return { rows, notes };
}

function unpack(r: { samples: import("./loadgen").Sample[]; seconds: number }): [import("./loadgen").Sample[], number] {
  return [r.samples, r.seconds];
}
