import { getTranslations, setRequestLocale } from "next-intl/server";
import ListCsvSection from "@/components/links/ListCsvSection";
import { notFound, redirect } from "next/navigation";
import { Link } from "@/i18n/navigation";
import SiteHeader from "@/components/site/SiteHeader";
import { isAppError } from "@/lib/errors";
import { listGlossary } from "@/lib/links/glossary-store";
import { GLOSSARY_LANGS, glossaryHead, viewGlossary, type GlossaryLang } from "@/lib/links/glossary-table";
import { libraryGlossary } from "@/lib/links/library-lists";
import { getSeminar } from "@/lib/seminars";
import { currentUser } from "../../../(account)/session";
import "../../../(account)/forms.css";
import "@/components/links/links.css";
import { Notice } from "../../Notice";
import { deleteGlossaryEntryAction, importGlossaryAction, saveGlossaryEntryAction, startGlossaryFromLibraryAction } from "./actions";

type Props = { params: Promise<{ locale: string; id: string }>; searchParams: Promise<Record<string, string | undefined>> };

export const dynamic = "force-dynamic";

/** Every parameter a problem message may name, so a message never lacks one (ICU would fail). */
const PROBLEM_PARAMS = ["line", "value", "max", "lang", "other", "detail", "expected", "found"] as const;

/**
 * The seminar glossary: equivalent terms in German, English and Russian, used by link suggestions and by
 * search. A table every member can search and sort; instructors edit a row in place (one term per line in
 * each cell), add and delete entries. A term another entry already has is refused with that entry's name and
 * a link to it, and what the instructor typed stays in the form. Instructors import and export the glossary as
 * CSV, and an empty glossary can start from the library's (lib/links/library-lists).
 */
