/**
 * The names, places, organisations and dates a document's edition identified (TEI persName, placeName,
 * orgName, date … kept as "entity" marks on the blocks), listed with their text: evidence for search and link
 * suggestions — two passages naming the same `ref` (a GND/VIAF/Wikidata link) or the same `when` (ISO date)
 * speak of the same thing, whatever the language or spelling. Pure.
 */
import type { EntityType, SynopseDocument } from "./types";

export interface DocumentEntity {
  blockId: string;
  /** offsets into the block's text (UTF-16), like every mark */
  start: number;
  end: number;
  type: EntityType;
  /** the passage's words ("Churchill", "July 26, 1944") */
  text: string;
  /** the edition's authority link as written, or null */
  ref: string | null;
  /** ISO date (dates only), or null */
  when: string | null;
}

export function documentEntities(doc: SynopseDocument): DocumentEntity[] {
  const out: DocumentEntity[] = [];
  for (const b of doc.blocks)
    for (const m of b.marks)
      if (m.kind === "entity")
        out.push({ blockId: b.id, start: m.start, end: m.end, type: m.type, text: b.text.slice(m.start, m.end), ref: m.ref, when: m.when });
  return out;
}
