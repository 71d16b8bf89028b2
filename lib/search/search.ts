/**
 * One search over the corpus text and the annotations a viewer may read. Framework-free; the API route
 * and the search page both call `search`.
 *
 * Who finds what:
 * - document text: every document in the library (the reader is public) and the texts uploaded in the
 *   viewer's seminars; with `seminar` only that seminar's documents;
 * - notes, replies and link notes: only in seminars the viewer belongs to, filtered with the annotation
 *   store's own visibility rule (`canRead`, on the note and on a reply's thread root), so nobody finds
 *   a note they could not open. Anonymous visitors find corpus text only.
 * The database returns candidate entries; visibility is decided on the annotation rows themselves, never
 * on copies in the index.
 */
import { LRUCache } from "lru-cache";
import { z } from "zod";
import { canRead, type Viewer } from "@/lib/annotations/access";
import { postFirstGate, type PostFirstGate } from "@/lib/annotations/post-first";
import { documentText } from "@/lib/content/text";
import type { SynopseDocument } from "@/lib/content/types";
import { AppError } from "@/lib/errors";
import type { GlossaryEntry } from "@/lib/links/glossary";
import { parseTerms } from "@/lib/links/glossary-store";
import { libraryGlossary } from "@/lib/links/library-lists";
import { documentCatalog } from "@/lib/seminars/catalog";
import type { Role } from "@/lib/seminars";
import { analyze, type AnalyzedWord } from "./analyze";
import { makeSnippet, matchSpans, snippetHtml, type Snippet } from "./highlight";
import { ENTRY_KINDS, ensureCorpusIndexed, ensureNotesAnalyzed, ensureUploadsIndexed, type EntryKind } from "./indexer";
import { isEmptyQuery, parseQuery, type Expansion } from "./query";
import {
  annotationsByIds,
  glossaryRows,
  matchEntries,
  membershipsOf,
  seminarSlugs,
  tagsByAnnotation,
  targetsByAnnotation,
  type AnnotationRow,
  type EntryRow,
  type TargetRow,
} from "./sql";

export const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;
/**
 * Note candidates fetched per requested result, before visibility filtering: some of the best-ranked
 * notes may be unreadable for this viewer (private notes of others), so fetch more than shown.
 */
const NOTE_OVERFETCH = 2;
const CONTEXT = 32;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Query-string options; anything malformed is ignored rather than refused (search never errors on input). */
export interface SearchOptions {
  q: string;
  seminar?: string;
  doc?: string;
  lang?: string;
  kinds?: EntryKind[];
  tag?: string;
  member?: string;
  from?: string;
  to?: string;
  /** expansion terms removed by the user */
  no?: string[];
  limit?: number;
}

export interface W3CSelectors {
  TextQuoteSelector: { type: "TextQuoteSelector"; exact: string; prefix: string; suffix: string };
  TextPositionSelector: { type: "TextPositionSelector"; start: number; end: number };
}

export interface SearchResult {
  kind: EntryKind;
  blockId: string;
  /** the passage inside the block (UTF-16 offsets in Block.text), for the reader's deep link */
  blockStart: number;
  blockEnd: number;
  annotationId?: string;
  seminarId?: string;
  motivation?: string;
  relation?: string | null;
  author?: { id: string; name: string };
  tags?: string[];
  createdAt?: string;
  selectors: W3CSelectors;
  snippet: Snippet;
  /** the snippet with <mark> around matches, everything else HTML-escaped */
  snippetHtml: string;
  score: number;
}

export interface SearchGroup {
  slug: string;
  title: string | null;
  lang: string;
  results: SearchResult[];
}

export interface SearchResponse {
  query: string;
  /** the query was longer than we search and was cut */
  truncated: boolean;
  /** nothing searchable was typed */
  empty: boolean;
  expansions: Expansion[];
  groups: SearchGroup[];
  total: number;
}

/** Read search options from a URL's query string (the API and the page share this). */
export function optionsFromParams(params: URLSearchParams): SearchOptions {
  const one = (k: string) => {
    const v = params.get(k);
    return v && v.trim() ? v.trim().slice(0, 200) : undefined;
  };
  const kinds = params
    .getAll("kind")
    .flatMap((k) => k.split(","))
    .filter((k): k is EntryKind => (ENTRY_KINDS as readonly string[]).includes(k));
  const limit = Number(params.get("limit"));
  return {
    q: params.get("q") ?? "",
    seminar: one("seminar"),
    doc: one("doc"),
    lang: one("lang"),
    kinds: kinds.length ? kinds : undefined,
    tag: one("tag"),
    member: one("member"),
    from: one("from"),
    to: one("to"),
    no: params.getAll("no").filter(Boolean).slice(0, 50),
    limit: Number.isFinite(limit) && limit > 0 ? limit : undefined,
  };
}