export default async function GlossaryPage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale as "en");
  const user = await currentUser();
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(`/${locale}/seminars/${id}/glossary`)}`);
  const seminar = await getSeminar(user.id, id).catch((e) => {
    if (isAppError(e) && e.code === "not-found") notFound();
    throw e;
  });
  const sp = await searchParams;
  const q = (sp.q ?? "").slice(0, 100);
  const view = viewGlossary(await listGlossary(user.id, id), { q, sort: sp.sort, dir: sp.dir, page: Number(sp.page ?? 1) || 1 });
  const t = await getTranslations("Glossary");
  const tl = await getTranslations("SeminarLists");
  const editable = seminar.role === "instructor";
  const libraryCount = editable && view.total === 0 ? libraryGlossary().length : 0;
  // A reason code from the query, checked against the messages before it is used as a key.
  const detail = Object.fromEntries(PROBLEM_PARAMS.map((p) => [p, sp[`e_${p}`] ?? ""]));
  const problemKey = `problem.${sp.e_problem ?? ""}` as "problem.no-term";
  const problem = sp.e_problem && tl.has(problemKey) ? tl(problemKey, detail) : null;
  const langName = (lang: string) => ((GLOSSARY_LANGS as readonly string[]).includes(lang) ? t(`lang.${lang as GlossaryLang}`) : lang);

  // The view (search, sort, page) as a query, for links and for the forms' hidden fields.
  const viewQuery = (change: Record<string, string | number | undefined> = {}) => {
    const all: Record<string, string | number | undefined> = {
      q: q || undefined,
      sort: view.sort === "de" ? undefined : view.sort,
      dir: view.dir === "asc" ? undefined : view.dir,
      page: view.page > 1 ? view.page : undefined,
      ...change,
    };
    return new URLSearchParams(
      Object.entries(all)
        .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== "")
        .map(([k, v]) => [k, String(v)]),
    );
  };
  const href = (change: Record<string, string | number | undefined> = {}) => {
    const query = viewQuery(change).toString();
    return `/seminars/${id}/glossary${query ? `?${query}` : ""}`;
  };
  const hidden = (
    <>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="seminarId" value={id} />
      {[...viewQuery()].map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </>
  );

  // A refused save hands back what was typed (actions.ts), for the row it came from.
  const returned = sp.error ? { entry: sp.e_entry ?? "", terms: { de: sp.e_de ?? "", en: sp.e_en ?? "", ru: sp.e_ru ?? "" } } : null;
  const initial = (entryId: string, lang: GlossaryLang, terms?: Record<GlossaryLang, string[]>) =>
    returned && returned.entry === entryId ? returned.terms[lang] : (terms?.[lang] ?? []).join("\n");
  const rows = (value: string) => Math.max(1, value.split("\n").length);
  const duplicate =
    sp.error === "name-duplicate" && sp.e_term ? (
      <p role="alert" className="form-error">
        {t("duplicate", { term: sp.e_term, lang: langName(sp.e_lang ?? ""), other: sp.e_other ?? "" })}{" "}
        {sp.e_other ? (
          <Link href={`/seminars/${id}/glossary?${new URLSearchParams({ q: sp.e_term })}#entry-${encodeURIComponent(sp.e_otherId ?? "")}`}>
            {t("showOther", { other: sp.e_other })}
          </Link>
        ) : null}
      </p>
    ) : null;

  const sortHeader = (lang: GlossaryLang) => {
    const active = view.sort === lang;
    const next = active && view.dir === "asc" ? "desc" : "asc";
    return (
      <th key={lang} scope="col" aria-sort={active ? (view.dir === "asc" ? "ascending" : "descending") : "none"}>
        <Link
          href={href({ sort: lang === "de" ? undefined : lang, dir: next === "asc" ? undefined : next, page: undefined })}
          aria-label={active ? t(view.dir === "asc" ? "sortedAsc" : "sortedDesc", { column: langName(lang) }) : t("sortBy", { column: langName(lang) })}
        >
          {langName(lang)}
          <span aria-hidden="true" className="sort-mark">
            {active ? (view.dir === "asc" ? " ▲" : " ▼") : " ↕"}
          </span>
        </Link>
      </th>
    );
  };

  return (
    <div className="page">
      <SiteHeader />
      <main id="main" className="seminar-page glossary-page">
        <p>
          <Link href={`/seminars/${id}`}>{seminar.title}</Link>
        </p>
        <h1>{t("title", { title: seminar.title })}</h1>
        <p>{t("intro")}</p>
        {duplicate ??
          (sp.error === "invalid-csv" ? (
            <p role="alert" className="form-error">
              {tl("csvLine", { line: sp.e_line ?? "1", reason: problem ?? tl("problem.csv-malformed", detail) })}
            </p>
          ) : sp.error === "invalid-request" && problem ? (
            <p role="alert" className="form-error">
              {problem}
            </p>
          ) : sp.error === "conflict" && sp.e_reason === "list-not-empty" ? (
            <p role="alert" className="form-error">
              {tl("notEmpty")}
            </p>
          ) : (
            <Notice error={sp.error} saved={sp.added === undefined ? sp.saved : undefined} />
          ))}
        {sp.added !== undefined && !sp.error ? (
          <p role="status" className="form-saved">
            {tl("imported", { added: Number(sp.added) || 0, skipped: Number(sp.skipped) || 0, removed: Number(sp.removed) || 0 })}
          </p>
        ) : null}
        {libraryCount > 0 ? (
          <section aria-labelledby="glossary-library" className="list-from-library">
            <h2 id="glossary-library" className="visually-hidden">
              {tl("fromLibrary")}
            </h2>
            <p>{tl("fromLibraryIntro", { count: libraryCount })}</p>
            <form action={startGlossaryFromLibraryAction}>
              {hidden}
              <button type="submit">{tl("fromLibrary")}</button>
            </form>
          </section>
        ) : null}

        <search>
          <form method="get" className="names-search">
            {view.sort !== "de" ? <input type="hidden" name="sort" value={view.sort} /> : null}
            {view.dir !== "asc" ? <input type="hidden" name="dir" value={view.dir} /> : null}
            <label>
              {t("searchLabel")} <input type="search" name="q" defaultValue={q} maxLength={100} />
            </label>{" "}
            <button type="submit">{t("search")}</button>
            {q ? (
              <>
                {" "}
                <Link href={href({ q: undefined, page: undefined })}>{t("showAll")}</Link>
              </>
            ) : null}
          </form>
        </search>
        <p className="seminar-meta">{q ? t("countMatching", { matching: view.matching, total: view.total }) : t("count", { count: view.total })}</p>

        {editable ? (
          <section aria-labelledby="glossary-add">
            <h2 id="glossary-add">{t("addHeading")}</h2>
            <form action={saveGlossaryEntryAction} className="glossary-entry">
              {hidden}
              <div className="glossary-columns">
                {GLOSSARY_LANGS.map((lang) => (
                  <label key={lang} className="glossary-terms">
                    {langName(lang)}
                    <textarea
                      name={lang}
                      lang={lang}
                      rows={Math.max(2, rows(initial("new", lang)))}
                      defaultValue={initial("new", lang)}
                      aria-describedby="new-hint"
                    />
                  </label>
                ))}
              </div>
              <p id="new-hint" className="hint">
                {t("termsHint")}
              </p>
              <button type="submit">{t("add")}</button>
            </form>
          </section>
        ) : (
          <p className="hint">{t("readOnly")}</p>
        )}

        <section aria-labelledby="glossary-entries">
          <h2 id="glossary-entries">{t("entriesHeading")}</h2>
          {view.entries.length === 0 ? (
            <p>{q ? t("noneMatching") : t("none")}</p>
          ) : (
            <table className="glossary-table">
              <caption className="visually-hidden">{t("tableCaption")}</caption>
              <thead>
                <tr>
                  {GLOSSARY_LANGS.map(sortHeader)}
                  {editable ? <th scope="col">{t("actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {view.entries.map((e) => {
                  const name = glossaryHead(e.terms) || t("unnamed");
                  const formId = `entry-${e.id}-form`;
                  return (
                    <tr key={e.id} id={`entry-${e.id}`}>
                      {GLOSSARY_LANGS.map((lang) =>
                        editable ? (
                          <td key={lang}>
                            <textarea
                              form={formId}
                              name={lang}
                              lang={lang}
                              className="glossary-cell"
                              rows={rows(initial(e.id, lang, e.terms))}
                              defaultValue={initial(e.id, lang, e.terms)}
                              aria-label={t("cellLabel", { lang: langName(lang), name })}
                              aria-describedby="new-hint"
                            />
                          </td>
                        ) : (
                          <td key={lang} lang={lang}>
                            {e.terms[lang].map((term, i) => (
                              <span key={i} className="glossary-term">
                                {term}
                              </span>
                            ))}
                          </td>
                        ),
                      )}
                      {editable ? (
                        <td className="names-actions">
                          <form id={formId} action={saveGlossaryEntryAction}>
                            {hidden}
                            <input type="hidden" name="entryId" value={e.id} />
                          </form>
                          <button type="submit" form={formId} aria-label={t("saveLabel", { name })}>
                            {t("save")}
                          </button>{" "}
                          <button
                            type="submit"
                            form={formId}
                            formAction={deleteGlossaryEntryAction}
                            className="button-danger"
                            aria-label={t("deleteNamed", { name })}
                          >
                            {t("delete")}
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {view.pages > 1 ? (
            <nav aria-label={t("pagesLabel")} className="names-pages">
              {view.page > 1 ? <Link href={href({ page: view.page - 1 })}>{t("previous")}</Link> : null}{" "}
              <span>{t("pageOf", { page: view.page, pages: view.pages })}</span>{" "}
              {view.page < view.pages ? <Link href={href({ page: view.page + 1 })}>{t("next")}</Link> : null}
            </nav>
          ) : null}
        </section>

        {editable ? (
          <ListCsvSection list="Glossary" exportHref={`/api/seminars/${encodeURIComponent(id)}/glossary`} action={importGlossaryAction} hidden={hidden} />
        ) : null}
      </main>
    </div>
  );
}
