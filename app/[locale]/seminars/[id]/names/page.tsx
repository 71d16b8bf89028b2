import { getTranslations, setRequestLocale } from "next-intl/server";
import ListCsvSection from "@/components/links/ListCsvSection";
import { notFound, redirect } from "next/navigation";
import { Link } from "@/i18n/navigation";
import SiteHeader from "@/components/site/SiteHeader";
import { isAppError } from "@/lib/errors";
import { NAME_KINDS, NAME_LANGUAGES } from "@/lib/links/names/types";
import { listNames } from "@/lib/links/names/store";
import { libraryNames } from "@/lib/links/library-lists";
import { getSeminar } from "@/lib/seminars";
import { currentUser } from "../../../(account)/session";
import "../../../(account)/forms.css";
import "@/components/links/links.css";
import { Notice } from "../../Notice";
import { deleteNameAction, importNamesAction, saveNameAction, startNamesFromLibraryAction } from "./actions";

type Props = { params: Promise<{ locale: string; id: string }>; searchParams: Promise<Record<string, string | undefined>> };

export const dynamic = "force-dynamic";

/** Every parameter a problem message may name, so a message never lacks one (ICU would fail). */
const PROBLEM_PARAMS = ["line", "value", "max", "kinds", "lang", "other", "detail", "expected", "found"] as const;

/**
 * The seminar's name list: people, places, organisations and works with their spellings in German, English
 * and Russian, and years or roles that tell namesakes apart. Link suggestions use it as evidence. Every
 * member reads it (searchable, paginated); instructors edit rows in place, add, delete, import and export CSV.
 */
