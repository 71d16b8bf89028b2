/**
 * The instructor's overview of a seminar, computed from the annotation tables:
 * - per member and week: notes, replies, links and words written;
 * - per document: where discussion concentrates — the plain text cut into N equal segments, each counting the
 *   annotations and replies over it (the heat strip), and the passages ranked by annotations + replies;
 * - open questions: top-level notes that ask something ("?" or the tag "question") and that nobody else answered.
 * Only what the viewer may read counts (lib/annotations/access readableWhere): an instructor sees seminar and
 * instructors-only notes and their own feedback threads, never students' private notes or others' feedback.
 * Framework-free.
 */
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { approxBytes } from "@/lib/cache/size";
import { readableWhere, type Viewer } from "@/lib/annotations/access";
import { documentText, locate } from "@/lib/content/text";
import { db } from "@/lib/db/client";
import { sqlRows } from "@/lib/db/read";
import { requireInstructor, requireMember, type Role } from "@/lib/seminars";
import { documentCatalog } from "@/lib/seminars/catalog";
import type { SynopseDocument } from "@/lib/content/types";
import { latestEventId } from "@/lib/live/stream";
import { postFirstGate, type PostFirstGate } from "@/lib/annotations/post-first";
import { countWords } from "@/lib/text/words";

export const HEAT_SEGMENTS = 40;
/** Open questions listed at most (oldest first: the longest unanswered lead). */
export const MAX_OPEN_QUESTIONS = 100;
const MAX_WEEKS = 26;
const DAY = 24 * 60 * 60 * 1000;

export interface Counts {
  notes: number;
  replies: number;
  links: number;
  words: number;
}

export interface MemberActivity {
  userId: string;
  name: string;
  role: Role;
  totals: Counts;
  /** same order as SeminarOverview.weeks */
  byWeek: Counts[];
}

/**
 * A stretch of a document the discussion gathered on (overlapping notes merged): [start, end) in the whole
 * document's text (as targets' start/end), the block it begins in, its text, and the notes and replies it drew.
 */
export interface AnnotatedPassage {
  blockId: string;
  start: number;
  end: number;
  text: string;
  annotations: number;
  replies: number;
}

export interface Heat {
  slug: string;
  title: string;
  lang: string;
  /** annotations + replies over each of HEAT_SEGMENTS equal parts of the text */
  segments: number[];
  /** the block where each segment starts (to jump there) */
  segmentBlocks: string[];
  passages: AnnotatedPassage[];
  total: number;
}

export interface OpenQuestion {
  id: string;
  authorName: string;
  text: string;
  slug: string | null;
  blockId: string | null;
  quote: string | null;
  createdAt: string;
}

export interface SeminarOverview {
  seminarId: string;
  title: string;
  /** Monday of each week (YYYY-MM-DD, UTC), oldest first */
  weeks: string[];
  members: MemberActivity[];
  documents: Heat[];
  openQuestions: OpenQuestion[];
}

const zero = (): Counts => ({ notes: 0, replies: 0, links: 0, words: 0 });

/** Monday 00:00 UTC of the week holding `d`. */
export function weekStart(d: Date): Date {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dow = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - dow * DAY);
}

export function isQuestion(text: string, tags: readonly string[]): boolean {
  return /[?？¿]/.test(text) || tags.some((t) => t.toLowerCase() === "question" || t.toLowerCase() === "frage" || t.toLowerCase() === "вопрос");
}

type Row = {
  id: string;
  authorId: string;
  motivation: string;
  parentId: string | null;
  rootId: string | null;
  bodyText: string;
  createdAt: Date;
  author: { name: string };
  tags: Array<{ tag: string }>;
  targets: Array<{ role: string; documentSlug: string; blockId: string; start: number; end: number; exact: string }>;
};

/**
 * Every annotation the viewer may read in the seminar, with its passages and tags: the whole seminar is
 * counted, so this reads all of it — in three statements that each join on the seminar (relation filters)
 * instead of listing ids: `include` would put every annotation's id into one `IN (…)`, which SQLite refuses
 * past its parameter limit (whole seminars broke at about 1,000 notes).
 */
