/**
 * The search index's side of an annotation write (lib/annotations/events, phase "index"): new notes and
 * replies get their entries, an edited one is re-indexed, a deleted one leaves the index, all in the write's
 * own transaction, so a note is findable the moment it is saved and gone the moment it is deleted. (Hiding
 * changes nothing here: search reads the audience columns at query time.)
 */
import { createdIn, type AnnotationEvent } from "@/lib/annotations/events";
import type { Subscriber } from "@/lib/events/publisher";
import { indexAnnotation, indexNewAnnotations, unindexAnnotation } from "./indexer";

export const searchIndexSubscriber: Subscriber<AnnotationEvent, "index"> = {
  name: "search.index",
  phase: "index",
  async handle(tx, events) {
    const created = createdIn(events);
    if (created.length) await indexNewAnnotations(tx, created);
    for (const e of events) {
      if (e.type === "annotation.edited" || e.type === "annotation.visibility-changed") await indexAnnotation(tx, e.annotation);
      else if (e.type === "annotation.deleted") await unindexAnnotation(tx, e.annotation.id);
    }
  },
};
