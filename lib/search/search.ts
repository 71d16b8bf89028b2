/**
 * One search over the corpus text and the annotations a viewer may read. Framework-free; the API route
 * and the search page both call `search`.
 *
 * Who finds what:
 * - corpus text: every document in the library (the reader is public); with `seminar` only that
 *   seminar's documents;
 * - notes, replies and link notes: only in seminars the viewer belongs to, filtered with the annotation
 *   store's own visibility rule (`readableWhere`, `canRead` for a reply's thread root), so nobody finds
 *   a note they could not open. Anonymous visitors find corpus text only.
 * The database returns candidate entries; visibility is decided on the annotation rows themselves, never
 * on copies in the index.
 */
import { z } from "zod";
import { canRead, readableWhere, type Viewer } from "@/lib/annotations/access";
import { documentText } from "@/lib/content/text";
import type { SynopseDocument } from "@/lib/content/types";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { STARTER_GLOSSARY, type GlossaryEntry } from "@/lib/links/glossary";
import { parseTerms } from "@/lib/links/glossary-store";
import { documentCatalog } from "@/lib/seminars/catalog";
import type { Role } from "@/lib/seminars";
import { makeSnippet, matchSpans, snippetHtml, type Snippet } from "./highlight";
import { ENTRY_KINDS, ensureCorpusIndexed, type EntryKind } from "./indexer";
import { isEmptyQuery, parseQuery, type Expansion } from "./query";
import { matchEntries, type EntryRow } from "./sql";

export const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;
/** Candidates fetched per source before visibility filtering (enough for a page of results). */
const TEXT_CANDIDATES = 200;
const NOTE_CANDIDATES = 400;
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
const glossaryMemo = new Map<string, GlossaryEntry[]>();

/**
 * The glossary of the viewer's seminars (each seminar keeps its own, starting from the starter set; see
 * lib/links/glossary-store), entries shared by several seminars counted once. Without seminars (signed
 * out, or in none): the starter glossary.
 */
async function glossaryFor(seminarIds: string[]): Promise<GlossaryEntry[]> {
  if (!seminarIds.length) return STARTER_GLOSSARY;
  const rows = await db().glossaryEntry.findMany({ where: { seminarId: { in: seminarIds } }, select: { id: true, terms: true }, orderBy: { id: "asc" } });
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
    if (glossaryMemo.size > 100) glossaryMemo.clear();
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
    TextQuoteSelector: { type: "TextQuoteSelector", exact: dt.text.slice(s, e), prefix: dt.text.slice(Math.max(0, s - CONTEXT), s), suffix: dt.text.slice(e, e + CONTEXT) },
    TextPositionSelector: { type: "TextPositionSelector", start: s, end: e },
  };
}

function dayBound(day: string | undefined, end: boolean): Date | undefined {
  if (!day || !isoDay.safeParse(day).success) return undefined;
  const d = new Date(`${day}T00:00:00.000Z`);
  if (Number.isNaN(d.getTime())) return undefined;
  return end ? new Date(d.getTime() + 86_400_000) : d;
}

/**
 * Search as `viewerId` (null = not signed in). Throws AppError("not-found") only for a `seminar` the
 * viewer does not belong to (like every seminar route); any typed text is answered with results or none.
 */
