import { deleteAnnotation, getAnnotation } from "@/lib/annotations/store";
import { updateFromW3C } from "@/lib/annotations/w3c-import";
import { serialize } from "@/lib/annotations/w3c";
import { AppError, isAppError } from "@/lib/errors";
import { handle, readJson, requireUser } from "@/lib/http/respond";
import { BODY_LIMITS } from "@/lib/http/body";
import { annotationEtag, annotationHeaders, annotationIriFor, ifMatch, slashForm } from "@/lib/http/w3c";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string; annotationId: string }> };

async function load(request: Request, ctx: Ctx) {
  const user = await requireUser(request);
  const { id, annotationId } = await ctx.params;
  const a = await getAnnotation(user.id, annotationId);
  // The annotation lives in exactly one container: another seminar's URL does not reach it.
  if (a.seminarId !== id) throw new AppError("not-found");
  return { user, a, iri: annotationIriFor(request, id) };
}

export const GET = handle(async (request: Request, ctx: Ctx) => {
  const moved = slashForm(request, false);
  if (moved) return moved;
  const { a, iri } = await load(request, ctx);
  const etag = annotationEtag(a);
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers: annotationHeaders(etag) });
  return new Response(JSON.stringify(serialize(a, { annotationIri: iri })), { headers: annotationHeaders(etag) });
});

export const HEAD = async (request: Request, ctx: Ctx) => {
  const res = await GET(request, ctx);
  return new Response(null, { status: res.status, headers: res.headers });
};

/** What an annotation allows (Allow), for anyone: it names methods, not the annotation. */
export function OPTIONS(request: Request): Response {
  return slashForm(request, false) ?? new Response(null, { status: 200, headers: annotationHeaders() });
}

/** Replace body, tags, relation (and audience); If-Match with the current ETag is required. */
export const PUT = handle(async (request: Request, ctx: Ctx) => {
  const moved = slashForm(request, false);
  if (moved) return moved;
  const { user, a, iri } = await load(request, ctx);
  const match = ifMatch(request);
  if (!match) throw new AppError("precondition-required");
  if (!match.includes(annotationEtag(a)) && !match.includes("*")) {
    throw new AppError("precondition-failed", { current: serialize(a, { annotationIri: iri }) });
  }
  try {
    const updated = await updateFromW3C(user.id, a, await readJson(request, BODY_LIMITS.note));
    return new Response(JSON.stringify(serialize(updated, { annotationIri: iri })), { headers: annotationHeaders(annotationEtag(updated)) });
  } catch (e) {
    // Someone saved between our check and the write: the same answer as a stale If-Match.
    if (isAppError(e) && e.code === "conflict") {
      throw new AppError("precondition-failed", { current: serialize(e.details!.current as never, { annotationIri: iri }) });
    }
    throw e;
  }
});

/** Delete one's own annotation; with If-Match, only if it is still the version the client saw. */
export const DELETE = handle(async (request: Request, ctx: Ctx) => {
  const moved = slashForm(request, false);
  if (moved) return moved;
  const { user, a, iri } = await load(request, ctx);
  const match = ifMatch(request);
  if (match && !match.includes(annotationEtag(a)) && !match.includes("*")) {
    throw new AppError("precondition-failed", { current: serialize(a, { annotationIri: iri }) });
  }
  await deleteAnnotation(user.id, a.id, match ? a.revision : undefined);
  return new Response(null, { status: 204 });
});
