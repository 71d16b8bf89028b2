/**
 * The document renderer's labels for a route handler: the same "Document" messages the reader page uses
 * (components/reader/documentLabels.ts), through next-intl's request-free translator, since a route has no
 * page locale to read them from. Windows never show the header, so the date format only needs to be close.
 */
import { createFormatter, createTranslator } from "next-intl";
import type { AppLocale } from "@/i18n/routing";
import type { DocumentLabels } from "@/lib/reader/html";
import { parsePartialDate } from "@/lib/reader/dates";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";

const MESSAGES = { de, en, ru } as const;
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function windowLabels(locale: AppLocale): DocumentLabels {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "Document" });
  const format = createFormatter({ locale, timeZone });
  return {
    uiLang: locale,
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
      return date ? format.dateTime(date.date, date.options) : value;
    },
    source: t("source"),
  };
}
