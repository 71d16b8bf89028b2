/**
 * Benchmark: search latency over the corpus plus 10,000 notes (target: p95 ≤ 20 ms in-process).
 *
 * Runs against the bench server's database (bench.db, migrated and seeded by bench/run.ts): adds 10,000
 * notes to the demo seminar — text drawn from the corpus' own sentences in German and English, mixed
 * visibility and authors, tags — indexed with the same rows `indexAnnotation` writes (`annotationEntries`). Then:
 *   - full search (lib/search `search`, as the demo student: parsing, glossary, FTS, visibility, snippets),
 *   - the full-text candidate query alone (FTS5 MATCH),
 *   - baseline, measured in the same run: the same candidates found by a LIKE '%word%' scan over the same
 *     index rows (what a search without a full-text index does),
 *   - one row through HTTP (GET /api/search on the running server, signed in as the student).
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import type { Prisma } from "@/generated/prisma/client";
import { Member } from "@/system/harness";
import { percentile } from "./stats";

type Row = { name: string; value: number; unit: string };

const NOTES = 10_000;
const ROUNDS = 15;
const QUERIES = [
  "Stalin",
  "separate peace",
  "Molotow",
  "Fuehrer",
  "Aussenpolitik",
  "Kleist Stockholm",
  '"peace feelers"',
  "Separatfrieden",
  "Ribbentr*",
  "Quelle",
  "Mastny",
  "Kapitulation",
  "Stalin -Hitler",
  "Winogradow OR Dekanosow",
  "Verhandlungen",
  "zzqx nothing matches",
];

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Wall-clock latency per query, and the CPU time this process spent on it: on a shared machine (other
 * processes competing for the cores) wall time measures the machine's load as much as the code, CPU
 * time does not (for the in-process rows nearly all the work is this process's own).
 */
async function timeAll(fn: (q: string) => Promise<unknown>): Promise<{ p50: number; p95: number; cpu50: number; cpu95: number }> {
  for (const q of QUERIES) await fn(q); // warm-up
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of QUERIES) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await fn(q);
      samples.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), cpu50: percentile(cpu, 50), cpu95: percentile(cpu, 95) };
}

