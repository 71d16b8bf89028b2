import { getFormatter, getTranslations } from "next-intl/server";
import type { DocumentMeta } from "@/lib/content/types";
import { parsePartialDate } from "@/lib/reader/dates";
import { Link } from "@/i18n/navigation";

export interface LibraryEntry {
  meta: DocumentMeta;
  words: number;
}

/** Every document with its title, author, language, kind, date and length; a checkbox and a "Read" link each. */
export default async function DocumentTable({ entries }: { entries: LibraryEntry[] }) {
  const t = await getTranslations("Library");
  const d = await getTranslations("Document");
  const format = await getFormatter();
  return (
    <table className="library-table">
      <caption>{t("caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("colSelect")}</th>
          <th scope="col">{t("colTitle")}</th>
          <th scope="col">{t("colAuthor")}</th>
          <th scope="col">{t("colLanguage")}</th>
          <th scope="col">{t("colKind")}</th>
          <th scope="col">{t("colDate")}</th>
          <th scope="col" className="num">
            {t("colLength")}
          </th>
          <th scope="col">{t("colOpen")}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(({ meta, words }) => {
          const title = meta.title ?? d("untitled");
          const date = parsePartialDate(meta.date);
          const checkboxId = `pick-${meta.slug}`;
          return (
            <tr key={meta.slug}>
              <td>
                <input type="checkbox" name="d" value={meta.slug} id={checkboxId} aria-label={t("select", { title })} />
              </td>
              <th scope="row">
                <label htmlFor={checkboxId} lang={meta.title ? meta.lang : undefined} className="library-title">
                  {title}
                </label>
                {meta.subtitle ? (
                  <span className="library-subtitle" lang={meta.lang}>
                    {meta.subtitle}
                  </span>
                ) : null}
              </th>
              <td lang={meta.author ? meta.lang : undefined}>{meta.author ?? <span className="muted">{t("authorUnknown")}</span>}</td>
              <td>{d(`language.${meta.lang}` as const)}</td>
              <td>{d(`kind.${meta.kind}` as const)}</td>
              <td>{date ? format.dateTime(date.date, date.options) : <span className="muted">{t("undated")}</span>}</td>
              <td className="num">{t("words", { count: words })}</td>
              <td>
                <Link href={`/read?p=${meta.slug}`} aria-label={t("readTitle", { title })}>
                  {t("read")}
                </Link>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
