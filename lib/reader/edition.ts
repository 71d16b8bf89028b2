/**
 * Reading and diplomatic views of an edition (TEI). Block.text is the reading text; the diplomatic view only
 * shows other things beside it (see lib/reader/html renderEdition), so both views anchor the same notes.
 * A pane offers the switch when its text has something that differs between the two.
 */
import type { SynopseDocument } from "@/lib/content/types";

export type EditionView = "reading" | "diplomatic";
export const EDITION_VIEWS: readonly EditionView[] = ["reading", "diplomatic"];

/** Whether the two views of this document differ (an original spelling, an abbreviation, a deletion, an addition …). */
export function hasEditionViews(doc: SynopseDocument): boolean {
  return doc.blocks.some((b) => b.marks.some((m) => m.kind === "variant" || (m.kind === "edit" && m.type !== "unclear")));
}
