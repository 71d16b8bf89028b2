/**
 * The rules a link must pass before anything is stored. A link is an annotation (motivation "linking",
 * target = passage A, bodyTarget = passage B); the annotation store calls these so that the API, the reader
 * and scripts all get the same answers, each a stable error code the UI translates (messages "Errors"):
 *
 *   invalid-relation          the relation is missing or not one of RELATIONS
 *   document-not-in-seminar   an end lies in a corpus document the seminar does not have
 *   unknown-document          an end names no document at all
 *   link-end-orphaned         an end was described on another version of its text and can no longer be found
 *                             there (lib/anchoring says "orphan"); a moved passage is re-anchored instead
 *   link-to-self              both ends are the same passage, or overlapping passages of one document
 *
 * Framework-free.
 */
import { anchor } from "@/lib/anchoring";
import type { PassageSelectors } from "@/lib/anchoring/types";
import type { SynopseDocument } from "@/lib/content/types";
import { AppError } from "@/lib/errors";
import { loadDocument, resolveTarget } from "./targets";
import { RELATIONS, type TargetDto, type TargetInput } from "./types";
import { documentCatalog } from "@/lib/seminars/catalog";
import { seminarHasDocument } from "@/lib/seminars";

export function isRelation(value: unknown): value is (typeof RELATIONS)[number] {
  return typeof value === "string" && (RELATIONS as readonly string[]).includes(value);
}

/**
 * Checked on the raw request, before the general schema: a wrong relation would otherwise be reported as
 * a vague "invalid-request". `required`: creating a link needs one; an edit may leave it out.
 */
export function checkRelation(raw: unknown, required: boolean): void {
  if (!raw || typeof raw !== "object" || !("relation" in raw)) {
    if (required) throw new AppError("invalid-relation", { allowed: [...RELATIONS] });
    return;
  }
  const relation = (raw as { relation: unknown }).relation;
  if (relation === undefined && !required) return;
  if (!isRelation(relation)) throw new AppError("invalid-relation", { allowed: [...RELATIONS] });
}

/** The document of one end, if the seminar has it; otherwise why not. */
async function documentOfEnd(seminarId: string, slug: string): Promise<SynopseDocument> {
  if (await seminarHasDocument(seminarId, slug)) return loadDocument(slug);
  const exists = !!(await (await documentCatalog()).get(slug));
  throw new AppError(exists ? "document-not-in-seminar" : "unknown-document", { slug });
}

/**
 * Resolve one end against the current text. The reader sends the quote it saw; when that quote is no longer
 * at those offsets (the text changed since the page was rendered, or a script used an old export), the
 * passage is looked for with lib/anchoring like any stored annotation: found → the link uses where it is
 * now; not found → "link-end-orphaned", and nothing is stored.
 */
export function resolveLinkEnd(doc: SynopseDocument, input: TargetInput, role: TargetDto["role"]): TargetDto {
  try {
    return resolveTarget(doc, input, role);
  } catch (e) {
    if (!(e instanceof AppError) || !["quote-mismatch", "unknown-block", "invalid-target"].includes(e.code) || !input.exact) throw e;
  }
  const selectors: PassageSelectors = {
    blockId: input.blockId ?? "",
    blockStart: input.blockStart ?? 0,
    blockEnd: input.blockEnd ?? 0,
    position: { type: "TextPositionSelector", start: input.start ?? 0, end: input.end ?? 0 },
    quote: { type: "TextQuoteSelector", exact: input.exact, prefix: input.prefix ?? "", suffix: input.suffix ?? "" },
    version: input.documentVersion ?? "",
  };
  const found = anchor(doc, selectors);
  if (found.status === "orphan") throw new AppError("link-end-orphaned", { role, slug: doc.meta.slug, reason: found.reason });
  return resolveTarget(doc, { documentSlug: doc.meta.slug, start: found.start, end: found.end }, role);
}

/** Both ends of a new link, checked and resolved (see the list at the top). */
export async function resolveLinkEnds(
  seminarId: string,
  target: TargetInput | undefined,
  bodyTarget: TargetInput | undefined,
): Promise<[TargetDto, TargetDto]> {
  if (!target || !bodyTarget) throw new AppError("invalid-target");
  const docA = await documentOfEnd(seminarId, target.documentSlug);
  const docB = await documentOfEnd(seminarId, bodyTarget.documentSlug);
  const a = resolveLinkEnd(docA, target, "target");
  const b = resolveLinkEnd(docB, bodyTarget, "body");
  if (a.documentSlug === b.documentSlug && a.start < b.end && b.start < a.end) throw new AppError("link-to-self");
  return [a, b];
}
