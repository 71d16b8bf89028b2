/**
 * Links as people look at them: the seminar's links (annotations with motivation "linking") with both ends
 * anchored in the current texts — for the reader's markers and connectors and for the seminar's links
 * overview, grouped by document pair and filtered by relation, member and tag. Visibility is the annotation
 * store's (lib/annotations/list): a member sees exactly the links they may read, a page at a time. Framework-free.
 */
import { readableWhere } from "@/lib/annotations/access";
import { pageAnnotations } from "@/lib/annotations/list";
import { db } from "@/lib/db/client";
import { requireMember } from "@/lib/seminars";
import { RELATIONS, selectorsOf, type AnnotationDto, type Relation, type TargetDto } from "@/lib/annotations/types";
import { anchorMany } from "@/lib/anchoring";
import type { SynopseDocument } from "@/lib/content/types";
import { formatLayout, type PassageTarget } from "@/lib/reader/layout";
import { linkFields } from "./link-fields";
import { documentCatalog } from "@/lib/seminars/catalog";

export type EndAnchor =
  | {
      status: "anchored";
      blockId: string;
      blockStart: number;
      blockEnd: number;
      start: number;
      end: number;
      /** blockEnd cut at the end of the first block (a passage may run on into later blocks) */
      firstBlockEnd: number;
    }
  | { status: "orphan" };

export interface LinkEnd {
  role: "target" | "body";
  slug: string;
  lang: string;
  /** The passage as quoted when the link was made. */
  exact: string;
  /** Where the passage is in the document's current text, or orphan (its text is gone). */
  anchor: EndAnchor;
}

export interface LinkView {
  id: string;
  relation: Relation | null;
  author: { id: string; name: string };
  visibility: AnnotationDto["visibility"];
  tags: string[];
  bodyHtml: string;
  bodyText: string;
  hidden: boolean;
  revision: number;
  createdAt: string;
  replies: number;
  /** The replies the member may read, oldest first (a link is a thread like a note). */
  thread: Array<{ id: string; author: { id: string; name: string }; bodyHtml: string; createdAt: string }>;
  /** [passage A (target), passage B (body)] */
  ends: [LinkEnd, LinkEnd];
}

/** Anchor every end of the given links in its document (one anchoring pass per document). */
export async function anchorEnds(links: AnnotationDto[]): Promise<Map<string, EndAnchor>> {
  const bySlug = new Map<string, Array<{ key: string; t: TargetDto }>>();
  for (const a of links) {
    for (const t of a.targets) bySlug.set(t.documentSlug, [...(bySlug.get(t.documentSlug) ?? []), { key: `${a.id}:${t.role}`, t }]);
  }
  const out = new Map<string, EndAnchor>();
  const catalog = await documentCatalog();
  for (const [slug, ends] of bySlug) {
    const doc: SynopseDocument | null = await catalog.get(slug);
    if (!doc) {
      for (const e of ends) out.set(e.key, { status: "orphan" });
      continue;
    }
    const results = anchorMany(
      doc,
      ends.map((e) => selectorsOf(e.t)),
    );
    ends.forEach((e, i) => {
      const r = results[i];
      if (r.status !== "anchored") return void out.set(e.key, { status: "orphan" });
      const length = doc.blocks.find((b) => b.id === r.blockId)?.text.length ?? r.blockEnd;
      out.set(e.key, {
        status: "anchored",
        blockId: r.blockId,
        blockStart: r.blockStart,
        blockEnd: r.blockEnd,
        start: r.start,
        end: r.end,
        firstBlockEnd: Math.min(r.blockEnd, length),
      });
    });
  }
  return out;
}

export interface LinkPageOptions {
  /** The previous page's `next`. */
  after?: string | null;
  /** Links and their replies per page (lib/annotations/list's bounds). */
  limit?: number;
  relation?: string;
  /** author's user id */
  member?: string;
  /** Any of these tags, exactly as stored. */
  tags?: readonly string[];
}

/** A page of the links the member may see in a seminar, both ends anchored, oldest first. */
export async function listLinks(userId: string, seminarId: string, options: LinkPageOptions = {}): Promise<{ links: LinkView[]; next: string | null }> {
  const page = await pageAnnotations(userId, seminarId, {
    motivation: "linking",
    after: options.after,
    limit: options.limit,
    relation: options.relation,
    authorId: options.member,
    tags: options.tags,
  });
  const all = page.annotations;
  const links = all.filter((a) => a.motivation === "linking" && a.parentId === null && a.targets.length === 2);
  const replies = new Map<string, AnnotationDto[]>();
  for (const a of all) if (a.rootId) replies.set(a.rootId, [...(replies.get(a.rootId) ?? []), a]);
  const anchors = await anchorEnds(links);
  return {
    next: page.next,
    links: links.map((a) => {
      const end = (role: "target" | "body"): LinkEnd => {
        const t = a.targets.find((x) => x.role === role)!;
        return { role, slug: t.documentSlug, lang: t.lang, exact: t.exact, anchor: anchors.get(`${a.id}:${role}`) ?? { status: "orphan" } };
      };
      return {
        id: a.id,
        ...linkFields(a),
        replies: replies.get(a.id)?.length ?? 0,
        thread: (replies.get(a.id) ?? [])
          .sort((x, y) => x.createdAt.localeCompare(y.createdAt))
          .map((r) => ({ id: r.id, author: r.author, bodyHtml: r.bodyHtml, createdAt: r.createdAt })),
        ends: [end("target"), end("body")],
      };
    }),
  };
}

export interface OverviewFilters {
  relation?: string;
  /** author's user id */
  member?: string;
  tag?: string;
}

