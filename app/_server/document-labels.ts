import { getFormatter, getTranslations } from "next-intl/server";
import type { DocumentLabels } from "@/lib/reader/html";
import { documentLabelsFrom } from "@/lib/reader/labels";
import type { AppLocale } from "@/i18n/routing";

/** The translated labels the document renderer puts around the text, for the current request's locale. */
export async function documentLabels(locale: AppLocale): Promise<DocumentLabels> {
  const t = await getTranslations({ locale, namespace: "Document" });
  const format = await getFormatter({ locale });
  return documentLabelsFrom(
    locale,
    (key, values) => t(key as Parameters<typeof t>[0], values),
    (date, options) => format.dateTime(date, options),
  );
}