export async function benchSearch(baseUrl: string): Promise<{ rows: Row[]; notes: string[] }> {
  const g = globalThis as unknown as { __synopsePrisma?: { $disconnect(): Promise<void> } };
  const previousUrl = process.env.DATABASE_URL;
  const previousClient = g.__synopsePrisma;
  // bench/run.ts's server database; BENCH_SEARCH_DB lets the benchmark run alone on another file.
  process.env.DATABASE_URL = process.env.BENCH_SEARCH_DB ?? "file:./bench.db";
  g.__synopsePrisma = undefined;
  try {
    const { db } = await import("@/lib/db/client");
    const { getDocument, listDocuments } = await import("@/lib/content/store");
    const { annotationEntries } = await import("@/lib/search/indexer");
    const { search } = await import("@/lib/search/search");
    const { matchEntries } = await import("@/lib/search/sql");
    const { parseQuery } = await import("@/lib/search/query");
    const { foldText } = await import("@/lib/text/normalize");
    const { documentText } = await import("@/lib/content/text");

    const seminar = await db().seminar.findUniqueOrThrow({ where: { inviteCode: "separatfrieden-demo" }, include: { members: true } });
    const student = await db().user.findUniqueOrThrow({ where: { email: "student1@synopse.test" } });
    const authors = seminar.members.map((m) => m.userId);

    // ---- 10,000 notes, indexed exactly as the store indexes them ----
    const rand = random(1941);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const docs = listDocuments().map((m) => getDocument(m.slug)!);
    const sentences = docs.flatMap((d) => d.blocks.flatMap((b) => b.text.split(/(?<=[.!?])\s+/).filter((s) => s.length > 40 && s.length < 400)));
    const visibilities = ["seminar", "seminar", "seminar", "seminar", "seminar", "seminar", "seminar", "private", "private", "instructors"];
    const tags = ["Quellenkritik", "Diplomatie", "Propaganda", "Datierung"];
    const t0 = performance.now();
    const BATCH = 500;
    for (let done = 0; done < NOTES; done += BATCH) {
      const annotations: Prisma.AnnotationCreateManyInput[] = [];
      const targets: Prisma.TargetCreateManyInput[] = [];
      const noteTags: Prisma.AnnotationTagCreateManyInput[] = [];
      const entries: Prisma.SearchEntryCreateManyInput[] = [];
      for (let i = 0; i < BATCH; i++) {
        const doc = pick(docs);
        const block = pick(doc.blocks.filter((b) => b.text.length > 20));
        const dt = documentText(doc);
        const start = dt.starts[dt.indexById.get(block.id)!];
        const len = Math.min(block.text.length, 40);
        const body = `${pick(sentences)} ${rand() < 0.5 ? pick(sentences) : ""}`.trim();
        const id = randomUUID();
        const tagList = rand() < 0.4 ? [pick(tags)] : [];
        const motivation = rand() < 0.1 ? "linking" : "commenting";
        annotations.push({
          id,
          seminarId: seminar.id,
          authorId: pick(authors),
          motivation,
          visibility: pick(visibilities),
          bodyHtml: `<p>${body}</p>`,
          bodyText: body,
        });
        targets.push({
          annotationId: id,
          documentSlug: doc.meta.slug,
          documentVersion: doc.version,
          lang: doc.meta.lang,
          blockId: block.id,
          blockStart: 0,
          blockEnd: len,
          start,
          end: start + len,
          exact: block.text.slice(0, len),
          prefix: "",
          suffix: block.text.slice(len, len + 32),
        });
        for (const tag of tagList) noteTags.push({ annotationId: id, tag });
        // The same rows the annotation store's write transaction adds (lib/search/indexer).
        entries.push(
          ...annotationEntries({ id, seminarId: seminar.id, motivation: motivation as "commenting", bodyText: body, tags: tagList }, [
            { documentSlug: doc.meta.slug, blockId: block.id, lang: doc.meta.lang },
          ]),
        );
      }
      await db().$transaction([
        db().annotation.createMany({ data: annotations }),
        db().target.createMany({ data: targets }),
        db().annotationTag.createMany({ data: noteTags }),
        db().searchEntry.createMany({ data: entries }),
      ]);
    }
    const seedSeconds = (performance.now() - t0) / 1000;
    const entries = await db().searchEntry.count();

    // ---- in-process: full search, FTS candidates, LIKE baseline ----
    const full = await timeAll((q) => search(student.id, { q }));
    const fts = await timeAll((q) => matchEntries(parseQuery(q), { scope: { seminarIds: [seminar.id] }, kinds: ["note", "link"], limit: 400 }));
    const like = await timeAll(async (q) => {
      // The baseline finds the same kind of candidates without an index: every folded query word as a
      // substring of the entry's folded words (so it even skips stemming, name keys and phrases).
      const words = foldText(q)
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 1 && w !== "or");
      if (!words.length) return [];
      const where = words.map(() => `"w" LIKE ?`).join(" AND ");
      return db().$queryRawUnsafe(`SELECT "id" FROM "SearchEntry" WHERE "seminarId" = ? AND ${where} LIMIT 400`, seminar.id, ...words.map((w) => `%${w}%`));
    });

    // ---- through HTTP, signed in as the student ----
    let httpStatus = 0;
    let http = { p50: NaN, p95: NaN, cpu50: NaN, cpu95: NaN };
    try {
      const { cookie } = await Member.signIn(baseUrl, "student1@synopse.test");
      http = await timeAll(async (q) => {
        const res = await fetch(`${baseUrl}/api/search?q=${encodeURIComponent(q)}`, { headers: { cookie } });
        httpStatus = res.status;
        await res.arrayBuffer();
      });
    } catch (e) {
      httpStatus = -1;
      console.error(`bench/search: HTTP part skipped (${(e as Error).message})`);
    }

    const sample = await search(student.id, { q: "separate peace" });
    return {
      rows: [
        { name: "notes added (10,000) and indexed", value: seedSeconds, unit: "s" },
        { name: "index entries (corpus blocks + note passages)", value: entries, unit: "rows" },
        { name: "full search in-process, p50", value: full.p50, unit: "ms" },
        { name: "full search in-process, p95 (target ≤ 20)", value: full.p95, unit: "ms" },
        { name: "full search in-process, CPU time p50", value: full.cpu50, unit: "ms" },
        { name: "full search in-process, CPU time p95", value: full.cpu95, unit: "ms" },
        { name: "full-text candidates (FTS5 MATCH), p95", value: fts.p95, unit: "ms" },
        { name: "baseline: LIKE '%word%' scan for the same candidates, p95", value: like.p95, unit: "ms" },
        { name: "baseline p95 / FTS p95", value: like.p95 / Math.max(fts.p95, 0.001), unit: "×" },
        { name: "HTTP GET /api/search (signed in), p50", value: http.p50, unit: "ms" },
        { name: "HTTP GET /api/search (signed in), p95", value: http.p95, unit: "ms" },
      ],
      notes: [
        `Load average during the run: ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(" / ")} on ${os.cpus().length} cores (wall times grow with it; CPU times much less).`,
        `${QUERIES.length} fixed queries × ${ROUNDS} rounds after one warm-up round; viewer: the demo student (visibility filtering included).`,
        `Queries: ${QUERIES.map((q) => `\`${q}\``).join(", ")}.`,
        `"separate peace" → ${sample.total} results in ${sample.groups.length} documents, ${sample.expansions.length} glossary expansions.`,
        httpStatus < 0 ? "HTTP part skipped: no server." : `Last HTTP status: ${httpStatus}.`,
      ],
    };
  } finally {
    await (g.__synopsePrisma as { $disconnect(): Promise<void> } | undefined)?.$disconnect();
    g.__synopsePrisma = previousClient;
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  }
}
