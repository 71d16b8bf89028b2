/**
 * The document renderer's labels for a route handler: the same "Document" messages the reader page uses
 * (components/reader/documentLabels.ts), through next-intl's request-free translator, since a route has no
 * page locale to read them from.
 */
import { createFormatter, createTranslator } from "next-intl";
import type { AppLocale } from "@/i18n/routing";
import type { DocumentLabels } from "@/lib/reader/html";
import { documentLabelsFrom } from "@/lib/reader/labels";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";

const MESSAGES = { de, en, ru } as const;
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function windowLabels(locale: AppLocale): DocumentLabels {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "Document" });
  const format = createFormatter({ locale, timeZone });
  return documentLabelsFrom(
    locale,
    (key, values) => t(key as Parameters<typeof t>[0], values),
    (date, options) => format.dateTime(date, options),
  );
}
