/**
 * The labels the document renderer (./html.ts) puts around a text, built from the interface's "Document"
 * messages. Framework-free: the caller passes a translator for that namespace and a date formatter — the
 * reader page gets them from next-intl's request, the window route and the benchmark from the message files.
 */
import type { DocumentLabels } from "./html";
import { parsePartialDate, type PartialDateOptions } from "./dates";

/** A translator for the "Document" namespace (next-intl's `t`). */
export type DocumentTranslator = (key: string, values?: Record<string, string | number>) => string;

export function documentLabelsFrom(uiLang: string, t: DocumentTranslator, formatDateTime: (date: Date, options: PartialDateOptions) => string): DocumentLabels {
  return {
    uiLang,
    untitled: t("untitled"),
    notes: t("notes"),
    noteMarker: (label) => t("noteMarker", { label }),
    backToMarker: (label) => t("backToMarker", { label }),
    noteMissing: t("noteMissing"),
    noteTruncated: t("noteTruncated"),
    post: (n) => t("post", { n }),
    comment: (n) => t("comment", { n }),
    bio: t("bio"),
    unknownMember: t("unknownMember"),
    authorInferred: t("authorInferred"),
    edited: t("edited"),
    quotingPost: (n, author) => t("quotingPost", { n, author }),
    quotingOutside: t("quotingOutside"),
    quotedFrom: (attribution) => t("quotedFrom", { attribution }),
    formatDate: (value) => {
      const date = parsePartialDate(value);
      return date ? formatDateTime(date.date, date.options) : value;
    },
    source: t("source"),
    licence: t("licence"),
    page: (n) => t("page", { n }),
    gap: (reason) => t("gap", { reason: reason ?? "none" }),
  };
}