export async function search(viewerId: string | null, options: SearchOptions): Promise<SearchResponse> {
  const memberships = viewerId
    ? await db().membership.findMany({ where: { userId: viewerId }, select: { seminarId: true, role: true } })
    : [];
  if (options.seminar && !memberships.some((m) => m.seminarId === options.seminar)) throw new AppError("not-found");
  const seminars = options.seminar ? memberships.filter((m) => m.seminarId === options.seminar) : memberships;
  const seminarIds = seminars.map((m) => m.seminarId);

  const query = parseQuery(options.q ?? "", await glossaryFor(seminarIds), options.no ?? []);
  const response: SearchResponse = { query: query.text, truncated: query.truncated, empty: isEmptyQuery(query), expansions: query.expansions, groups: [], total: 0 };
  if (response.empty) return response;

  await ensureCorpusIndexed();
  const catalog = await documentCatalog();
  let slugs: string[] | undefined;
  if (options.seminar) {
    slugs = (await db().seminarDocument.findMany({ where: { seminarId: options.seminar }, select: { slug: true } })).map((d) => d.slug);
  }
  if (options.doc) slugs = slugs ? slugs.filter((s) => s === options.doc) : [options.doc];

  const from = dayBound(options.from, false);
  const to = dayBound(options.to, true);
  // Tags, authors and writing dates belong to annotations: with such a filter, corpus text is left out.
  const annotationOnly = !!(options.tag || options.member || from || to);
  const kinds = options.kinds?.length ? options.kinds : [...ENTRY_KINDS];
  const lang = options.lang && /^[a-z]{2}$/.test(options.lang) ? options.lang : undefined;
  const limit = Math.min(MAX_LIMIT, options.limit ?? DEFAULT_LIMIT);

  const [textRows, noteRows] = await Promise.all([
    kinds.includes("text") && !annotationOnly
      ? matchEntries(query, { scope: { corpus: true }, kinds: ["text"], slugs, lang, limit: TEXT_CANDIDATES })
      : Promise.resolve([] as EntryRow[]),
    seminarIds.length
      ? matchEntries(query, { scope: { seminarIds }, kinds: kinds.filter((k) => k !== "text"), slugs, lang, limit: NOTE_CANDIDATES })
      : Promise.resolve([] as EntryRow[]),
  ]);

  const results: Array<SearchResult & { slug: string }> = [];
  const docs = new Map<string, SynopseDocument | null>();
  const docOf = async (slug: string) => {
    if (!docs.has(slug)) docs.set(slug, await catalog.get(slug));
    return docs.get(slug) ?? null;
  };

  for (const row of textRows) {
    const doc = await docOf(row.documentSlug);
    const block = doc?.blocks.find((b) => b.id === row.blockId);
    if (!doc || !block) continue;
    const spans = matchSpans(block.text, query);
    const first = spans[0] ?? { start: 0, end: Math.min(block.text.length, 80) };
    const selectors = selectorsAt(doc, block.id, first.start, first.end);
    if (!selectors) continue;
    const snippet = makeSnippet(block.text, spans);
    results.push({ slug: row.documentSlug, kind: "text", blockId: block.id, blockStart: first.start, blockEnd: first.end, selectors, snippet, snippetHtml: snippetHtml(snippet), score: row.score });
  }

  if (noteRows.length && viewerId) {
    const roleOf = new Map(seminars.map((m) => [m.seminarId, m.role as Role]));
    const ids = [...new Set(noteRows.map((r) => r.annotationId).filter((x): x is string => !!x))];
    const rows = await db().annotation.findMany({
      where: {
        id: { in: ids },
        OR: seminars.map((m) => ({ seminarId: m.seminarId, ...readableWhere({ userId: viewerId, role: m.role as Role }) })),
        ...(options.member ? { authorId: options.member } : {}),
        ...(from || to ? { createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {}),
        ...(options.tag ? { tags: { some: { tag: options.tag } } } : {}),
      },
      include: { targets: true, tags: true, author: { select: { id: true, name: true } } },
    });
    // A reply is readable only while its thread's root is (a hidden or deleted root hides its replies).
    const rootIds = [...new Set(rows.map((r) => r.rootId).filter((x): x is string => !!x))];
    const roots = rootIds.length ? await db().annotation.findMany({ where: { id: { in: rootIds } }, include: { targets: true } }) : [];
    const rootById = new Map(roots.map((r) => [r.id, r]));
    const byId = new Map<string, (typeof rows)[number]>();
    for (const r of rows) {
      const viewer: Viewer = { userId: viewerId, role: roleOf.get(r.seminarId) ?? "student" };
      if (!canRead(viewer, r)) continue;
      if (r.rootId) {
        const root = rootById.get(r.rootId);
        if (!root || !canRead(viewer, root)) continue;
      }
      byId.set(r.id, r);
    }
    for (const row of noteRows) {
      const a = row.annotationId ? byId.get(row.annotationId) : undefined;
      if (!a) continue;
      const passages = a.targets.length ? a.targets : (rootById.get(a.rootId ?? "")?.targets ?? []);
      const target = passages.find((t) => t.documentSlug === row.documentSlug && t.blockId === row.blockId) ?? passages[0];
      if (!target) continue;
      const text = [a.bodyText, ...a.tags.map((t) => t.tag)].filter(Boolean).join(" · ");
      const snippet = makeSnippet(text, matchSpans(text, query));
      results.push({
        slug: target.documentSlug,
        kind: row.kind,
        blockId: target.blockId,
        blockStart: target.blockStart,
        blockEnd: target.blockEnd,
        annotationId: a.id,
        seminarId: a.seminarId,
        motivation: a.motivation,
        relation: a.relation,
        author: { id: a.author.id, name: a.author.name },
        tags: a.tags.map((t) => t.tag).sort((x, y) => x.localeCompare(y)),
        createdAt: a.createdAt.toISOString(),
        selectors: {
          TextQuoteSelector: { type: "TextQuoteSelector", exact: target.exact, prefix: target.prefix, suffix: target.suffix },
          TextPositionSelector: { type: "TextPositionSelector", start: target.start, end: target.end },
        },
        snippet,
        snippetHtml: snippetHtml(snippet),
        score: row.score,
      });
    }
  }

  // Best results first; documents ordered by their best result.
  results.sort((a, b) => b.score - a.score);
  const kept = results.slice(0, limit);
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
