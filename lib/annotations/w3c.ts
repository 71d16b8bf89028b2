/**
 * The W3C Web Annotation Data Model adapter (https://www.w3.org/TR/annotation-model/), kept apart from
 * the internal model. serialize() writes JSON-LD that meets the model's MUSTs (absolute IRIs, the
 * anno.jsonld context, type Annotation, target with source); parse() reads it back without loss for
 * our own exports, and reads the standard parts of anyone else's.
 *
 * Mapping:
 *   note        motivation commenting, body TextualBody text/html (+ TextualBody purpose tagging per tag)
 *   highlight   motivation highlighting
 *   reply       motivation replying, target = the parent annotation's IRI
 *   link        motivation linking, target = passage A, body = passage B (each a SpecificResource
 *               with its language), relation = TextualBody purpose classifying
 *   passage     SpecificResource { source: document IRI, language, selector: [TextQuoteSelector,
 *               TextPositionSelector, FragmentSelector(block id) refinedBy TextPositionSelector(block offsets)] }
 *   canonical   kept as given (stored with the annotation), never invented
 * Synopse-only facts (visibility, seminar, revision, document version…) use the "synopse:" prefix
 * declared in a second @context entry, so generic consumers can ignore them.
 */
import type { Visibility } from "./access";
import { htmlToText } from "./body";
import { RELATIONS, type AnnotationDto, type Relation, type TargetDto } from "./types";
import { plainTextToNoteHtml } from "@/lib/text/html";

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
export const SYNOPSE_VOCAB = "urn:synopse:vocab#";
const CONTEXT = [ANNO_CONTEXT, { synopse: SYNOPSE_VOCAB }] as const;
/** The FragmentSelector's value is an HTML element id (the block id) in the rendered document. */
const FRAGMENT_CONFORMS_TO = "http://tools.ietf.org/rfc/rfc3986";

export interface W3COptions {
  /** Absolute IRI of a document; default `urn:synopse:document:<slug>`. */
  documentIri?: (slug: string) => string;
  /** Absolute IRI of a user; default `urn:synopse:user:<id>`. */
  userIri?: (userId: string) => string;
  /** Absolute IRI of an annotation; default `urn:uuid:<id>` (the Protocol container uses its own URLs). */
  annotationIri?: (id: string) => string;
}

type Json = Record<string, unknown>;

export const annotationIri = (id: string) => `urn:uuid:${id}`;
const defaultDocumentIri = (slug: string) => `urn:synopse:document:${encodeURIComponent(slug)}`;
const defaultUserIri = (id: string) => `urn:synopse:user:${encodeURIComponent(id)}`;

function passage(t: TargetDto, opts: W3COptions): Json {
  return {
    type: "SpecificResource",
    source: (opts.documentIri ?? defaultDocumentIri)(t.documentSlug),
    language: t.lang,
    "synopse:document": t.documentSlug,
    "synopse:documentVersion": t.documentVersion,
    selector: [
      { type: "TextQuoteSelector", exact: t.exact, prefix: t.prefix, suffix: t.suffix },
      { type: "TextPositionSelector", start: t.start, end: t.end },
      {
        type: "FragmentSelector",
        conformsTo: FRAGMENT_CONFORMS_TO,
        value: t.blockId,
        refinedBy: { type: "TextPositionSelector", start: t.blockStart, end: t.blockEnd },
      },
    ],
  };
}

export function serialize(a: AnnotationDto, opts: W3COptions = {}): Json {
  const userIri = opts.userIri ?? defaultUserIri;
  const iri = opts.annotationIri ?? annotationIri;
  const bodies: Json[] = [];
  if (a.bodyHtml)
    bodies.push({ type: "TextualBody", value: a.bodyHtml, format: "text/html", purpose: a.motivation === "replying" ? "replying" : "commenting" });
  for (const tag of a.tags) bodies.push({ type: "TextualBody", value: tag, purpose: "tagging" });
  if (a.relation) bodies.push({ type: "TextualBody", value: a.relation, purpose: "classifying" });
  const linked = a.targets.find((t) => t.role === "body");
  if (linked) bodies.push(passage(linked, opts));
  const mainTarget = a.targets.find((t) => t.role === "target");

  const out: Json = {
    "@context": CONTEXT,
    id: iri(a.id),
    ...(a.canonical ? { canonical: a.canonical } : {}),
    type: "Annotation",
    motivation: a.motivation,
    created: a.createdAt,
    modified: a.updatedAt,
    creator: { id: userIri(a.author.id), type: "Person", name: a.author.name },
  };
  if (bodies.length === 1) out.body = bodies[0];
  else if (bodies.length > 1) out.body = bodies;
  out.target = a.motivation === "replying" && a.parentId ? iri(a.parentId) : mainTarget ? passage(mainTarget, opts) : undefined;
  Object.assign(out, {
    "synopse:seminar": a.seminarId,
    "synopse:visibility": a.visibility,
    "synopse:revision": a.revision,
    "synopse:hidden": a.hidden,
    ...(a.recipientId ? { "synopse:recipient": a.recipientId } : {}),
    ...(a.rootId ? { "synopse:root": a.rootId } : {}),
    ...(a.author.id ? { "synopse:author": a.author.id } : {}),
  });
  return out;
}

