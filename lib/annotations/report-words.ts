/**
 * The Markdown report's own words in the reader's language, from the "Report" and "Links.relation"
 * namespaces of messages/{de,en,ru}.json. Formatted with intl-messageformat (the ICU formatter next-intl
 * uses) because lib/ stays framework-free, as lib/content/errors.ts does.
 */
import { IntlMessageFormat } from "intl-messageformat";
import de from "../../messages/de.json";
import en from "../../messages/en.json";
import ru from "../../messages/ru.json";

export const REPORT_LOCALES = ["de", "en", "ru"] as const;
export type ReportLocale = (typeof REPORT_LOCALES)[number];
const MESSAGES = { de, en, ru } as const;

export function isReportLocale(v: unknown): v is ReportLocale {
  return typeof v === "string" && (REPORT_LOCALES as readonly string[]).includes(v);
}

type Report = (typeof en)["Report"];
type Relations = (typeof en)["Links"]["relation"];

export interface ReportWords {
  /** A key of the Report namespace ("kind.replying" reaches nested ones). */
  t(key: string, values?: Record<string, string | number>): string;
  /** "same-event" → "same event" (never the slug). */
  relation(slug: string): string;
}

export function reportWords(locale: ReportLocale = "en"): ReportWords {
  const messages = MESSAGES[locale];
  const report = messages.Report as Report;
  const relations = messages.Links.relation as Relations;
  return {
    t(key, values) {
      const raw = key
        .split(".")
        .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), report);
      if (typeof raw !== "string") return key;
      return String(new IntlMessageFormat(raw, locale).format(values));
    },
    relation: (slug) => (relations as Record<string, string>)[slug] ?? slug,
  };
}
