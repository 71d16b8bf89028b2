import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { routing } from "@/i18n/routing";
import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { redirect } from "@/i18n/navigation";
import { getDocument, hasDocument, isLibraryDocument, listDocuments, preloadDocuments } from "@/lib/content/store";
import { formatLayout, MAX_PANES, parseLayout, queryFromRecord, slugsFromLibraryForm } from "@/lib/reader/layout";
import SiteHeader from "@/components/site/SiteHeader";
import Reader, { type PaneData } from "@/components/reader/Reader";
import ReaderProblem from "@/components/reader/ReaderProblem";
import { paneText } from "@/components/reader/paneText";
import { documentLabels } from "@/app/_server/document-labels";
import { hasEditionViews } from "@/lib/reader/edition";
import { cache, Suspense } from "react";
import MemberNotes from "@/components/annotations/MemberNotes";
import { MemberNotesPart, PaneHeat } from "./member";
import { anchorLiveNotes } from "./actions";
import { loadReaderNotes } from "@/lib/reader-notes/load";
import { memberHeat } from "@/lib/reader-notes/member-parts";
import { canReadDocument } from "@/lib/seminars";
import { requestUser } from "@/app/_server/request-user";
import ClientMessages from "@/components/site/ClientMessages";
import MemberSession from "@/components/annotations/MemberSession";
import DeferredHeat from "@/components/teaching/DeferredHeat";
import { headers } from "next/headers";
import { PAGE_VARIANT_HEADER } from "@/lib/http/stored-pages";

/** The first pane's text the viewer may not read (uploaded texts belong to their seminars), as if unknown. */
async function firstUnreadable(slugs: readonly string[]): Promise<string | undefined> {
  const user = await requestUser().catch(() => null);
  for (const slug of slugs) if (!(await canReadDocument(user?.id ?? null, slug, isLibraryDocument))) return slug;
  return undefined;
}

/**
 * The address's layout, its texts loaded (uploaded ones from the database) and the first the viewer may not
 * read or that does not exist. Once per request (React cache, keyed by the query string): the metadata and the
 * page both need it.
 */
const readerAccess = cache(async (search: string) => {
  const parsed = parseLayout(new URLSearchParams(search));
  if (!parsed.ok) return { parsed, unknown: undefined };
  await preloadDocuments(parsed.layout.slugs); // texts uploaded in the app
  const unknown = parsed.layout.slugs.find((s) => !hasDocument(s)) ?? (await firstUnreadable(parsed.layout.slugs));
  return { parsed, unknown };
});

// The layout is in the query string and the text comes from content/documents: render per request.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: "Reader" });
  const app = await getTranslations({ locale, namespace: "App" });
  const { parsed, unknown } = await readerAccess(queryFromRecord(await searchParams).toString());
  if (parsed.ok && unknown !== undefined) return { title: app("name"), robots: { index: false } };
  const titles = parsed.ok ? parsed.layout.slugs.map((s) => getDocument(s)?.meta.title).filter(Boolean) : [];
  return { title: [titles.join(" | ") || t("title"), app("name")].join(" — "), robots: { index: parsed.ok } };
}

