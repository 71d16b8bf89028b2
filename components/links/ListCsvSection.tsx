import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";

/**
 * A seminar list's CSV section (the glossary's, the name list's): export the list, or import a file that adds
 * to it or replaces it. Its words are the list's own messages (`list` names their namespace, and the file);
 * `hidden` carries the form's hidden fields (locale, seminar, the page's view).
 */
export default async function ListCsvSection({
  list,
  exportHref,
  action,
  hidden,
}: {
  list: "Glossary" | "Names";
  exportHref: string;
  action: (form: FormData) => Promise<void>;
  hidden: ReactNode;
}) {
  const t = await getTranslations(list);
  const headingId = `${list.toLowerCase()}-csv`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("csvHeading")}</h2>
      <p>{t("csvIntro")}</p>
      <p>
        <a href={exportHref} download={`${list.toLowerCase()}.csv`}>
          {t("export")}
        </a>
      </p>
      <form action={action} className="glossary-entry">
        {hidden}
        <label>
          {t("importFile")} <input type="file" name="file" accept=".csv,text/csv" required />
        </label>
        <fieldset>
          <legend>{t("importMode")}</legend>
          <label>
            <input type="radio" name="mode" value="add" defaultChecked /> {t("modeAdd")}
          </label>{" "}
          <label>
            <input type="radio" name="mode" value="replace" /> {t("modeReplace")}
          </label>
        </fieldset>
        <button type="submit">{t("import")}</button>
      </form>
    </section>
  );
}
