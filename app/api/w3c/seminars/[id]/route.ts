import { importW3C } from "@/lib/annotations/w3c-import";
import { createHash } from "node:crypto";
import { countAnnotations, pageAnnotations, pageAnnotationsBefore, pageLimit } from "@/lib/annotations/list";
import { collectionPage, serialize, toCollection } from "@/lib/annotations/w3c";
import { handle, readJson, requireUser } from "@/lib/http/respond";
import { BODY_LIMITS } from "@/lib/http/body";
import {
  annotationEtag,
  annotationHeaders,
  annotationIriFor,
  containerHeaders,
  containerIri,
  containerPageSize,
  containerPreference,
  slashForm,
} from "@/lib/http/w3c";
import { latestEventId } from "@/lib/live/stream";
import { getSeminar } from "@/lib/seminars";
import { limitNoteWrites } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** `?page=` values besides a cursor: the first page, the last, and the page ending at a cursor (`upto.<cursor>`). */
const FIRST = "0";
const LAST = "last";
const UPTO = "upto.";

/**
 * The seminar as a W3C Web Annotation Protocol container: the annotations the caller may see, a keyset page
 * at a time (lib/annotations/list), so no request reads more than a page however big the seminar. Pages
 * are named by where they stand — `?page=0` the first, `?page=<cursor>` the one after a cursor,
 * `?page=upto.<cursor>` the one ending there, `?page=last` the last — and link `next` and `prev`; the
 * container links `first` and `last`. `?limit=` (up to 500), `?document=slug` and the PreferContainedIRIs
 * choice (`iris=1`) are kept in page IRIs. Session cookie or `Authorization: Bearer <personal token>`.
 */
export const GET = handle(async (request: Request, ctx: Ctx) => {
  const moved = slashForm(request, true);
  if (moved) return moved;
  const user = await requireUser(request);
  const { id } = await ctx.params;
  const seminar = await getSeminar(user.id, id);
  const url = new URL(request.url);
  const document = url.searchParams.get("document") ?? undefined;
  const documents = document !== undefined ? [document] : undefined;
  const pageParam = url.searchParams.get("page");
  const limitParam = url.searchParams.get("limit");
  const limit = limitParam === null ? containerPageSize() : pageLimit(limitParam);
  const pref = containerPreference(request);
  const iris = pref.iris || url.searchParams.get("iris") === "1";
  const lastEvent = await latestEventId(id);
  const page =
    pageParam === LAST || pageParam?.startsWith(UPTO)
      ? await pageAnnotationsBefore(user.id, id, { documents, limit, upto: pageParam === LAST ? null : pageParam.slice(UPTO.length) })
      : await pageAnnotations(user.id, id, { documents, limit, after: pageParam === null || pageParam === FIRST ? null : pageParam });
  // Changes with every event in the seminar, with the page, its representation and what this caller sees on it.
  const shape = `${pageParam ?? ""}|${limit}|${iris}|${pref.minimal}|${page.annotations.map((a) => a.id).join(",")}`;
  const etag = `W/"${lastEvent}-${page.annotations.length}-${createHash("sha1").update(shape).digest("base64url").slice(0, 16)}"`;
  const headers = (contentLocation?: string) => containerHeaders({ etag, contentLocation, preferenceApplied: pref.applied });
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers: headers() });

  const container = containerIri(request, id);
  const inQuery = (params: Array<string | false>) => (params.some(Boolean) ? `?${params.filter(Boolean).join("&")}` : "");
  const narrowed = document !== undefined && `document=${encodeURIComponent(document)}`;
  const base = container + inQuery([narrowed]);
  const pagesBase = container + inQuery([narrowed, iris && "iris=1", limitParam !== null && `limit=${limit}`]);
  const pageIri = (p: string) => `${pagesBase}${pagesBase.includes("?") ? "&" : "?"}page=${encodeURIComponent(p)}`;
  const firstPage = pageParam === null || pageParam === FIRST;
  // On the first page `total` costs nothing when it is the only page; else one count, up to ten pages' worth
  // (lib/annotations/list COUNT_LIMIT). Past that it is left out, as the Protocol allows: an exact total would
  // read every note of a big seminar on every request.
  const total = firstPage && page.next === null ? page.annotations.length : await countAnnotations(user.id, id, { documents });
  const options = { id: base, label: seminar.title, container: true, itemsAsIris: iris, annotationIri: annotationIriFor(request, id), total };
  const links = {
    id: pageIri(pageParam ?? FIRST),
    next: page.next ? pageIri(page.next) : null,
    prev: page.prev ? pageIri(UPTO + page.prev) : null,
  };
  const body =
    pageParam !== null
      ? collectionPage(page.annotations, links, options)
      : toCollection(page.annotations, { first: links, last: page.next === null ? links.id : pageIri(LAST), minimal: pref.minimal }, options);
  return new Response(JSON.stringify(body), { headers: headers(body.id as string) });
});

export const HEAD = async (request: Request, ctx: Ctx) => {
  const res = await GET(request, ctx);
  return new Response(null, { status: res.status, headers: res.headers });
};

/** What the container allows (Allow, Accept-Post), for anyone: it names methods, not annotations. */
export function OPTIONS(request: Request): Response {
  return slashForm(request, true) ?? new Response(null, { status: 200, headers: containerHeaders() });
}

/** Create an annotation from W3C JSON-LD; 201 with Location and ETag. */
export const POST = handle(async (request: Request, ctx: Ctx) => {
  const moved = slashForm(request, true);
  if (moved) return moved;
  const user = await requireUser(request);
  limitNoteWrites(user.id);
  const { id } = await ctx.params;
  const created = await importW3C(user.id, id, await readJson(request, BODY_LIMITS.note));
  const iri = annotationIriFor(request, id);
  const etag = annotationEtag(created);
  return new Response(JSON.stringify(serialize(created, { annotationIri: iri })), {
    status: 201,
    headers: { ...annotationHeaders(etag), Location: iri(created.id) },
  });
});
