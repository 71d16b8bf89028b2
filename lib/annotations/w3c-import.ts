/**
 * Turning W3C Web Annotations (JSON-LD) into store calls: the Protocol's POST/PUT and imports. The
 * passage is found again with lib/anchoring's cascade, so our own exports land exactly where they were
 * and others' (a TextQuoteSelector alone is enough) land where their quote is — or are refused with
 * "quote-mismatch", never attached to a look-alike.
 */
import { anchor } from "@/lib/anchoring/anchor";
import { documentText } from "@/lib/content/text";
import { AppError } from "@/lib/errors";
import { createAnnotation, updateAnnotation } from "./store";
import { loadDocument } from "./targets";
import { selectorsOf, type AnnotationDto, type CreateInput, type TargetDto, type TargetInput, type UpdateInput } from "./types";
import { parse, W3CParseError } from "./w3c";

function parseOrThrow(json: unknown): AnnotationDto {
  try {
    return parse(json);
  } catch (e) {
    if (e instanceof W3CParseError) throw new AppError("invalid-request", { reason: e.message });
    throw e;
  }
}

async function passageInput(t: TargetDto): Promise<TargetInput> {
  const doc = await loadDocument(t.documentSlug);
  if (!t.blockId && !t.prefix && !t.suffix && t.exact) {
    // A TextQuoteSelector without context (other tools often send nothing else, or a position beside
    // it). Our anchoring reads an empty prefix as "at the document's start", so look the quote up
    // directly: at the position given, if the quote is there; else, per the W3C model (no context to
    // tell copies apart), the first occurrence.
    const text = documentText(doc).text;
    const at = t.start !== t.end && text.slice(t.start, t.end) === t.exact ? t.start : text.indexOf(t.exact);
    if (at < 0) throw new AppError("quote-mismatch", { documentVersion: doc.version });
    return { documentSlug: t.documentSlug, start: at, end: at + t.exact.length };
  }
  const found = anchor(doc, selectorsOf(t));
  if (found.status !== "anchored") throw new AppError("quote-mismatch", { documentVersion: doc.version });
  return { documentSlug: t.documentSlug, start: found.start, end: found.end };
}

export async function createInputFromW3C(json: unknown): Promise<CreateInput> {
  const a = parseOrThrow(json);
  const main = a.targets.find((t) => t.role === "target");
  const linked = a.targets.find((t) => t.role === "body");
  return {
    motivation: a.motivation,
    visibility: a.visibility,
    recipientId: a.recipientId,
    parentId: a.motivation === "replying" ? (a.parentId ?? undefined) : undefined,
    target: main ? await passageInput(main) : undefined,
    bodyTarget: linked ? await passageInput(linked) : undefined,
    relation: a.relation,
    body: a.bodyHtml,
    tags: a.tags,
    ...(a.canonical !== undefined ? { canonical: a.canonical } : {}),
  };
}

/** Create an annotation from W3C JSON-LD in a seminar (authorization as for any create). */
export async function importW3C(userId: string, seminarId: string, json: unknown): Promise<AnnotationDto> {
  return createAnnotation(userId, seminarId, await createInputFromW3C(json));
}

/**
 * Replace the editable parts (body, tags, relation, audience) from W3C JSON-LD; targets are kept. The
 * canonical IRI is fixed at creation: the Protocol asks servers to refuse a change to it (a PUT that
 * leaves it out keeps it, like the targets).
 */
export async function updateFromW3C(userId: string, current: AnnotationDto, json: unknown): Promise<AnnotationDto> {
  const a = parseOrThrow(json);
  if (a.canonical !== undefined && a.canonical !== current.canonical) throw new AppError("invalid-request", { reason: "canonical cannot change" });
  const { id: annotationId, revision } = current;
  const input: UpdateInput = { revision, body: a.bodyHtml, tags: a.tags, relation: a.relation };
  const raw = json as Record<string, unknown>;
  if (typeof raw["synopse:visibility"] === "string") {
    input.visibility = a.visibility;
    input.recipientId = a.recipientId;
  }
  return updateAnnotation(userId, annotationId, input);
}