// Glossaries are compiled once per distinct content (lib/links/glossary caches per array object).
const glossaryMemo = new LRUCache<string, GlossaryEntry[]>({ max: 100 });

/**
 * The glossary of the viewer's seminars (each seminar keeps its own; see lib/links/glossary-store), entries
 * shared by several seminars counted once. Without seminars (signed out, or in none) a visitor searches the
 * library's texts only, so the library's glossary — the data file kept with those texts (lib/links/library-lists,
 * read once per process) — expands the query; where the library has no glossary file, nothing is expanded.
 */
async function glossaryFor(seminarIds: string[]): Promise<GlossaryEntry[]> {
  if (!seminarIds.length) return libraryGlossary();
  const rows = await glossaryRows(seminarIds);
  const byTerms = new Map<string, GlossaryEntry>();
  for (const r of rows) {
    const terms = parseTerms(r.terms);
    const key = JSON.stringify(terms);
    if (terms.de.length + terms.en.length + terms.ru.length > 0 && !byTerms.has(key)) byTerms.set(key, { id: r.id, terms });
  }
  const key = [...byTerms.keys()].join("\n");
  let glossary = glossaryMemo.get(key);
  if (!glossary) {
    glossary = [...byTerms.values()];
    glossaryMemo.set(key, glossary);
  }
  return glossary;
}

function selectorsAt(doc: SynopseDocument, blockId: string, start: number, end: number): W3CSelectors | null {
  const dt = documentText(doc);
  const index = dt.indexById.get(blockId);
  if (index === undefined) return null;
  const s = dt.starts[index] + start;
  const e = dt.starts[index] + end;
  return {
    TextQuoteSelector: {
      type: "TextQuoteSelector",
      exact: dt.text.slice(s, e),
      prefix: dt.text.slice(Math.max(0, s - CONTEXT), s),
      suffix: dt.text.slice(e, e + CONTEXT),
    },
    TextPositionSelector: { type: "TextPositionSelector", start: s, end: e },
  };
}

function dayBound(day: string | undefined, end: boolean): Date | undefined {
  if (!day || !isoDay.safeParse(day).success) return undefined;
  const d = new Date(`${day}T00:00:00.000Z`);
  if (Number.isNaN(d.getTime())) return undefined;
  return end ? new Date(d.getTime() + 86_400_000) : d;
}

interface NoteRow {
  id: string;
  seminarId: string;
  motivation: string;
  relation: string | null;
  bodyText: string;
  tags: string[];
  author: { id: string; name: string };
  createdAt: Date;
  /** its own passages, or (a reply) its thread root's */
  passages: TargetRow[];
}

/**
 * The candidate notes this viewer may read, by the annotation store's own rule (`canRead`, the same rule
 * `readableWhere` expresses for the database) with the viewer's role in the note's seminar, only in the
 * viewer's seminars, and — for a reply — also on its thread's root (a hidden or deleted root hides its
 * replies); then the filters. Returns the readable rows by id.
 *
 * Why in code rather than `readableWhere` in SQL: rows are fetched by primary key; with the seminar and
 * audience conditions in the same WHERE, SQLite (no ANALYZE statistics) prefers the seminar index and
 * scans a whole seminar's notes — 100 ms for 10,000 notes instead of 1 ms.
 */