export default async function ReadPage({ params, searchParams }: Props) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const query = queryFromRecord(await searchParams);

  // The library's plain form sends d=a&d=b: turn it into the short, shareable form.
  const picked = slugsFromLibraryForm(query);
  if (picked && picked.length > 0) redirect({ href: `/read?${formatLayout({ slugs: picked.slice(0, MAX_PANES), sync: false })}`, locale });

  const t = await getTranslations("Reader");
  const d = await getTranslations("Document");
  const documents = listDocuments();
  const { parsed, unknown } = await readerAccess(query.toString());
  // The members' stored copy (lib/http/stored-pages): the member's links and none of their data, which the
  // page fetches (components/annotations/MemberSession). Only of texts everyone may read; anything else is
  // not made in this copy (404), so each member gets it rendered for them.
  const deferredMember = (await headers()).get(PAGE_VARIANT_HEADER) === "member";
  if (deferredMember && (!parsed.ok || unknown !== undefined || parsed.layout.slugs.some((slug) => !isLibraryDocument(slug)))) notFound();
  if (!parsed.ok || unknown !== undefined) {
    const problem = !parsed.ok ? parsed.problem : { kind: "unknown-document" as const, slug: unknown! };
    return (
      <div className="page">
        <SiteHeader />
        <main id="main">
          <ReaderProblem problem={problem} documents={documents} />
        </main>
      </div>
    );
  }

  const { layout } = parsed;
  const labels = await documentLabels(locale);
  const seen = new Map<string, number>();
  const panes: PaneData[] = layout.slugs.map((slug, i) => {
    const doc = getDocument(slug)!;
    const paneId = `pane${i + 1}`;
    const occurrence = seen.get(slug) ?? 0;
    seen.set(slug, occurrence + 1);
    const target = layout.target?.pane === i ? layout.target : undefined;
    // A whole volume shows the part holding the deep link's passage (or its other end) first.
    const text = paneText(doc, paneId, labels, (target ?? (layout.peer?.pane === i ? layout.peer : undefined))?.blockId, {
      label: t("outlineOf", { n: i + 1 }),
      summary: t("outline"),
    });
    return {
      key: `${slug}#${occurrence}`,
      slug,
      paneId,
      docLang: doc.meta.lang,
      title: doc.meta.title ?? d("untitled"),
      content: text.content,
      outline: text.outline,
      missingBlock: target && !doc.blocks.some((b) => b.id === target.blockId) ? target.blockId : null,
      editionViews: hasEditionViews(doc),
    };
  });

  // The member's parts (notes, heat strips) stream in after the text: their reads start here, and each is
  // awaited inside a Suspense boundary of its own (./member.tsx). Notes: the signed-in user's, in the seminar
  // the address names (`&seminar=`) or their first one with these texts; anchored on the server, next to the
  // documents (lib/reader-notes/load.ts).
  const user = deferredMember ? null : await requestUser();
  const requested = query.get("seminar");
  const notes = user
    ? loadReaderNotes(
        user,
        requested,
        layout.slugs.map((slug) => getDocument(slug)!),
      )
    : Promise.resolve(null);
  // Teaching: a heat strip beside each pane of the seminar's texts (lib/reader-notes/member-parts.ts); a student's "post
  // first" notice comes with the notes (components/annotations/PostFirstNotice), which know when it is met.
  const heat = notes.then((n) => (user ? memberHeat(user.id, n, layout.slugs) : {}));
  // Awaited only inside the boundaries; a failure there reaches the error boundary, never an unhandled rejection.
  heat.catch(() => undefined);
  const layoutQuery = `${formatLayout(layout)}${requested ? `&seminar=${encodeURIComponent(requested)}` : ""}`;
  const here = `/${locale}/read?${layoutQuery}`;
  const signInHref = `/${locale}/sign-in?next=${encodeURIComponent(here)}`;
  if (deferredMember) {
    for (const p of panes) {
      p.content = (
        <>
          <DeferredHeat paneId={p.paneId} slug={p.slug} />
          {p.content}
        </>
      );
    }
  } else if (user) {
    for (const p of panes) {
      p.content = (
        <>
          <Suspense fallback={null}>
            <PaneHeat heat={heat} paneId={p.paneId} slug={p.slug} />
          </Suspense>
          {p.content}
        </>
      );
    }
  }

  return (
    <ClientMessages scopes={["reader"]}>
      <MemberSession deferred={deferredMember} query={layoutQuery}>
        <div className="page page-reader">
          <SiteHeader deferredMember={deferredMember} />
          <main id="main" className="reader-main" data-member-deferred={deferredMember ? "" : undefined}>
            <h1 className="visually-hidden">{t("title")}</h1>
            <MemberNotes
              member={user?.id ?? null}
              signInHref={signInHref}
              panes={panes.map((p) => ({ paneId: p.paneId, slug: p.slug }))}
              anchorLiveNotes={anchorLiveNotes}
            >
              <Reader
                locale={locale}
                layout={layout}
                panes={panes}
                documents={[
                  ...documents,
                  ...[...new Set(layout.slugs)].filter((s) => !documents.some((m) => m.slug === s)).map((s) => getDocument(s)!.meta),
                ].map((m) => ({ slug: m.slug, title: m.title ?? d("untitled"), lang: m.lang }))}
              />
              {user ? (
                <Suspense fallback={null}>
                  <MemberNotesPart notes={notes} />
                </Suspense>
              ) : null}
            </MemberNotes>
          </main>
        </div>
      </MemberSession>
    </ClientMessages>
  );
}
