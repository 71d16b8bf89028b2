import { getLocale, getTranslations } from "next-intl/server";
import ImportForm from "./ImportForm";

const FORMATS = ["md", "csv", "jsonld"] as const;
const SCOPES = ["seminar", "mine"] as const;

/** Downloads (three formats × the whole seminar or one's own annotations) and the JSON-LD import form. */
export default async function ExportSection({ seminarId }: { seminarId: string }) {
  const t = await getTranslations("Export");
  const base = `/api/seminars/${encodeURIComponent(seminarId)}/export`;
  const locale = await getLocale();
  return (
    <section className="export-section" aria-labelledby="export-heading">
      <h2 id="export-heading">{t("heading")}</h2>
      <p>{t("intro")}</p>
      {SCOPES.map((scope) => (
        <div key={scope}>
          <h3 id={`export-${scope}`}>{t(`scope.${scope}`)}</h3>
          <ul aria-labelledby={`export-${scope}`}>
            {FORMATS.map((format) => (
              <li key={format}>
                {/* A plain link: the route answers with Content-Disposition: attachment. */}
                <a href={`${base}?format=${format}&scope=${scope}${format === "md" ? `&lang=${locale}` : ""}`} download>
                  {t(`format.${format}`)}
                  <span className="visually-hidden"> – {t(`scope.${scope}`)}</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <h3>{t("importHeading")}</h3>
      <ImportForm seminarId={seminarId} />
    </section>
  );
}
