/**
 * W3C Web Annotation Protocol plumbing (https://www.w3.org/TR/annotation-protocol/): media type,
 * Link/Allow headers, ETags and preferences. Used by app/api/w3c/….
 */
import { originFrom } from "@/lib/auth/flows";
import type { AnnotationDto } from "@/lib/annotations/types";

export const ANNO_MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';
const CONSTRAINED_BY = '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"';

/** Public origin for IRIs: SYNOPSE_PUBLIC_URL in production, else the request's own host. */
export function publicOrigin(request: Request): string {
  return (process.env.SYNOPSE_PUBLIC_URL ?? originFrom(request.headers)).replace(/\/+$/, "");
}

export function containerIri(request: Request, seminarId: string): string {
  return `${publicOrigin(request)}/api/w3c/seminars/${encodeURIComponent(seminarId)}`;
}

export function annotationIriFor(request: Request, seminarId: string): (id: string) => string {
  const base = containerIri(request, seminarId);
  return (id) => `${base}/${encodeURIComponent(id)}`;
}

/** Strong validator of one annotation: changes with every edit and with hide/unhide. */
export function annotationEtag(a: AnnotationDto): string {
  return `"${a.revision}.${Date.parse(a.updatedAt)}"`;
}

/** The revision an If-Match names, if it names the current representation; null when absent. */
export function ifMatch(request: Request): string[] | null {
  const raw = request.headers.get("if-match");
  if (!raw) return null;
  return raw.split(",").map((s) => s.trim().replace(/^W\//, ""));
}

export function containerHeaders(etag: string): HeadersInit {
  return {
    "Content-Type": ANNO_MEDIA_TYPE,
    Link: `<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", ${CONSTRAINED_BY}`,
    Allow: "GET, HEAD, OPTIONS, POST",
    "Accept-Post": ANNO_MEDIA_TYPE,
    ETag: etag,
    Vary: "Accept, Prefer, Authorization, Cookie",
  };
}

export function annotationHeaders(etag: string): HeadersInit {
  return {
    "Content-Type": ANNO_MEDIA_TYPE,
    Link: '<http://www.w3.org/ns/ldp#Resource>; rel="type"',
    Allow: "GET, HEAD, OPTIONS, PUT, DELETE",
    ETag: etag,
    Vary: "Accept, Authorization, Cookie",
  };
}

export interface ContainerPreference {
  minimal: boolean;
  iris: boolean;
}

/** Prefer: return=representation; include="…PreferContainedIRIs" / "…PreferMinimalContainer". */
export function containerPreference(request: Request): ContainerPreference {
  const prefer = request.headers.get("prefer") ?? "";
  return {
    minimal: /PreferMinimalContainer/.test(prefer),
    iris: /PreferContainedIRIs/.test(prefer),
  };
}
