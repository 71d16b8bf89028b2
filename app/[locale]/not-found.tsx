import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { listDocuments } from "@/lib/content/store";
import SiteHeader from "@/components/site/SiteHeader";

/** Any unknown address under a locale: say so in the reader's language and offer the way back. */
export default async function LocaleNotFound() {
  const t = await getTranslations("Errors");
  const nf = await getTranslations("NotFound");
  const reader = await getTranslations("Reader");
  const d = await getTranslations("Document");
  const documents = listDocuments();
  return (
    <div className="page">
      <SiteHeader />
      <main id="main" className="problem">
        <h1>{t("notFoundTitle")}</h1>
        <p>{t("notFoundBody")}</p>
        <p>
          <Link href="/">{t("backToLibrary")}</Link>
        </p>
        {documents.length > 0 ? (
          <>
            <h2>{nf("documents")}</h2>
            <ul className="problem-documents">
              {documents.map((m) => (
                <li key={m.slug}>
                  <Link href={`/read?p=${m.slug}`} lang={m.title ? m.lang : undefined} aria-label={reader("readThis", { title: m.title ?? d("untitled") })}>
                    {m.title ?? d("untitled")}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </main>
    </div>
  );
}
