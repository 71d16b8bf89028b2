/**
 * Server-side selectors: the client says where (block + offsets, or document offsets); the server
 * derives TextQuote/TextPosition selectors from the document itself with lib/anchoring's describe, so
 * a stored target always matches the text it claims to quote.
 */
import { describe, describeRange } from "@/lib/anchoring/describe";
import { isAnchoringError } from "@/lib/anchoring/errors";
import type { SynopseDocument } from "@/lib/content/types";
import { AppError } from "@/lib/errors";
import { documentCatalog } from "@/lib/seminars/catalog";
import type { TargetDto, TargetInput } from "./types";

export async function loadDocument(slug: string): Promise<SynopseDocument> {
  const doc = await (await documentCatalog()).get(slug);
  if (!doc) throw new AppError("unknown-document", { slug });
  return doc;
}

export function resolveTarget(doc: SynopseDocument, input: TargetInput, role: TargetDto["role"]): TargetDto {
  let selectors;
  try {
    if (input.blockId !== undefined && input.blockStart !== undefined && input.blockEnd !== undefined) {
      if (input.blockStart >= input.blockEnd) throw new AppError("empty-selection");
      selectors = describe(doc, input.blockId, input.blockStart, input.blockEnd);
    } else {
      if (input.start! >= input.end!) throw new AppError("empty-selection");
      selectors = describeRange(doc, input.start!, input.end!);
    }
  } catch (e) {
    if (isAnchoringError(e)) {
      if (e.code === "empty-selection") throw new AppError("empty-selection");
      if (e.code === "unknown-block") throw new AppError("unknown-block", { blockId: input.blockId });
      throw new AppError("invalid-target");
    }
    throw e;
  }
  if (input.exact !== undefined && input.exact !== selectors.quote.exact) {
    // The client annotated another version of the text: refuse rather than attach the note elsewhere.
    throw new AppError("quote-mismatch", { documentVersion: doc.version, exact: selectors.quote.exact });
  }
  return {
    role,
    documentSlug: doc.meta.slug,
    documentVersion: selectors.version,
    lang: doc.meta.lang,
    blockId: selectors.blockId,
    blockStart: selectors.blockStart,
    blockEnd: selectors.blockEnd,
    start: selectors.position.start,
    end: selectors.position.end,
    exact: selectors.quote.exact,
    prefix: selectors.quote.prefix,
    suffix: selectors.quote.suffix,
  };
}
