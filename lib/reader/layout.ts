/**
 * The reader's layout lives in the URL so that any view can be shared and reloaded:
 *
 *   /en/read?p=letters,diary,report      one to three documents, one per pane, left to right
 *           &sync=1                      synchronized scrolling on (absent = off)
 *           &b=2.p12                     deep link: block `p12` in pane 2 ("b=p12" = pane 1)
 *           &r=10-42                     optional character range inside that block (UTF-16 offsets,
 *                                        end exclusive, as in Block.text)
 *           &b2=1.post3&r2=0-80          a second passage, same syntax: the other end of a link, so that
 *                                        "open both passages" shows each in its pane
 *
 * Slugs and block ids are plain [a-z0-9-] words, so commas and dots need no escaping and the address
 * stays short. Framework-free: used by the reader page (server), the reader (client) and the tests.
 */

export const MAX_PANES = 3;

export interface PassageTarget {
  /** 0-based pane index. */
  pane: number;
  blockId: string;
  /** Character range within the block's text (as Passage); absent = the whole block. */
  blockStart?: number;
  blockEnd?: number;
}

export interface ReaderLayout {
  slugs: string[];
  sync: boolean;
  target?: PassageTarget;
  /** A second passage (b2/r2), usually in another pane: the other end of a link. */
  peer?: PassageTarget;
}

export type LayoutProblem =
  | { kind: "no-documents" }
  | { kind: "too-many"; count: number }
  | { kind: "bad-slug"; value: string }
  | { kind: "bad-block"; value: string }
  | { kind: "bad-range"; value: string };

export type ParsedLayout = { ok: true; layout: ReaderLayout } | { ok: false; problem: LayoutProblem };

const WORD = /^[a-z0-9][a-z0-9_-]*$/i;
const TARGET = /^(?:([1-9])\.)?([a-z0-9][a-z0-9_-]*)$/i;
const RANGE = /^(\d{1,7})-(\d{1,7})$/;

/** Anything with URLSearchParams' `get`/`getAll` (also Next's ReadonlyURLSearchParams). */
export interface QueryLike {
  get(name: string): string | null;
  getAll(name: string): string[];
}

/** Next hands pages searchParams as a record; turn it into something with get/getAll. */
export function queryFromRecord(record: Record<string, string | string[] | undefined>): URLSearchParams {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) q.append(key, v);
  }
  return q;
}

/**
 * The library's plain HTML form submits one `d` per ticked checkbox; the reader redirects such
 * requests to the canonical `p=a,b` form. Returns null when there is no `d` parameter.
 */
export function slugsFromLibraryForm(query: QueryLike): string[] | null {
  const picked = query.getAll("d").filter((s) => s.length > 0);
  return query.getAll("d").length > 0 ? picked : null;
}

export function parseLayout(query: QueryLike): ParsedLayout {
  const raw = query.get("p") ?? "";
  const slugs = raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (slugs.length === 0) return { ok: false, problem: { kind: "no-documents" } };
  if (slugs.length > MAX_PANES) return { ok: false, problem: { kind: "too-many", count: slugs.length } };
  const badSlug = slugs.find((s) => !WORD.test(s));
  if (badSlug !== undefined) return { ok: false, problem: { kind: "bad-slug", value: badSlug } };

  const sync = query.get("sync") === "1";
  const layout: ReaderLayout = { slugs, sync };

  for (const [blockParam, rangeParam, key] of [
    ["b", "r", "target"],
    ["b2", "r2", "peer"],
  ] as const) {
    const parsed = parseTarget(query.get(blockParam), query.get(rangeParam), slugs.length);
    if (parsed && "kind" in parsed) return { ok: false, problem: parsed };
    if (parsed) layout[key] = parsed;
  }
  return { ok: true, layout };
}

/** One passage from its block (`2.p12`) and range (`10-42`) parameters; null when there is none. */
function parseTarget(b: string | null, r: string | null, panes: number): PassageTarget | LayoutProblem | null {
  if (b === null || b === "") return null;
  const m = TARGET.exec(b);
  if (!m) return { kind: "bad-block", value: b };
  const pane = m[1] ? Number(m[1]) - 1 : 0;
  if (pane >= panes) return { kind: "bad-block", value: b };
  const target: PassageTarget = { pane, blockId: m[2] };
  if (r !== null && r !== "") {
    const rm = RANGE.exec(r);
    if (!rm || Number(rm[1]) >= Number(rm[2])) return { kind: "bad-range", value: r };
    target.blockStart = Number(rm[1]);
    target.blockEnd = Number(rm[2]);
  }
  return target;
}

function formatTarget(t: PassageTarget, blockParam: string, rangeParam: string): string[] {
  const parts = [`${blockParam}=${t.pane > 0 ? `${t.pane + 1}.` : ""}${encodeURIComponent(t.blockId)}`];
  if (t.blockStart !== undefined && t.blockEnd !== undefined && t.blockEnd > t.blockStart) parts.push(`${rangeParam}=${t.blockStart}-${t.blockEnd}`);
  return parts;
}

/** The query string (without "?") for a layout; the inverse of parseLayout. */
export function formatLayout(layout: ReaderLayout): string {
  const parts = [`p=${layout.slugs.map(encodeURIComponent).join(",")}`];
  if (layout.sync) parts.push("sync=1");
  if (layout.target) parts.push(...formatTarget(layout.target, "b", "r"));
  if (layout.peer) parts.push(...formatTarget(layout.peer, "b2", "r2"));
  return parts.join("&");
}

/** Path + query of the reader for a layout, under a locale: "/en/read?p=a,b&sync=1". */
export function readerHref(locale: string, layout: ReaderLayout): string {
  return `/${locale}/read?${formatLayout(layout)}`;
}