export default async function NamesPage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale as "en");
  const user = await currentUser();
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(`/${locale}/seminars/${id}/names`)}`);
  const seminar = await getSeminar(user.id, id).catch((e) => {
    if (isAppError(e) && e.code === "not-found") notFound();
    throw e;
  });
  const sp = await searchParams;
  const q = (sp.q ?? "").slice(0, 100);
  const list = await listNames(user.id, id, { q, page: Number(sp.page ?? 1) || 1 });
  const t = await getTranslations("Names");
  const tl = await getTranslations("SeminarLists");
  const editable = seminar.role === "instructor";
  const libraryCount = editable && list.total === 0 ? libraryNames().length : 0;
  const detail = Object.fromEntries(PROBLEM_PARAMS.map((p) => [p, sp[`e_${p}`] ?? ""]));
  // A reason code from the query, checked against the messages before it is used as a key.
  const problemKey = `problem.${sp.e_problem ?? ""}` as "problem.no-variant";
  const problem = sp.e_problem && t.has(problemKey) ? t(problemKey, detail) : null;
  const pageHref = (page: number) => `/seminars/${id}/names?${new URLSearchParams({ ...(q ? { q } : {}), page: String(page) })}`;
  const hidden = (
    <>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="seminarId" value={id} />
      {q ? <input type="hidden" name="q" value={q} /> : null}
      {list.page > 1 ? <input type="hidden" name="page" value={list.page} /> : null}
    </>
  );
  const kindSelect = (formId: string | undefined, value: string, label: string) => (
    <select name="kind" form={formId} defaultValue={value} aria-label={label}>
      {NAME_KINDS.map((k) => (
        <option key={k} value={k}>
          {t(`kind.${k}`)}
        </option>
      ))}
    </select>
  );

  return (
    <div className="page">
      <SiteHeader />
      <main id="main" className="seminar-page glossary-page names-page">
        <p>
          <Link href={`/seminars/${id}`}>{seminar.title}</Link>
        </p>
        <h1>{t("title", { title: seminar.title })}</h1>
        <p>{t("intro")}</p>
        {sp.error === "invalid-csv" ? (
          <p role="alert" className="form-error">
            {t("csvLine", { line: sp.e_line ?? "1", reason: problem ?? t("problem.csv-malformed", detail) })}
          </p>
        ) : sp.error === "invalid-name" ? (
          <p role="alert" className="form-error">
            {problem ?? t("problem.no-variant")}
          </p>
        ) : sp.error === "conflict" && sp.e_reason === "list-not-empty" ? (
          <p role="alert" className="form-error">
            {tl("notEmpty")}
          </p>
        ) : sp.error === "name-duplicate" ? (
          <p role="alert" className="form-error">
            {t("duplicate", { other: sp.e_other ?? "" })}
          </p>
        ) : (
          <Notice error={sp.error} saved={sp.added === undefined ? sp.saved : undefined} />
        )}
        {sp.added !== undefined && !sp.error ? (
          <p role="status" className="form-saved">
            {t("imported", { added: Number(sp.added) || 0, skipped: Number(sp.skipped) || 0, removed: Number(sp.removed) || 0 })}
          </p>
        ) : null}

        {libraryCount > 0 ? (
          <section aria-labelledby="names-library" className="list-from-library">
            <h2 id="names-library" className="visually-hidden">
              {tl("fromLibrary")}
            </h2>
            <p>{tl("fromLibraryIntro", { count: libraryCount })}</p>
            <form action={startNamesFromLibraryAction}>
              {hidden}
              <button type="submit">{tl("fromLibrary")}</button>
            </form>
          </section>
        ) : null}

        <search>
          <form method="get" className="names-search">
            <label>
              {t("searchLabel")} <input type="search" name="q" defaultValue={q} maxLength={100} />
            </label>{" "}
            <button type="submit">{t("search")}</button>
            {q ? (
              <>
                {" "}
                <Link href={`/seminars/${id}/names`}>{t("showAll")}</Link>
              </>
            ) : null}
          </form>
        </search>
        <p className="seminar-meta">{q ? t("countMatching", { matching: list.matching, total: list.total }) : t("count", { count: list.total })}</p>

        {editable ? (
          <section aria-labelledby="names-add">
            <h2 id="names-add">{t("addHeading")}</h2>
            <form action={saveNameAction} className="glossary-entry">
              {hidden}
              <div className="names-fields">
                <label>
                  {t("column.kind")} {kindSelect(undefined, "person", t("column.kind"))}
                </label>
                {NAME_LANGUAGES.map((lang) => (
                  <label key={lang}>
                    {t(`lang.${lang}`)} <input name={lang} lang={lang} aria-describedby="names-hint" />
                  </label>
                ))}
                <label>
                  {t("column.years")} <input name="years" inputMode="numeric" aria-describedby="names-hint" />
                </label>
                <label>
                  {t("column.roles")} <input name="roles" aria-describedby="names-hint" />
                </label>
              </div>
              <p id="names-hint" className="hint">
                {t("hint")}
              </p>
              <button type="submit">{t("add")}</button>
            </form>
          </section>
        ) : (
          <p className="hint">{t("readOnly")}</p>
        )}

        <section aria-labelledby="names-list">
          <h2 id="names-list">{t("listHeading")}</h2>
          {list.entries.length === 0 ? (
            <p>{q ? t("noneMatching") : t("none")}</p>
          ) : (
            <table className="glossary-table names-table">
              <thead>
                <tr>
                  <th scope="col">{t("column.kind")}</th>
                  {NAME_LANGUAGES.map((lang) => (
                    <th key={lang} scope="col">
                      {t(`lang.${lang}`)}
                    </th>
                  ))}
                  <th scope="col">{t("column.years")}</th>
                  <th scope="col">{t("column.roles")}</th>
                  {editable ? <th scope="col">{t("column.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {list.entries.map((e) => {
                  const rowId = `name-${e.id}`;
                  const formId = `${rowId}-form`;
                  const head = e.variants.de[0] ?? e.variants.en[0] ?? e.variants.ru[0] ?? "";
                  return editable ? (
                    <tr key={e.id} id={rowId}>
                      <td>{kindSelect(formId, e.kind, t("cellLabel", { column: t("column.kind"), name: head }))}</td>
                      {NAME_LANGUAGES.map((lang) => (
                        <td key={lang}>
                          <input
                            form={formId}
                            name={lang}
                            lang={lang}
                            defaultValue={e.variants[lang].join(" | ")}
                            aria-label={t("cellLabel", { column: t(`lang.${lang}`), name: head })}
                          />
                        </td>
                      ))}
                      <td>
                        <input
                          form={formId}
                          name="years"
                          inputMode="numeric"
                          size={8}
                          defaultValue={e.years.join(" | ")}
                          aria-label={t("cellLabel", { column: t("column.years"), name: head })}
                        />
                      </td>
                      <td>
                        <input
                          form={formId}
                          name="roles"
                          defaultValue={e.roles.join(" | ")}
                          aria-label={t("cellLabel", { column: t("column.roles"), name: head })}
                        />
                      </td>
                      <td className="names-actions">
                        <form id={formId} action={saveNameAction}>
                          {hidden}
                          <input type="hidden" name="entryId" value={e.id} />
                        </form>
                        <button type="submit" form={formId} formAction={saveNameAction} aria-label={t("saveLabel", { name: head })}>
                          {t("save")}
                        </button>{" "}
                        <button
                          type="submit"
                          form={formId}
                          formAction={deleteNameAction}
                          className="button-danger"
                          aria-label={t("deleteLabel", { name: head })}
                        >
                          {t("delete")}
                        </button>
                      </td>
                    </tr>
                  ) : (
                    <tr key={e.id}>
                      <td>{t(`kind.${e.kind}`)}</td>
                      {NAME_LANGUAGES.map((lang) => (
                        <td key={lang} lang={lang}>
                          {e.variants[lang].join(" · ")}
                        </td>
                      ))}
                      <td>{e.years.join(", ")}</td>
                      <td>{e.roles.join(" · ")}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {list.pages > 1 ? (
            <nav aria-label={t("pagesLabel")} className="names-pages">
              {list.page > 1 ? <Link href={pageHref(list.page - 1)}>{t("previous")}</Link> : null}{" "}
              <span>{t("pageOf", { page: list.page, pages: list.pages })}</span>{" "}
              {list.page < list.pages ? <Link href={pageHref(list.page + 1)}>{t("next")}</Link> : null}
            </nav>
          ) : null}
        </section>

        {editable ? (
          <ListCsvSection list="Names" exportHref={`/api/seminars/${encodeURIComponent(id)}/names`} action={importNamesAction} hidden={hidden} />
        ) : null}
      </main>
    </div>
  );
}