async function readableNotes(
  viewerId: string,
  seminars: Array<{ seminarId: string; role: string }>,
  rows: EntryRow[],
  filter: { member?: string; tag?: string; from?: Date; to?: Date },
): Promise<Map<string, AnnotationRow>> {
  const roleOf = new Map(seminars.map((m) => [m.seminarId, m.role as Role]));
  const ids = [...new Set(rows.map((r) => r.annotationId).filter((x): x is string => !!x))];
  const found = await annotationsByIds(ids);
  const rootIds = [...new Set(found.map((r) => r.rootId).filter((x): x is string => !!x))];
  // Sequential on purpose: SQLite runs queries one at a time anyway, and a pg client must not get
  // concurrent queries (node-postgres deprecates it).
  const roots = await annotationsByIds(rootIds);
  const tags = filter.tag ? await tagsByAnnotation(ids) : null;
  const rootById = new Map(roots.map((r) => [r.id, r]));
  const wantedTag = filter.tag?.toLowerCase();
  // "Post first": a student who has not yet written enough notes on a document finds no classmates' notes
  // on it here either — the same gate as the annotation list and the live stream.
  const gates = new Map<string, PostFirstGate | null>();
  for (const seminarId of new Set(found.map((r) => r.seminarId))) {
    const role = roleOf.get(seminarId);
    if (role) gates.set(seminarId, await postFirstGate({ userId: viewerId, role }, seminarId));
  }
  const slugsOf = new Map<string, string[]>();
  for (const e of rows) if (e.annotationId) slugsOf.set(e.annotationId, [...(slugsOf.get(e.annotationId) ?? []), e.documentSlug]);
  const out = new Map<string, AnnotationRow>();
  for (const r of found) {
    const role = roleOf.get(r.seminarId);
    if (!role) continue;
    const viewer: Viewer = { userId: viewerId, role };
    if (!canRead(viewer, r)) continue;
    if (gates.get(r.seminarId)?.hides(r.authorId, slugsOf.get(r.id) ?? [])) continue;
    if (r.rootId) {
      const root = rootById.get(r.rootId);
      if (!root || !canRead(viewer, root)) continue;
    }
    if (filter.member && r.authorId !== filter.member) continue;
    if (filter.from && r.createdAt < filter.from) continue;
    if (filter.to && r.createdAt >= filter.to) continue;
    if (wantedTag && !tags?.get(r.id)?.some((t) => t.toLowerCase() === wantedTag)) continue;
    out.set(r.id, r);
  }
  return out;
}

/** Tags and passages of the notes shown. */
async function loadNotes(rows: AnnotationRow[]): Promise<Map<string, NoteRow>> {
  if (!rows.length) return new Map();
  const ids = rows.map((r) => r.id);
  const rootIds = rows.flatMap((r) => (r.rootId ? [r.rootId] : []));
  const tags = await tagsByAnnotation(ids);
  const passages = await targetsByAnnotation([...new Set([...ids, ...rootIds])]);
  const out = new Map<string, NoteRow>();
  for (const r of rows) {
    out.set(r.id, {
      id: r.id,
      seminarId: r.seminarId,
      motivation: r.motivation,
      relation: r.relation,
      bodyText: r.bodyText,
      tags: (tags.get(r.id) ?? []).sort((x, y) => x.localeCompare(y)),
      author: { id: r.authorId, name: r.authorName },
      createdAt: r.createdAt,
      passages: passages.get(r.id) ?? (r.rootId ? (passages.get(r.rootId) ?? []) : []),
    });
  }
  return out;
}

// The corpus changes only with a rebuild: analyze each block once (highlighting needs it), keeping the most
// recently highlighted blocks by bytes: a word is an object of six fields whose strings analyzeWord shares.
const blockWordsCache = new LRUCache<string, AnalyzedWord[]>({ maxSize: 16_000_000, sizeCalculation: (words, key) => 32 + 2 * key.length + 80 * words.length });
function blockWords(doc: SynopseDocument, blockId: string, text: string): AnalyzedWord[] {
  const key = `${doc.meta.slug}@${doc.version}#${blockId}`;
  let words = blockWordsCache.get(key);
  if (!words) {
    words = analyze(text);
    blockWordsCache.set(key, words);
  }
  return words;
}

/**
 * Search as `viewerId` (null = not signed in). Throws AppError("not-found") only for a `seminar` the
 * viewer does not belong to (like every seminar route); any typed text is answered with results or none.
 */
