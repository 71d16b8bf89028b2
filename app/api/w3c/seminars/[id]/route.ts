import { importW3C } from "@/lib/annotations/w3c-import";
import { listAnnotations } from "@/lib/annotations/store";
import { collectionPage, serialize, toCollection } from "@/lib/annotations/w3c";
import { handle, readJson, requireUser } from "@/lib/http/respond";
import { annotationEtag, annotationHeaders, annotationIriFor, containerHeaders, containerIri, containerPageSize, containerPreference, slashForm } from "@/lib/http/w3c";
import { latestEventId } from "@/lib/live/stream";
import { getSeminar } from "@/lib/seminars";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/**
 * The seminar as a W3C Web Annotation Protocol container at `/api/w3c/seminars/<id>/` (the IRI ends in
 * "/"; the old slashless form answers 308 to it): every annotation the caller may see, paged (`?page=N`),
 * `?document=slug` to narrow. Session cookie or `Authorization: Bearer <personal token>`.
 * Prefer (RFC 7240) chooses items as IRIs or descriptions, or a minimal container; a page's IRI keeps
 * the IRIs choice (`iris=1`), since a page is fetched without the Prefer header.
 */
export const GET = handle(async (request: Request, ctx: Ctx) => {
  const moved = slashForm(request, true);
  if (moved) return moved;
  const user = await requireUser(request);
  const { id } = await ctx.params;
  const seminar = await getSeminar(user.id, id);
  const url = new URL(request.url);
  const document = url.searchParams.get("document") ?? undefined;
  const [annotations, lastEvent] = [await listAnnotations(user.id, id, { document }), await latestEventId(id)];
  const pref = containerPreference(request);
  const pageParam = url.searchParams.get("page");
  const page = pageParam !== null && /^\d+$/.test(pageParam) ? Number(pageParam) : null;
  const iris = page !== null ? url.searchParams.get("iris") === "1" : pref.iris;
  // Changes with every event in the seminar, with what this caller sees, and with the representation.
  const etag = `W/"${lastEvent}-${annotations.length}-${page ?? (pref.minimal ? "m" : "c")}${iris ? "i" : "d"}"`;
  const base = containerIri(request, id) + (document ? `?document=${encodeURIComponent(document)}` : "");
  const options = {
    id: base,
    pagesId: iris ? `${base}${base.includes("?") ? "&" : "?"}iris=1` : base,
    label: seminar.title,
    pageSize: containerPageSize(),
    container: true,
    itemsAsIris: iris,
    minimal: pref.minimal,
    annotationIri: annotationIriFor(request, id),
  };
  const body = page !== null ? collectionPage(annotations, page, options) : toCollection(annotations, options);
  const headers = containerHeaders({ etag, contentLocation: body.id as string, preferenceApplied: page === null && pref.applied });
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(JSON.stringify(body), { headers });
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
  const { id } = await ctx.params;
  const created = await importW3C(user.id, id, await readJson(request));
  const iri = annotationIriFor(request, id);
  const etag = annotationEtag(created);
  return new Response(JSON.stringify(serialize(created, { annotationIri: iri })), {
    status: 201,
    headers: { ...annotationHeaders(etag), Location: iri(created.id) },
  });
});