async function readableRows(viewer: Viewer, seminarId: string): Promise<Row[]> {
  const readable = { seminarId, ...readableWhere(viewer) };
  const [rows, targets, tags, members] = await Promise.all([
    db().annotation.findMany({
      where: readable,
      select: { id: true, authorId: true, motivation: true, parentId: true, rootId: true, bodyText: true, createdAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    db().target.findMany({
      where: { annotation: readable },
      select: { annotationId: true, role: true, documentSlug: true, blockId: true, start: true, end: true, exact: true },
    }),
    db().annotationTag.findMany({ where: { annotation: readable }, select: { annotationId: true, tag: true } }),
    db().membership.findMany({ where: { seminarId }, select: { userId: true, user: { select: { name: true } } } }),
  ]);
  const targetsOf = new Map<string, Row["targets"]>();
  for (const { annotationId, ...t } of targets) targetsOf.set(annotationId, [...(targetsOf.get(annotationId) ?? []), t]);
  const tagsOf = new Map<string, Row["tags"]>();
  for (const { annotationId, tag } of tags) tagsOf.set(annotationId, [...(tagsOf.get(annotationId) ?? []), { tag }]);
  const names = new Map(members.map((m) => [m.userId, m.user.name]));
  // Former members' names, read a bounded chunk at a time (there are few).
  const former = [...new Set(rows.map((r) => r.authorId).filter((id) => !names.has(id)))];
  for (let i = 0; i < former.length; i += 200) {
    for (const u of await db().user.findMany({ where: { id: { in: former.slice(i, i + 200) } }, select: { id: true, name: true } })) names.set(u.id, u.name);
  }
  const full: Row[] = rows.map((r) => ({
    ...r,
    author: { name: names.get(r.authorId) ?? "" },
    tags: tagsOf.get(r.id) ?? [],
    targets: targetsOf.get(r.id) ?? [],
  }));
  // A reply counts only when its thread is visible too; post-first applies to students' heat strips.
  const byId = new Map(full.map((r) => [r.id, r]));
  const gate = await postFirstGate(viewer, seminarId);
  const visibleRoot = (r: Row) =>
    !gate ||
    !gate.hides(
      r.authorId,
      r.targets.map((t) => t.documentSlug),
    );
  return full.filter((r) => {
    const root = r.rootId ? byId.get(r.rootId) : r;
    return !!root && visibleRoot(root);
  });
}

/** Concentration of discussion over one document's text. */
function heatOf(slug: string, doc: SynopseDocument, rows: Row[], replyCount: Map<string, number>, segments: number): Heat {
  const dt = documentText(doc);
  const length = Math.max(1, dt.text.length);
  const heat = new Array<number>(segments).fill(0);
  const segmentBlocks = Array.from({ length: segments }, (_, i) => doc.blocks[locate(dt, Math.floor((i * length) / segments)).index]?.id ?? "");
  const spans: Array<{ blockId: string; start: number; end: number; weight: number; replies: number }> = [];
  for (const r of rows) {
    if (r.parentId) continue;
    for (const t of r.targets) {
      if (t.documentSlug !== slug) continue;
      const start = Math.min(Math.max(0, t.start), length - 1);
      const end = Math.min(Math.max(start + 1, t.end), length);
      const replies = replyCount.get(r.id) ?? 0;
      const weight = 1 + replies;
      const first = Math.floor((start * segments) / length);
      const last = Math.min(segments - 1, Math.floor(((end - 1) * segments) / length));
      for (let s = first; s <= last; s++) heat[s] += weight;
      spans.push({ blockId: t.blockId, start, end, weight, replies });
    }
  }
  // Ranked passages: overlapping spans merge into one passage (a discussion around the same words).
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: AnnotatedPassage[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      last.annotations += 1;
      last.replies += s.replies;
    } else merged.push({ blockId: s.blockId, start: s.start, end: s.end, text: "", annotations: 1, replies: s.replies });
  }
  for (const p of merged) {
    const t = dt.text.slice(p.start, p.end).replace(/\s+/g, " ").trim();
    p.text = t.length > 220 ? `${t.slice(0, 219)}…` : t;
  }
  merged.sort((a, b) => b.annotations + b.replies - (a.annotations + a.replies) || a.start - b.start);
  return {
    slug,
    title: doc.meta.title ?? slug,
    lang: doc.meta.lang,
    segments: heat,
    segmentBlocks,
    passages: merged.slice(0, 10),
    total: spans.reduce((n, s) => n + s.weight, 0),
  };
}

function repliesByRoot(rows: Row[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) if (r.rootId) out.set(r.rootId, (out.get(r.rootId) ?? 0) + 1);
  return out;
}

/**
 * Overviews and heat strips aggregate every note of the seminar, so they are kept, in a bounded LRU, for the
 * state they were computed from: the seminar's latest event (every note written, edited, deleted, hidden or
 * shown again adds one), the member and role, the "post first" gate and the week. A reader page then costs
 * one indexed read of the latest event instead of reading 20,000 passages; any change computes afresh.
 * One entry per seminar, member and view, holding the state it is current to: a newer state replaces it
 * (keyed by the state, every write used to leave the older aggregates behind until the LRU pushed them out).
 * Bounded by bytes (an overview of 20,000 notes is far larger than a heat strip): 32 MB.
 */
const aggregates = new LRUCache<string, { state: string; value: unknown }>({
  max: 2_000,
  maxSize: 32_000_000,
  sizeCalculation: (entry, key) => approxBytes(entry.value) + 2 * (key.length + entry.state.length),
});

async function kept<T>(key: string, state: string, compute: () => Promise<T>): Promise<T> {
  const hit = aggregates.get(key);
  if (hit?.state === state) return hit.value as T;
  const value = await compute();
  aggregates.set(key, { state, value });
  return value;
}

/** For tests: how many aggregates are kept and their estimated size in bytes. */
export function keptAggregates(): { entries: number; bytes: number } {
  return { entries: aggregates.size, bytes: aggregates.calculatedSize };
}

/**
 * What an aggregate depends on besides the notes: the members and their roles, the seminar's documents (a
 * member joining or a text added writes no event), and the latest event.
 */
async function stateKey(seminarId: string): Promise<string> {
  // Asked on every heat strip and overview: reads outside Prisma's pipeline (lib/db/read), ~0.1 ms against ~2 ms.
  const [eventId, members, documents] = await Promise.all([
    latestEventId(seminarId),
    sqlRows<{ userId: string; role: string }>`SELECT "userId", "role" FROM "Membership" WHERE "seminarId" = ${seminarId}`,
    sqlRows<{ slug: string; postFirst: number | null }>`SELECT "slug", "postFirst" FROM "SeminarDocument" WHERE "seminarId" = ${seminarId}`,
  ]);
  const shape = JSON.stringify([members.map((m) => `${m.userId}:${m.role}`).sort(), documents.map((d) => `${d.slug}:${d.postFirst ?? null}`).sort()]);
  return `${eventId}|${createHash("sha1").update(shape).digest("base64url")}`;
}

function gateKey(gate: PostFirstGate | null): string {
  return gate ? JSON.stringify([...gate.locked.entries()]) : "-";
}

/** The whole overview (instructors only). `now` fixes the last week (tests). */
export async function seminarOverview(userId: string, seminarId: string, now: Date = new Date()): Promise<SeminarOverview> {
  await requireInstructor(userId, seminarId);
  const state = `${await stateKey(seminarId)}|${now.toISOString().slice(0, 10)}`;
  // A copy: callers may not change what the next caller gets.
  return structuredClone(await kept(`overview|${seminarId}|${userId}`, state, () => computeOverview(userId, seminarId, now)));
}

async function computeOverview(userId: string, seminarId: string, now: Date): Promise<SeminarOverview> {
  const viewer: Viewer = { userId, role: "instructor" };
  const seminar = await db().seminar.findUniqueOrThrow({
    where: { id: seminarId },
    select: {
      title: true,
      createdAt: true,
      documents: { select: { slug: true }, orderBy: { addedAt: "asc" } },
      members: { select: { userId: true, role: true, user: { select: { name: true } } } },
    },
  });
  const rows = await readableRows(viewer, seminarId);

  // weeks: from the first activity (or the seminar's start) to now, at most MAX_WEEKS
  const last = weekStart(now);
  const firstActivity = rows[0]?.createdAt ?? seminar.createdAt;
  let first = weekStart(firstActivity < seminar.createdAt ? firstActivity : seminar.createdAt);
  if ((last.getTime() - first.getTime()) / (7 * DAY) >= MAX_WEEKS) first = new Date(last.getTime() - (MAX_WEEKS - 1) * 7 * DAY);
  const weeks: string[] = [];
  for (let t = first.getTime(); t <= last.getTime(); t += 7 * DAY) weeks.push(new Date(t).toISOString().slice(0, 10));
  const weekIndex = (d: Date) => weeks.indexOf(weekStart(d).toISOString().slice(0, 10));

  const members = new Map<string, MemberActivity>(
    seminar.members.map((m) => [m.userId, { userId: m.userId, name: m.user.name, role: m.role as Role, totals: zero(), byWeek: weeks.map(zero) }]),
  );
  for (const r of rows) {
    const m = members.get(r.authorId);
    if (!m) continue; // a former member
    const kind: keyof Counts | null =
      r.motivation === "replying" ? "replies" : r.motivation === "linking" ? "links" : r.motivation === "commenting" ? "notes" : null;
    if (!kind) continue;
    const words = countWords(r.bodyText);
    m.totals[kind]++;
    m.totals.words += words;
    const w = weekIndex(r.createdAt);
    if (w >= 0) {
      m.byWeek[w][kind]++;
      m.byWeek[w].words += words;
    }
  }

  const replyCount = repliesByRoot(rows);
  const documents: Heat[] = [];
  for (const { slug } of seminar.documents) {
    const doc = await (await documentCatalog()).get(slug);
    if (doc) documents.push(heatOf(slug, doc, rows, replyCount, HEAT_SEGMENTS));
  }

  const answeredByOthers = new Set<string>();
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const r of rows) {
    if (!r.rootId) continue;
    const root = byId.get(r.rootId);
    if (root && r.authorId !== root.authorId) answeredByOthers.add(root.id);
  }
  // Replies the viewer cannot see still answer the question: count them without reading them.
  // All replies of the seminar (two columns), matched to the readable roots here: no list of root ids.
  const hiddenAnswers = await db().annotation.findMany({
    where: { seminarId, deletedAt: null, rootId: { not: null } },
    select: { rootId: true, authorId: true },
  });
  for (const h of hiddenAnswers) if (h.rootId && byId.get(h.rootId)?.authorId !== h.authorId) answeredByOthers.add(h.rootId);
  const openQuestions: OpenQuestion[] = rows
    .filter(
      (r) =>
        !r.parentId &&
        r.motivation === "commenting" &&
        isQuestion(
          r.bodyText,
          r.tags.map((t) => t.tag),
        ) &&
        !answeredByOthers.has(r.id),
    )
    .map((r) => {
      const t = r.targets.find((x) => x.role === "target");
      return {
        id: r.id,
        authorName: r.author.name,
        text: r.bodyText,
        slug: t?.documentSlug ?? null,
        blockId: t?.blockId ?? null,
        quote: t?.exact ?? null,
        createdAt: r.createdAt.toISOString(),
      };
    })
    .slice(0, MAX_OPEN_QUESTIONS);

  const roleRank = (r: Role) => (r === "student" ? 0 : 1);
  return {
    seminarId,
    title: seminar.title,
    weeks,
    members: [...members.values()].sort((a, b) => roleRank(a.role) - roleRank(b.role) || a.name.localeCompare(b.name)),
    documents,
    openQuestions,
  };
}

/** The heat strip of one document for any member (their own visibility and post-first gate apply). */
export async function documentHeat(userId: string, seminarId: string, slug: string, segments = HEAT_SEGMENTS): Promise<Heat | null> {
  return (await documentsHeat(userId, seminarId, [slug], segments)).get(slug) ?? null;
}

/**
 * The heat strips of several documents at once (the reader's open panes): the member's readable notes are
 * read once for all of them, not once per document.
 */
export async function documentsHeat(userId: string, seminarId: string, slugs: readonly string[], segments = HEAT_SEGMENTS): Promise<Map<string, Heat | null>> {
  const role = await requireMember(userId, seminarId);
  const catalog = await documentCatalog();
  const docs = new Map<string, SynopseDocument | null>();
  for (const slug of new Set(slugs)) docs.set(slug, (await catalog.get(slug)) ?? null);
  if (![...docs.values()].some(Boolean)) return new Map([...docs].map(([slug]) => [slug, null]));
  const viewer: Viewer = { userId, role };
  const gate = await postFirstGate(viewer, seminarId);
  const versions = [...docs].map(([slug, doc]) => `${slug}@${doc?.version ?? "-"}`).join(",");
  const key = `heat|${seminarId}|${userId}|${segments}|${[...docs.keys()].join(",")}`;
  const state = `${role}|${await stateKey(seminarId)}|${gateKey(gate)}|${versions}`;
  const heat = await kept(key, state, async () => {
    const { rows, replies } = await heatRows(viewer, seminarId, gate);
    return [...docs].map(([slug, doc]) => [slug, doc ? heatOf(slug, doc, rows, replies, segments) : null] as const);
  });
  return new Map(structuredClone(heat));
}

/**
 * What a heat strip needs and no more (the reader asks on every page): the passages of the threads the
 * member may read, and how many readable replies each has — two statements joined on the seminar, no text,
 * no tags, no list of ids. The "post first" gate needs each thread's author and documents; only then are
 * the roots read too.
 */
async function heatRows(viewer: Viewer, seminarId: string, gate: PostFirstGate | null): Promise<{ rows: Row[]; replies: Map<string, number> }> {
  const readable = { seminarId, ...readableWhere(viewer) };
  const [targets, counts, roots] = await Promise.all([
    db().target.findMany({
      where: { annotation: { ...readable, parentId: null } },
      select: { annotationId: true, role: true, documentSlug: true, blockId: true, start: true, end: true },
    }),
    db().annotation.groupBy({ by: ["rootId"], where: { ...readable, rootId: { not: null } }, _count: { _all: true } }),
    gate ? db().annotation.findMany({ where: { ...readable, parentId: null }, select: { id: true, authorId: true } }) : Promise.resolve([]),
  ]);
  const byRoot = new Map<string, Row>();
  for (const { annotationId, ...t } of targets) {
    let row = byRoot.get(annotationId);
    if (!row)
      byRoot.set(
        annotationId,
        (row = {
          id: annotationId,
          authorId: "",
          motivation: "",
          parentId: null,
          rootId: null,
          bodyText: "",
          createdAt: new Date(0),
          author: { name: "" },
          tags: [],
          targets: [],
        }),
      );
    row.targets.push({ ...t, exact: "" });
  }
  if (gate) {
    const authorOf = new Map(roots.map((r) => [r.id, r.authorId]));
    for (const [id, row] of byRoot)
      if (
        gate.hides(
          authorOf.get(id) ?? "",
          row.targets.map((t) => t.documentSlug),
        )
      )
        byRoot.delete(id);
  }
  const replies = new Map<string, number>();
  for (const c of counts) if (c.rootId && byRoot.has(c.rootId)) replies.set(c.rootId, c._count._all);
  return { rows: [...byRoot.values()], replies };
}

function csvCell(v: string | number): string {
  const s = String(v);
  // Quote when needed; a leading =, +, - or @ would run as a formula in spreadsheets, so it is prefixed.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row per member and week (then totals), for spreadsheets. */
export function overviewCsv(o: SeminarOverview): string {
  const lines = [["member", "role", "week", "notes", "replies", "links", "words"].join(",")];
  for (const m of o.members) {
    o.weeks.forEach((w, i) => {
      const c = m.byWeek[i];
      lines.push([m.name, m.role, w, c.notes, c.replies, c.links, c.words].map(csvCell).join(","));
    });
    lines.push([m.name, m.role, "total", m.totals.notes, m.totals.replies, m.totals.links, m.totals.words].map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
