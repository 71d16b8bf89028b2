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

/**
 * A seminar's container. The Protocol requires a container IRI to end in "/" (its annotations are the
 * path segments below it); its route redirects the old slashless form here (slashForm).
 */
export function containerIri(request: Request, seminarId: string): string {
  return `${publicOrigin(request)}/api/w3c/seminars/${encodeURIComponent(seminarId)}/`;
}

export function annotationIriFor(request: Request, seminarId: string): (id: string) => string {
  const base = containerIri(request, seminarId);
  return (id) => `${base}${encodeURIComponent(id)}`;
}

/**
 * A 308 to the form of the path the Protocol's IRIs use, or null when the request used it: with "/" for
 * a container (`container`), without for an annotation. 308 keeps method and body, so a client that POSTs
 * to the old slashless container IRI still creates. The Location is the path and query only, valid
 * whichever host the client reached.
 */
export function slashForm(request: Request, container: boolean): Response | null {
  const url = new URL(request.url);
  if (url.pathname.endsWith("/") === container) return null;
  const pathname = container ? `${url.pathname}/` : url.pathname.replace(/\/+$/, "");
  return new Response(null, { status: 308, headers: { Location: pathname + url.search } });
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

/**
 * A container's (or one of its pages') headers. `contentLocation` is the IRI of what is served: the
 * Protocol requires a container's Content-Location to equal its `id`.
 */
export function containerHeaders(extra: { etag?: string; contentLocation?: string; preferenceApplied?: boolean } = {}): HeadersInit {
  return {
    "Content-Type": ANNO_MEDIA_TYPE,
    Link: `<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", ${CONSTRAINED_BY}`,
    Allow: "GET, HEAD, OPTIONS, POST",
    "Accept-Post": ANNO_MEDIA_TYPE,
    ...(extra.etag ? { ETag: extra.etag } : {}),
    ...(extra.contentLocation ? { "Content-Location": extra.contentLocation } : {}),
    ...(extra.preferenceApplied ? { "Preference-Applied": "return=representation" } : {}),
    Vary: "Accept, Prefer, Authorization, Cookie",
  };
}

export function annotationHeaders(etag?: string): HeadersInit {
  return {
    "Content-Type": ANNO_MEDIA_TYPE,
    Link: '<http://www.w3.org/ns/ldp#Resource>; rel="type"',
    Allow: "GET, HEAD, OPTIONS, PUT, DELETE",
    ...(etag ? { ETag: etag } : {}),
    Vary: "Accept, Authorization, Cookie",
  };
}

export const PREFER_MINIMAL_CONTAINER = "http://www.w3.org/ns/ldp#PreferMinimalContainer";
export const PREFER_CONTAINED_IRIS = "http://www.w3.org/ns/oa#PreferContainedIRIs";
export const PREFER_CONTAINED_DESCRIPTIONS = "http://www.w3.org/ns/oa#PreferContainedDescriptions";

export interface ContainerPreference {
  /** PreferMinimalContainer: the container's description with links to its pages, no page embedded. */
  minimal: boolean;
  /** PreferContainedIRIs: items as IRIs only (unless descriptions are asked for too). */
  iris: boolean;
  /** The request stated a `return=representation` preference this server applied. */
  applied: boolean;
}

/**
 * RFC 7240 `Prefer: return=representation; include="<IRI> <IRI>"`, as the Protocol (4.1.1) uses it.
 * Full descriptions are the default; asked for both, a client gets descriptions (they hold the IRIs too).
 * Parsed here: no Prefer parser is installed, and the part of RFC 7240's grammar needed is a few lines.
 */
export function containerPreference(request: Request): ContainerPreference {
  const none = { minimal: false, iris: false, applied: false };
  const prefer = request.headers.get("prefer");
  if (!prefer) return none;
  for (const preference of prefer.split(",")) {
    const [head, ...params] = preference.split(";").map((s) => s.trim());
    if (!/^return\s*=\s*"?representation"?$/i.test(head)) continue;
    const include = new Set<string>();
    for (const param of params) {
      const m = /^include\s*=\s*"?([^"]*)"?$/i.exec(param);
      if (m) for (const iri of m[1].split(/\s+/)) if (iri) include.add(iri);
    }
    const descriptions = include.has(PREFER_CONTAINED_DESCRIPTIONS);
    return { minimal: include.has(PREFER_MINIMAL_CONTAINER), iris: include.has(PREFER_CONTAINED_IRIS) && !descriptions, applied: true };
  }
  return none;
}

/** The page size of a container: SYNOPSE_W3C_PAGE_SIZE (1–100), default 100. */
export function containerPageSize(): number {
  const n = Number(process.env.SYNOPSE_W3C_PAGE_SIZE);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 100;
}