export interface DocumentPair {
  /** Slugs in alphabetical order: a link from A to B and one from B to A share a pair. */
  slugs: [string, string];
  links: Array<LinkView & { /** the ends in the pair's order */ ordered: [LinkEnd, LinkEnd] }>;
}

export interface LinksOverview {
  pairs: DocumentPair[];
  total: number;
  /** The next page of links (the overview shows a page at a time); null on the last. */
  next?: string | null;
  /** everything the filters can offer, from all links the member sees (not only the filtered ones) */
  choices: { relations: readonly Relation[]; members: Array<{ id: string; name: string }>; tags: string[] };
}

/** Group links by their (unordered) document pair, pairs by name, links in each by position in the first document. */
export function groupByPair(links: LinkView[], filters: OverviewFilters = {}): LinksOverview {
  const members = new Map<string, string>();
  const tags = new Set<string>();
  for (const l of links) {
    members.set(l.author.id, l.author.name);
    for (const t of l.tags) tags.add(t);
  }
  const tagKey = filters.tag?.toLowerCase();
  const shown = links.filter(
    (l) =>
      (!filters.relation || l.relation === filters.relation) &&
      (!filters.member || l.author.id === filters.member) &&
      (!tagKey || l.tags.some((t) => t.toLowerCase() === tagKey)),
  );
  const pairs = new Map<string, DocumentPair>();
  for (const l of shown) {
    const [a, b] = l.ends;
    const ordered: [LinkEnd, LinkEnd] = a.slug <= b.slug ? [a, b] : [b, a];
    const key = `${ordered[0].slug}|${ordered[1].slug}`;
    const pair = pairs.get(key) ?? { slugs: [ordered[0].slug, ordered[1].slug], links: [] };
    pair.links.push({ ...l, ordered });
    pairs.set(key, pair);
  }
  const position = (e: LinkEnd) => (e.anchor.status === "anchored" ? e.anchor.start : Number.MAX_SAFE_INTEGER);
  const sorted = [...pairs.values()].sort((x, y) => x.slugs.join("|").localeCompare(y.slugs.join("|")));
  for (const p of sorted) p.links.sort((x, y) => position(x.ordered[0]) - position(y.ordered[0]) || x.createdAt.localeCompare(y.createdAt));
  return {
    pairs: sorted,
    total: shown.length,
    choices: {
      relations: RELATIONS,
      members: [...members].map(([id, name]) => ({ id, name })).sort((x, y) => x.name.localeCompare(y.name)),
      tags: [...tags].sort((x, y) => x.localeCompare(y)),
    },
  };
}

/** Links per page of the overview: each is anchored at both ends, so a page stays small. */
export const LINKS_PAGE_SIZE = 100;

/**
 * A page of the overview: the filters are applied by the database, `total` counts every link matching
 * them (not only this page), and the choices come from all links the member may read — each a bounded
 * aggregate (joins, no list of ids).
 */
export async function linksOverview(userId: string, seminarId: string, filters: OverviewFilters = {}, after: string | null = null): Promise<LinksOverview> {
  const role = await requireMember(userId, seminarId);
  const readableLinks = { seminarId, parentId: null, motivation: "linking", ...readableWhere({ userId, role }) };
  const [authors, tags] = await Promise.all([
    // Who wrote links: one grouped scan of the seminar's links, then their names (EXISTS per user had no index to use).
    db()
      .annotation.groupBy({ by: ["authorId"], where: readableLinks, take: 500, orderBy: { authorId: "asc" } })
      .then((groups) => db().user.findMany({ where: { id: { in: groups.map((g) => g.authorId) } }, select: { id: true, name: true } })),
    db().annotationTag.findMany({ where: { annotation: readableLinks }, distinct: ["tag"], select: { tag: true }, orderBy: { tag: "asc" }, take: 500 }),
  ]);
  // The tag filter ignores case: the stored spellings it stands for.
  const tagKey = filters.tag?.toLowerCase();
  const spellings = tagKey ? tags.map((t) => t.tag).filter((t) => t.toLowerCase() === tagKey) : undefined;
  const { links, next } = await listLinks(userId, seminarId, {
    relation: filters.relation,
    member: filters.member,
    tags: spellings,
    after,
    limit: LINKS_PAGE_SIZE,
  });
  const overview = groupByPair(links, filters);
  const total = await db().annotation.count({
    where: {
      ...readableLinks,
      ...(filters.relation ? { relation: filters.relation } : {}),
      ...(filters.member ? { authorId: filters.member } : {}),
      ...(spellings ? { tags: { some: { tag: { in: spellings } } } } : {}),
    },
  });
  return {
    ...overview,
    total,
    next,
    choices: {
      relations: overview.choices.relations,
      members: authors.sort((x, y) => x.name.localeCompare(y.name)),
      tags: tags.map((t) => t.tag).sort((x, y) => x.localeCompare(y)),
    },
  };
}

/**
 * The reader address (query string) that opens both ends side by side, each at its passage
 * (lib/reader/layout's b/r and b2/r2). An orphaned end opens its document without a passage.
 */
export function bothPassagesQuery(ends: [LinkEnd, LinkEnd]): string {
  const at = (e: LinkEnd, pane: number): PassageTarget | undefined =>
    e.anchor.status === "anchored"
      ? { pane, blockId: e.anchor.blockId, blockStart: e.anchor.blockStart, blockEnd: Math.max(e.anchor.blockStart + 1, e.anchor.firstBlockEnd) }
      : undefined;
  return formatLayout({ slugs: [ends[0].slug, ends[1].slug], sync: false, target: at(ends[0], 0), peer: at(ends[1], 1) });
}
