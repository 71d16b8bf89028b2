import { getFormatter, getTranslations } from "next-intl/server";
import type { DocumentLabels } from "@/lib/reader/html";
import { parsePartialDate } from "@/lib/reader/dates";
import type { AppLocale } from "@/i18n/routing";

/** The translated labels the document renderer puts around the text, for the current request's locale. */
export async function documentLabels(locale: AppLocale): Promise<DocumentLabels> {
  const t = await getTranslations({ locale, namespace: "Document" });
  const format = await getFormatter({ locale });
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
