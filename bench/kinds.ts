/**
 * Server CPU per request for each kind of request in the 50-member mix of bench/load.ts, one kind at a time:
 * where the mix's CPU goes. Starts this checkout's production build (.next) on a fresh SQLite database, signs up
 * BENCH_KINDS_MEMBERS members (default 20), and drives each kind alone in a closed loop for BENCH_KINDS_SECONDS
 * (default 20) after a short warm-up, reading the server's CPU (user + system, all threads) from /proc as
 * bench/proc.ts does. The kinds run in the order new notes, notes of a document, search, reader page, so that
 * the reads see the notes written first (a seminar with some hundreds of notes, as in the mixed load).
 *
 *   npx tsx bench/kinds.ts                       all kinds
 *   BENCH_KINDS=annotate,search npx tsx …        some kinds (names: annotate, list, search, read, empty)
 *   BENCH_KINDS_PROFILE=dir npx tsx …            the server runs under node --cpu-prof, its profile lands in dir
 *
 * "empty" is the app's cheapest signed-in API answer (the header badge's unread count, GET /api/notifications?count=1; not in the mix): what every request pays
 * before its own work (the session lookup, the route wrapper, the JSON answer).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { demoSeminar, migratedSqlite, noteBody, seed, startApp, type DemoSeminar, type Member } from "@/system/harness";
import { closedLoop, seminarMembers, send, summarize } from "./loadgen";
import { listeningPid, processCpuMs } from "./proc";

const MEMBERS = Number(process.env.BENCH_KINDS_MEMBERS ?? 20);
const SECONDS = Number(process.env.BENCH_KINDS_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_KINDS_PORT ?? 3431);
const SEARCHES = ["Molotow", "Separatfrieden", "Stalin Hitler", "Friedensfühler", "Kandelaki", "1943", "Stockholm", "peace"];

type Kind = "annotate" | "list" | "search" | "read" | "empty";
const ALL: Kind[] = ["annotate", "list", "search", "read", "empty"];

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
      return send(m, `/en/read?p=${encodeURIComponent(slugs[i % slugs.length])}&seminar=${seminar.id}`);
    case "empty":
      return send(m, `/api/notifications?count=1`);
  }
}

async function main() {
  const kinds = (process.env.BENCH_KINDS?.split(",") as Kind[] | undefined) ?? ALL;
  const dir = mkdtempSync(path.join(os.tmpdir(), "synopse-kinds-"));
  const url = `file:${path.join(dir, "kinds.db")}`;
  migratedSqlite(path.join(dir, "kinds.db"));
  seed("sqlite", url);
  const profile = process.env.BENCH_KINDS_PROFILE;
  const server = await startApp("sqlite", url, PORT, {}, profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profile)}`] : []);
  try {
    const members = await seminarMembers(server.base, MEMBERS);
    const seminar = await demoSeminar(members[0]);
    const { listDocuments } = await import("@/lib/content/store");
    const slugs = listDocuments().map((d) => d.slug);
    const pid = listeningPid(PORT);
    if (pid === null) throw new Error("no process listens on the port");
    console.log(`kind\treq/s\tCPU ms/request\tp50 ms\terrors\trequests\tload`);
    for (const kind of kinds) {
      const step = async (m: Member, i: number) => {
        const res = await request(kind, seminar, slugs, m, i);
        return { kind, ok: res.status === (kind === "annotate" ? 201 : 200) };
      };
      await closedLoop(members.slice(0, 5), 3, step); // warm-up: compile, fill caches
      const load = os.loadavg()[0];
      const cpu0 = processCpuMs(pid);
      const r = await closedLoop(members, SECONDS, step);
      const cpu = processCpuMs(pid) - cpu0;
      const s = summarize(r.samples, r.seconds);
      console.log(
        `${kind}\t${s.perSecond.toFixed(1)}\t${(cpu / s.count).toFixed(2)}\t${s.p50.toFixed(0)}\t${s.errors}\t${s.count}\t${load.toFixed(1)}→${os.loadavg()[0].toFixed(1)}`,
      );
    }
  } finally {
    await server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
