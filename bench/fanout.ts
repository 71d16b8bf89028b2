/**
 * Live fan-out across instances, on PostgreSQL: BENCH_PG_INSTANCES (2) app instances, S open live streams
 * (the seminar's event stream, as each open reader holds one) spread evenly over them, and one writer on the
 * first instance saving notes at a steady BENCH_FANOUT_RATE (10 notes/s) for BENCH_FANOUT_SECONDS (10 s). Every
 * note must reach every stream: half of them cross instances through LISTEN/NOTIFY. Reported per S:
 * deliveries / expected, and the time from a save's request to its arrival on the streams (p50, p95, max).
 * Members: BENCH_FANOUT_MEMBERS (20) accounts, each with S/20 streams (a member with several tabs costs the
 * server the same as as many members).
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  demoSeminar,
  noteBody,
  postgresAvailable,
  privatePostgres,
  randomPort,
  readSse,
  ROOT,
  seed,
  sleep,
  startApp,
  type AppServer,
  type Member,
} from "@/system/harness";
import { seminarMembers } from "./loadgen";
import { percentile } from "./stats";

type Row = { name: string; value: number; unit: string };

const INSTANCES = Number(process.env.BENCH_PG_INSTANCES ?? 2);
const LEVELS = (process.env.BENCH_FANOUT_STREAMS ?? "50 200 500").split(/\s+/).map(Number);
const RATE = Number(process.env.BENCH_FANOUT_RATE ?? 10);
const SECONDS = Number(process.env.BENCH_FANOUT_SECONDS ?? 10);
const MEMBERS = Number(process.env.BENCH_FANOUT_MEMBERS ?? 20);

/** Opens a live stream and calls `onNote(k)` for every event whose data carries the marker `fanout-<run>-<k>-`. */
async function openStream(member: Member, seminarId: string, marker: RegExp, onNote: (k: number) => void): Promise<() => void> {
  const controller = new AbortController();
  const res = await member.fetch(`/api/seminars/${seminarId}/events`, { signal: controller.signal, headers: { accept: "text/event-stream" } });
  if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
  readSse(res, (e) => {
    for (const m of e.data.matchAll(marker)) onNote(Number(m[1]));
  });
  return () => controller.abort();
}

async function level(servers: AppServer[], members: Member[], seminar: Awaited<ReturnType<typeof demoSeminar>>, streams: number) {
  const run = Math.random().toString(36).slice(2, 8);
  const marker = new RegExp(`fanout-${run}-(\\d+)-`, "g");
  const total = Math.ceil(RATE * SECONDS);
  const sentAt: number[] = [];
  const seen = Array.from({ length: streams }, () => new Set<number>());
  const delays: number[] = [];
  const closers: Array<() => void> = [];
  for (let s = 0; s < streams; s++) {
    const member = members[s % members.length].on(servers[s % servers.length].base);
    closers.push(
      await openStream(member, seminar.id, marker, (k) => {
        if (seen[s].has(k) || sentAt[k] === undefined) return;
        seen[s].add(k);
        delays.push(performance.now() - sentAt[k]);
      }),
    );
  }
  await sleep(1000); // every stream connected and past its replay
  const writer = members[0].on(servers[0].base);
  const start = performance.now();
  let errors = 0;
  const saved = new Set<number>();
  const failures = new Map<string, number>();
  for (let k = 0; k < total; k++) {
    const due = start + (k * 1000) / RATE;
    if (due > performance.now()) await sleep(due - performance.now());
    sentAt[k] = performance.now();
    const res = await writer.fetch(`/api/seminars/${seminar.id}/annotations`, { method: "POST", body: noteBody(seminar, `fanout-${run}-${k}- bench`, k) });
    const answer = Buffer.from(await res.arrayBuffer()).toString("utf8");
    if (res.status !== 201) {
      errors++;
      const why = `${res.status} ${/"code":"([^"]+)"/.exec(answer)?.[1] ?? ""}`.trim();
      failures.set(why, (failures.get(why) ?? 0) + 1);
    } else saved.add(k);
  }
  const achieved = total / ((performance.now() - start) / 1000);
  // Let the last notes arrive.
  for (let t = 0; t < 100 && delays.length < streams * saved.size; t++) await sleep(100);
  for (const close of closers) close();
  delays.sort((a, b) => a - b);
  return {
    streams,
    total,
    saved: saved.size,
    delivered: delays.length,
    errors,
    failures: [...failures].map(([w, n]) => `${n}× ${w}`).join(", "),
    achieved,
    p50: percentile(delays, 50),
    p95: percentile(delays, 95),
    max: delays[delays.length - 1] ?? NaN,
  };
}

