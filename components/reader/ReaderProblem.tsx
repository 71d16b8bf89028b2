import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import type { DocumentMeta } from "@/lib/content/types";
import type { LayoutProblem } from "@/lib/reader/layout";

export type ReaderProblemKind = LayoutProblem | { kind: "unknown-document"; slug: string };

/** What is wrong with a reader address, in words, and where to go instead. */
export default async function ReaderProblem({ problem, documents }: { problem: ReaderProblemKind; documents: DocumentMeta[] }) {
  const t = await getTranslations("Reader");
  const d = await getTranslations("Document");
  const errors = await getTranslations("Errors");
  const message = (() => {
    switch (problem.kind) {
      case "no-documents":
        return t("problemNoDocuments");
      case "too-many":
        return t("problemTooMany", { count: problem.count });
      case "bad-slug":
        return t("problemBadSlug", { value: problem.value });
      case "bad-block":
        return t("problemBadBlock", { value: problem.value });
      case "bad-range":
        return t("problemBadRange", { value: problem.value });
      case "unknown-document":
        return t("problemUnknownDocument", { slug: problem.slug });
    }
  })();
  return (
    <div className="problem">
      <h1>{t("problemTitle")}</h1>
      <p>{message}</p>
      {documents.length > 0 ? (
        <>
          <h2>{t("available")}</h2>
          <ul className="problem-documents">
            {documents.map((m) => (
              <li key={m.slug}>
                <Link href={`/read?p=${m.slug}`} lang={m.title ? m.lang : undefined}>
                  {m.title ?? d("untitled")}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link href="/">{errors("backToLibrary")}</Link>
      </p>
    </div>
  );
}