export async function search(viewerId: string | null, options: SearchOptions): Promise<SearchResponse> {
  const memberships = viewerId ? await membershipsOf(viewerId) : [];
  if (options.seminar && !memberships.some((m) => m.seminarId === options.seminar)) throw new AppError("not-found");
  const seminars = options.seminar ? memberships.filter((m) => m.seminarId === options.seminar) : memberships;
  const seminarIds = seminars.map((m) => m.seminarId);

  const query = parseQuery(options.q ?? "", await glossaryFor(seminarIds), options.no ?? []);
  const response: SearchResponse = {
    query: query.text,
    truncated: query.truncated,
    empty: isEmptyQuery(query),
    expansions: query.expansions,
    groups: [],
    total: 0,
  };
  if (response.empty) return response;

  await ensureCorpusIndexed();
  await ensureNotesAnalyzed();
  await ensureUploadsIndexed(seminarIds);
  const catalog = await documentCatalog();
  let slugs: string[] | undefined;
  if (options.seminar) {
    slugs = await seminarSlugs(options.seminar);
  }
  if (options.doc) slugs = slugs ? slugs.filter((s) => s === options.doc) : [options.doc];

  const from = dayBound(options.from, false);
  const to = dayBound(options.to, true);
  // Tags, authors and writing dates belong to annotations: with such a filter, corpus text is left out.
  const annotationOnly = !!(options.tag || options.member || from || to);
  const kinds = options.kinds?.length ? options.kinds : [...ENTRY_KINDS];
  const lang = options.lang && /^[a-z]{2}$/.test(options.lang) ? options.lang : undefined;
  const limit = Math.min(MAX_LIMIT, options.limit ?? DEFAULT_LIMIT);

  const textRows =
    kinds.includes("text") && !annotationOnly
      ? await matchEntries(query, { scope: { corpus: true, textSeminarIds: seminarIds }, kinds: ["text"], slugs, lang, limit })
      : [];
  const noteRows = seminarIds.length
    ? await matchEntries(query, { scope: { seminarIds }, kinds: kinds.filter((k) => k !== "text"), slugs, lang, limit: limit * NOTE_OVERFETCH })
    : [];

  const docs = new Map<string, SynopseDocument | null>();
  const docOf = async (slug: string) => {
    if (!docs.has(slug)) docs.set(slug, await catalog.get(slug));
    return docs.get(slug) ?? null;
  };

  // 1. Candidates the viewer may see, best first, cut to the limit; 2. text and snippets only for those.
  let ranked: EntryRow[] = textRows;
  let readable = new Map<string, AnnotationRow>();
  if (noteRows.length && viewerId) {
    readable = await readableNotes(viewerId, seminars, noteRows, { member: options.member, tag: options.tag, from, to });
    ranked = [...textRows, ...noteRows.filter((r) => r.annotationId && readable.has(r.annotationId))];
  }
  ranked.sort((a, b) => b.score - a.score || a.id - b.id);
  ranked = ranked.slice(0, limit);
  const shown = [...new Set(ranked.flatMap((r) => (r.annotationId ? [r.annotationId] : [])))].map((id) => readable.get(id)!);
  const notes = await loadNotes(shown);
  const candidates = ranked.map((row) => ({ row, note: row.annotationId ? notes.get(row.annotationId) : undefined }));

  const results: Array<SearchResult & { slug: string }> = [];
  for (const { row, note } of candidates) {
    if (row.kind === "text") {
      const doc = await docOf(row.documentSlug);
      const block = doc?.blocks.find((b) => b.id === row.blockId);
      if (!doc || !block) continue;
      const spans = matchSpans(block.text, query, blockWords(doc, block.id, block.text));
      const first = spans[0] ?? { start: 0, end: Math.min(block.text.length, 80) };
      const selectors = selectorsAt(doc, block.id, first.start, first.end);
      if (!selectors) continue;
      const snippet = makeSnippet(block.text, spans);
      results.push({
        slug: row.documentSlug,
        kind: "text",
        blockId: block.id,
        blockStart: first.start,
        blockEnd: first.end,
        selectors,
        snippet,
        snippetHtml: snippetHtml(snippet),
        score: row.score,
      });
      continue;
    }
    if (!note) continue;
    const target = note.passages.find((t) => t.documentSlug === row.documentSlug && t.blockId === row.blockId) ?? note.passages[0];
    if (!target) continue;
    const text = [note.bodyText, ...note.tags].filter(Boolean).join(" · ");
    const snippet = makeSnippet(text, matchSpans(text, query));
    results.push({
      slug: target.documentSlug,
      kind: row.kind,
      blockId: target.blockId,
      blockStart: target.blockStart,
      blockEnd: target.blockEnd,
      annotationId: note.id,
      seminarId: note.seminarId,
      motivation: note.motivation,
      relation: note.relation,
      author: note.author,
      tags: note.tags,
      createdAt: note.createdAt.toISOString(),
      selectors: {
        TextQuoteSelector: { type: "TextQuoteSelector", exact: target.exact, prefix: target.prefix, suffix: target.suffix },
        TextPositionSelector: { type: "TextPositionSelector", start: target.start, end: target.end },
      },
      snippet,
      snippetHtml: snippetHtml(snippet),
      score: row.score,
    });
  }

  // Documents ordered by their best result; inside a document, best first.
  const kept = results;
  const groups = new Map<string, SearchGroup>();
  for (const { slug, ...r } of kept) {
    let g = groups.get(slug);
    if (!g) {
      const doc = await docOf(slug);
      g = { slug, title: doc?.meta.title ?? null, lang: doc?.meta.lang ?? "", results: [] };
      groups.set(slug, g);
    }
    g.results.push(r);
  }
  response.groups = [...groups.values()];
  response.total = kept.length;
  return response;
}
