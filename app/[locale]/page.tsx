import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { routing } from "@/i18n/routing";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { listDocuments, getDocument } from "@/lib/content/store";
import { countWords } from "@/lib/text/words";
import SiteHeader from "@/components/site/SiteHeader";
import LibraryForm from "@/components/library/LibraryForm";
import ClientMessages from "@/components/site/ClientMessages";
import DocumentTable, { type LibraryEntry } from "@/components/library/DocumentTable";

// Reads the corpus from content/documents at request time, never at build time.
export const dynamic = "force-dynamic";

const wordCounts = new Map<string, number>();

/** Word count per document version (documents change only with a content rebuild). */
function wordsIn(slug: string): number {
  const doc = getDocument(slug);
  if (!doc) return 0;
  const key = `${slug}@${doc.version}`;
  let n = wordCounts.get(key);
  if (n === undefined) {
    n = countWords(doc.blocks.map((b) => b.text).join(" "));
    wordCounts.set(key, n);
  }
  return n;
}

export default async function LibraryPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations("Library");
  const entries: LibraryEntry[] = listDocuments().map((meta) => ({ meta, words: wordsIn(meta.slug) }));
  return (
    <div className="page">
      <SiteHeader />
      <main id="main" className="library">
        <h1>{t("title")}</h1>
        <p className="lead">{t("intro")}</p>
        {entries.length === 0 ? (
          <p>{t("empty")}</p>
        ) : (
          <ClientMessages scopes={["library"]}>
            <LibraryForm action={`/${locale}/read`}>
              <DocumentTable entries={entries} />
            </LibraryForm>
          </ClientMessages>
        )}
      </main>
    </div>
  );
}
