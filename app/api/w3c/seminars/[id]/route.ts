import { importW3C } from "@/lib/annotations/w3c-import";
import { listAnnotations } from "@/lib/annotations/store";
import { collectionPage, serialize, toCollection } from "@/lib/annotations/w3c";
import { handle, readJson, requireUser } from "@/lib/http/respond";
import { BODY_LIMITS } from "@/lib/http/body";
import { annotationEtag, annotationHeaders, annotationIriFor, containerHeaders, containerIri, containerPreference } from "@/lib/http/w3c";
import { latestEventId } from "@/lib/live/stream";
import { getSeminar } from "@/lib/seminars";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };
const PAGE_SIZE = 100;

/**
 * The seminar as a W3C Web Annotation Protocol container: every annotation the caller may see, paged
 * (`?page=N`), `?document=slug` to narrow. Session cookie or `Authorization: Bearer <personal token>`.
 */
export const GET = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { id } = await ctx.params;
  const seminar = await getSeminar(user.id, id);
  const url = new URL(request.url);
  const document = url.searchParams.get("document") ?? undefined;
  const [annotations, lastEvent] = [await listAnnotations(user.id, id, { document }), await latestEventId(id)];
  // Changes with every event in the seminar and with what this caller sees.
  const etag = `W/"${lastEvent}-${annotations.length}"`;
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers: containerHeaders(etag) });
  const pref = containerPreference(request);
  const base = containerIri(request, id) + (document ? `?document=${encodeURIComponent(document)}` : "");
  const options = { id: base, label: seminar.title, pageSize: PAGE_SIZE, container: true, itemsAsIris: pref.iris, annotationIri: annotationIriFor(request, id) };
  const pageParam = url.searchParams.get("page");
  let body: Record<string, unknown>;
  if (pageParam !== null && /^\d+$/.test(pageParam)) {
    body = collectionPage(annotations, Number(pageParam), options);
  } else {
    body = toCollection(annotations, options);
    if (pref.minimal) delete body.first;
  }
  return new Response(JSON.stringify(body), { headers: containerHeaders(etag) });
});

export const HEAD = async (request: Request, ctx: Ctx) => {
  const res = await GET(request, ctx);
  return new Response(null, { status: res.status, headers: res.headers });
};

export function OPTIONS(): Response {
  return new Response(null, { status: 204, headers: containerHeaders('W/"options"') });
}

/** Create an annotation from W3C JSON-LD; 201 with Location and ETag. */
export const POST = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { id } = await ctx.params;
  const created = await importW3C(user.id, id, await readJson(request, BODY_LIMITS.note));
  const iri = annotationIriFor(request, id);
  const etag = annotationEtag(created);
  return new Response(JSON.stringify(serialize(created, { annotationIri: iri })), {
    status: 201,
    headers: { ...annotationHeaders(etag), Location: iri(created.id) },
  });
});