export async function benchFanout(): Promise<{ rows: Row[]; notes: string[] }> {
  if (!postgresAvailable() || !existsSync(path.join(ROOT, ".next-pg", "BUILD_ID"))) {
    return { rows: [], notes: ["Skipped: needs Debian's postgresql 15 and the PostgreSQL build (.next-pg)."] };
  }
  // PGPORT_TEST and BENCH_APP_PORT pin the ports (machines shared by several runs); random otherwise.
  const pg = privatePostgres(process.env.PGPORT_TEST ? Number(process.env.PGPORT_TEST) : undefined, { durable: true });
  const servers: AppServer[] = [];
  try {
    pg.createMigratedDatabase("synopse");
    seed("postgresql", pg.url("synopse"));
    const port = process.env.BENCH_APP_PORT ? Number(process.env.BENCH_APP_PORT) : randomPort();
    for (let i = 0; i < INSTANCES; i++) servers.push(await startApp("postgresql", pg.url("synopse"), port + i));
    const members = await seminarMembers(servers[0].base, MEMBERS);
    const seminar = await demoSeminar(members[0]);
    const rows: Row[] = [];
    for (const streams of LEVELS) {
      const r = await level(servers, members, seminar, streams);
      const label = `${streams} streams on ${INSTANCES} instances, ${RATE} notes/s`;
      rows.push(
        {
          name: `${label}: delivered`,
          value: r.delivered,
          unit: `of ${r.streams * r.saved} (${r.saved} notes saved × ${r.streams} streams; ${r.errors} saves failed${r.errors ? `: ${r.failures}` : ""})`,
        },
        { name: `${label}: save → stream p50`, value: r.p50, unit: "ms" },
        { name: `${label}: save → stream p95`, value: r.p95, unit: "ms" },
        { name: `${label}: save → stream max`, value: r.max, unit: "ms" },
        { name: `${label}: saves achieved`, value: r.achieved, unit: "notes/s" },
        { name: `${label}: deliveries`, value: (r.delivered / r.total) * r.achieved, unit: "events/s" },
        { name: `${label}: load average after`, value: os.loadavg()[0], unit: `on ${os.cpus().length} cores` },
      );
    }
    return {
      rows,
      notes: [
        `One writer on the first instance saves ${RATE} notes/s for ${SECONDS} s; the streams (the seminar's live event stream, as every open reader holds) are spread evenly over ${INSTANCES} instances, ${MEMBERS} members holding several each. Latency runs from the save's request to the event's arrival on a stream, so it includes the save itself.`,
        "Bench process, app instances and PostgreSQL (fsync on) share the machine's cores.",
      ],
    };
  } finally {
    await Promise.all(servers.map((s) => s.kill()));
    pg.destroy();
  }
}

// `tsx bench/fanout.ts` runs it alone and prints the table.
if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, "bench", "fanout.ts")) {
  benchFanout().then(
    ({ rows, notes }) => {
      for (const r of rows) console.log(`${r.name}\t${Number.isInteger(r.value) ? r.value : r.value.toFixed(2)} ${r.unit}`);
      for (const n of notes) console.log(`- ${n}`);
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
