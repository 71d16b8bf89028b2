import { importW3C } from "@/lib/annotations/w3c-import";
import { createHash } from "node:crypto";
import { pageAnnotations, pageLimit } from "@/lib/annotations/list";
import { keysetCollection, keysetPage, serialize } from "@/lib/annotations/w3c";
import { handle, readJson, requireUser } from "@/lib/http/respond";
import { BODY_LIMITS } from "@/lib/http/body";
import { annotationEtag, annotationHeaders, annotationIriFor, containerHeaders, containerIri, containerPageSize, containerPreference, slashForm } from "@/lib/http/w3c";
import { latestEventId } from "@/lib/live/stream";
import { getSeminar } from "@/lib/seminars";
import { limitNoteWrites } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/**
 * The seminar as a W3C Web Annotation Protocol container: the annotations the caller may see, a keyset page
 * at a time (`?page=0` is the first, each page links the `next`; `?limit=` up to 500), `?document=slug` to
 * narrow. Session cookie or `Authorization: Bearer <personal token>`.
 */
export const GET = handle(async (request: Request, ctx: Ctx) => {
  const moved = slashForm(request, true);
  if (moved) return moved;
  const user = await requireUser(request);
  const { id } = await ctx.params;
  const seminar = await getSeminar(user.id, id);
  const url = new URL(request.url);
  const document = url.searchParams.get("document") ?? undefined;
  const pageParam = url.searchParams.get("page");
  const after = pageParam === null || pageParam === "0" ? null : pageParam;
  const limit = pageLimit(url.searchParams.get("limit"));
  const lastEvent = await latestEventId(id);
  const page = await pageAnnotations(user.id, id, { documents: document !== undefined ? [document] : undefined, after, limit });
  // Changes with every event in the seminar, with the page and with what this caller sees on it.
  const etag = `W/"${lastEvent}-${page.annotations.length}-${createHash("sha1").update(`${pageParam ?? ""}|${limit}|${page.annotations.map((a) => a.id).join(",")}`).digest("base64url").slice(0, 16)}"`;
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers: containerHeaders({ etag }) });
  const pref = containerPreference(request);
  const base = containerIri(request, id) + (document ? `?document=${encodeURIComponent(document)}` : "");
  // The total is known without counting when the whole collection is this one page.
  const total = after === null && page.next === null ? page.annotations.length : null;
  const options = { id: base, label: seminar.title, container: true, itemsAsIris: pref.iris, annotationIri: annotationIriFor(request, id), next: page.next, total };
  let body: Record<string, unknown>;
  if (pageParam !== null) {
    body = keysetPage(page.annotations, { ...options, page: pageParam });
  } else {
    body = keysetCollection(page.annotations, options);
    if (pref.minimal) delete body.first;
  }
  return new Response(JSON.stringify(body), { headers: containerHeaders({ etag, contentLocation: body.id as string }) });
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