export class W3CParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "W3CParseError";
  }
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function uuidFromIri(iri: unknown): string {
  if (typeof iri !== "string") throw new W3CParseError("id must be an IRI");
  if (iri.startsWith("urn:uuid:")) return iri.slice("urn:uuid:".length);
  // A Protocol URL (…/api/w3c/seminars/<seminar>/<annotation>): the last path segment.
  if (/^https?:\/\//.test(iri))
    return decodeURIComponent(
      iri
        .replace(/[?#].*$/, "")
        .replace(/\/+$/, "")
        .split("/")
        .pop() ?? iri,
    );
  return iri;
}

function slugFromSource(source: string, resource: Json): string {
  if (typeof resource["synopse:document"] === "string") return resource["synopse:document"] as string;
  const m = /^urn:synopse:document:(.+)$/.exec(source);
  if (m) return decodeURIComponent(m[1]);
  // Someone else's IRI: the last path segment is the best slug we can offer.
  return decodeURIComponent(
    source
      .replace(/[?#].*$/, "")
      .replace(/\/+$/, "")
      .split("/")
      .pop() ?? source,
  );
}

/**
 * A SpecificResource: typed as one, or untyped with a source. The data model does not require the type
 * (a `source` makes it one), and clients such as Hypothesis send `{ source, selector }` alone.
 */
function isSpecificResource(resource: Json): boolean {
  return resource.type === "SpecificResource" || (resource.type === undefined && typeof resource.source === "string");
}

function parsePassage(resource: Json, role: TargetDto["role"]): TargetDto {
  if (!isSpecificResource(resource) || typeof resource.source !== "string") throw new W3CParseError("a passage must be a SpecificResource with a source");
  const selectors = asArray(resource.selector as Json | Json[]);
  const quote = selectors.find((s) => s.type === "TextQuoteSelector");
  const position = selectors.find((s) => s.type === "TextPositionSelector");
  const fragment = selectors.find((s) => s.type === "FragmentSelector");
  const refined = fragment?.refinedBy as Json | undefined;
  if (!quote && !position) throw new W3CParseError("a passage needs a TextQuoteSelector or TextPositionSelector");
  return {
    role,
    documentSlug: slugFromSource(resource.source, resource),
    documentVersion: typeof resource["synopse:documentVersion"] === "string" ? (resource["synopse:documentVersion"] as string) : "",
    lang: typeof resource.language === "string" ? resource.language : "",
    blockId: typeof fragment?.value === "string" ? fragment.value : "",
    blockStart: typeof refined?.start === "number" ? refined.start : 0,
    blockEnd: typeof refined?.end === "number" ? refined.end : 0,
    start: typeof position?.start === "number" ? position.start : 0,
    end: typeof position?.end === "number" ? position.end : 0,
    exact: typeof quote?.exact === "string" ? quote.exact : "",
    prefix: typeof quote?.prefix === "string" ? quote.prefix : "",
    suffix: typeof quote?.suffix === "string" ? quote.suffix : "",
  };
}

/** Read a W3C annotation (ours losslessly; others' standard parts). Throws W3CParseError on non-annotations. */
export function parse(json: unknown): AnnotationDto {
  if (!json || typeof json !== "object") throw new W3CParseError("not an object");
  const a = json as Json;
  const context = asArray(a["@context"] as unknown);
  if (!context.includes(ANNO_CONTEXT)) throw new W3CParseError(`@context must include ${ANNO_CONTEXT}`);
  if (!asArray(a.type as string | string[]).includes("Annotation")) throw new W3CParseError("type must be Annotation");
  if (a.canonical !== undefined && typeof a.canonical !== "string") throw new W3CParseError("canonical must be an IRI");
  const motivation = (asArray(a.motivation as string | string[])[0] ?? "commenting") as AnnotationDto["motivation"];
  const creator = (asArray(a.creator as Json | Json[])[0] ?? {}) as Json;

  const bodies = asArray(a.body as Json | Json[] | string).map((b) => (typeof b === "string" ? ({ type: "SpecificResource", source: b } as Json) : b));
  let bodyHtml = "";
  const tags: string[] = [];
  let relation: Relation | null = null;
  const targets: TargetDto[] = [];
  for (const b of bodies) {
    if (b.type === "TextualBody") {
      const value = typeof b.value === "string" ? b.value : "";
      if (b.purpose === "tagging") tags.push(value);
      else if (b.purpose === "classifying" && (RELATIONS as readonly string[]).includes(value)) relation = value as Relation;
      else bodyHtml = b.format === "text/html" ? value : plainTextToNoteHtml(value);
    } else if (isSpecificResource(b) && motivation === "linking") {
      targets.push(parsePassage(b, "body"));
    }
  }

  let parentId: string | null = null;
  const rawTarget = asArray(a.target as Json | Json[] | string)[0];
  if (rawTarget === undefined) throw new W3CParseError("an annotation needs a target");
  if (motivation === "replying" && typeof rawTarget === "string") parentId = uuidFromIri(rawTarget);
  else if (typeof rawTarget === "object") targets.unshift(parsePassage(rawTarget, "target"));
  else throw new W3CParseError("target must be a SpecificResource (or, for replies, the parent's IRI)");

  const authorId =
    typeof a["synopse:author"] === "string"
      ? (a["synopse:author"] as string)
      : typeof creator.id === "string"
        ? creator.id.replace(/^urn:synopse:user:/, "")
        : "";
  return {
    // A Protocol POST has no id yet (the server assigns one).
    id: a.id === undefined ? "" : uuidFromIri(a.id),
    seminarId: typeof a["synopse:seminar"] === "string" ? (a["synopse:seminar"] as string) : "",
    author: { id: decodeURIComponent(authorId), name: typeof creator.name === "string" ? creator.name : "" },
    motivation,
    visibility: (typeof a["synopse:visibility"] === "string" ? a["synopse:visibility"] : "seminar") as Visibility,
    recipientId: typeof a["synopse:recipient"] === "string" ? (a["synopse:recipient"] as string) : null,
    parentId,
    rootId: typeof a["synopse:root"] === "string" ? (a["synopse:root"] as string) : parentId,
    relation,
    ...(typeof a.canonical === "string" ? { canonical: a.canonical } : {}),
    bodyHtml,
    bodyText: htmlToText(bodyHtml),
    tags: tags.sort((x, y) => x.localeCompare(y)),
    hidden: a["synopse:hidden"] === true,
    revision: typeof a["synopse:revision"] === "number" ? (a["synopse:revision"] as number) : 1,
    createdAt: typeof a.created === "string" ? a.created : "",
    updatedAt: typeof a.modified === "string" ? a.modified : typeof a.created === "string" ? a.created : "",
    targets,
  };
}

export interface CollectionOptions extends W3COptions {
  /** Absolute IRI of the collection. */
  id: string;
  label?: string;
  /** Serve as a W3C Web Annotation Protocol container (ldp:BasicContainer + AnnotationCollection). */
  container?: boolean;
  /** Protocol preference PreferContainedIRIs: page items are annotation IRIs, not descriptions. */
  itemsAsIris?: boolean;
  /** How many annotations the collection holds, when known. */
  total?: number | null;
  /** The collection's last modification (ISO). */
  modified?: string;
}

/** Where a page sits: its own IRI and its neighbours' (absent at either end). */
export interface PageLinks {
  id: string;
  next?: string | null;
  prev?: string | null;
}

const LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld";

/** One AnnotationPage of a collection, with partOf and its next/prev links. */
export function collectionPage(items: AnnotationDto[], page: PageLinks, opts: CollectionOptions): Json {
  return {
    "@context": CONTEXT,
    id: page.id,
    type: "AnnotationPage",
    partOf: { id: opts.id, ...(typeof opts.total === "number" ? { total: opts.total } : {}), ...(opts.label ? { label: opts.label } : {}) },
    ...(page.next ? { next: page.next } : {}),
    ...(page.prev ? { prev: page.prev } : {}),
    items: items.map((a) => {
      if (opts.itemsAsIris) return (opts.annotationIri ?? annotationIri)(a.id);
      const { ["@context"]: _ctx, ...rest } = serialize(a, opts);
      return rest;
    }),
  };
}

/**
 * An AnnotationCollection with its first page embedded (the Protocol's preferred shape), or with only
 * links to its first and last pages (`minimal`, PreferMinimalContainer).
 */
export function toCollection(firstItems: AnnotationDto[], pages: { first: PageLinks; last: string; minimal?: boolean }, opts: CollectionOptions): Json {
  const { ["@context"]: _c, partOf: _p, ...embedded } = collectionPage(firstItems, pages.first, opts);
  const empty = firstItems.length === 0 && !pages.first.next;
  return {
    "@context": opts.container ? [ANNO_CONTEXT, LDP_CONTEXT, { synopse: SYNOPSE_VOCAB }] : CONTEXT,
    id: opts.id,
    type: opts.container ? ["BasicContainer", "AnnotationCollection"] : "AnnotationCollection",
    ...(opts.label ? { label: opts.label } : {}),
    ...(opts.modified ? { modified: opts.modified } : {}),
    ...(typeof opts.total === "number" ? { total: opts.total } : {}),
    ...(empty ? {} : { first: pages.minimal ? pages.first.id : embedded, last: pages.last }),
  };
}

/** Parse a collection or a page back into annotations (first page embedded or page objects). */
export function parseCollection(json: unknown): AnnotationDto[] {
  const c = json as Json;
  const pages: Json[] = [];
  if (c.type === "AnnotationPage") pages.push(c);
  else if (c.first && typeof c.first === "object") pages.push(c.first as Json);
  const out: AnnotationDto[] = [];
  for (const p of pages) for (const item of asArray(p.items as Json[])) if (typeof item === "object") out.push(parse({ "@context": CONTEXT, ...item }));
  return out;
}
