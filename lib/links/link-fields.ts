import type { AnnotationDto } from "@/lib/annotations/types";

/** What a link shows of its annotation: the same fields for the links overview (./views) and live updates (./live). */
export function linkFields(a: AnnotationDto) {
  return {
    relation: a.relation,
    author: a.author,
    visibility: a.visibility,
    tags: a.tags,
    bodyHtml: a.bodyHtml,
    bodyText: a.bodyText,
    hidden: a.hidden,
    revision: a.revision,
    createdAt: a.createdAt,
  };
}
