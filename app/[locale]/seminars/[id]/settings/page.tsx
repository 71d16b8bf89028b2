import { getTranslations, setRequestLocale } from "next-intl/server";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { Link } from "@/i18n/navigation";
import SiteHeader from "@/components/site/SiteHeader";
import { originFrom } from "@/lib/auth/flows";
import { getDocument, listDocuments, preloadDocuments } from "@/lib/content/store";
import { getPostFirstSettings, MAX_POST_FIRST } from "@/lib/teaching/post-first";
import { setPostFirstAction } from "./teaching-actions";
import { isAppError } from "@/lib/errors";
import { getSeminar } from "@/lib/seminars";
import { currentUser } from "../../../(account)/session";
import "../../../(account)/forms.css";
import { regenerateInviteAction, setDocumentsAction, setTagsAction, updateDetailsAction } from "../../actions";
import { Notice } from "../../Notice";
import CopyButton from "@/components/site/CopyButton";

type Props = { params: Promise<{ locale: string; id: string }>; searchParams: Promise<Record<string, string | undefined>> };

export const dynamic = "force-dynamic";

export default async function SeminarSettingsPage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale as "en");
  const user = await currentUser();
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(`/${locale}/seminars/${id}/settings`)}`);
  const seminar = await getSeminar(user.id, id).catch((e) => {
    if (isAppError(e) && e.code === "not-found") notFound();
    throw e;
  });
  if (seminar.role !== "instructor") notFound();
  const { error, saved } = await searchParams;
  const t = await getTranslations("Seminars");
  const inviteUrl = `${originFrom(await headers())}/${locale}/join/${seminar.inviteCode}`;
  const chosen = new Set(seminar.documents);
  // Texts uploaded to this seminar are not in the corpus list: keep them choosable (and so kept on save).
  await preloadDocuments(seminar.documents);
  const corpus = listDocuments();
  const uploaded = seminar.documents
    .filter((slug) => !corpus.some((d) => d.slug === slug))
    .map((slug) => getDocument(slug)?.meta)
    .filter((m) => !!m);
  const tt = await getTranslations("Teaching");
  const postFirst = await getPostFirstSettings(user.id, id);
  const hidden = (
    <>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="seminarId" value={id} />
    </>
  );
  return (
    <div className="page">
      <SiteHeader />
      <main id="main" className="seminar-page">
        <p>
          <Link href={`/seminars/${id}`}>{seminar.title}</Link>
        </p>
        <h1>{t("settingsTitle", { title: seminar.title })}</h1>
        <Notice error={error} saved={saved} />

        <section aria-labelledby="details-heading">
          <h2 id="details-heading">{t("detailsHeading")}</h2>
          <form action={updateDetailsAction} className="seminar-form">
            {hidden}
            <label>
              {t("fieldTitle")}
              <input type="text" name="title" required maxLength={200} defaultValue={seminar.title} />
            </label>
            <label>
              {t("fieldDescription")}
              <textarea name="description" rows={3} maxLength={2000} defaultValue={seminar.description} />
            </label>
            <button type="submit">{t("save")}</button>
          </form>
        </section>

        <section aria-labelledby="documents-heading">
          <h2 id="documents-heading">{t("documentsHeading")}</h2>
          <form action={setDocumentsAction} className="seminar-form">
            {hidden}
            <fieldset>
              <legend>{t("documentsHint")}</legend>
              {[...corpus, ...uploaded].map((d) => (
                <label key={d.slug}>
                  <input type="checkbox" name="documents" value={d.slug} defaultChecked={chosen.has(d.slug)} />
                  <span lang={d.lang}>{d.title ?? d.slug}</span>
                </label>
              ))}
            </fieldset>
            <button type="submit">{t("saveDocuments")}</button>
          </form>
        </section>

        <section aria-labelledby="post-first-heading">
          <h2 id="post-first-heading">{tt("postFirstHeading")}</h2>
          <p className="hint">{tt("postFirstHint")}</p>
          <form action={setPostFirstAction} className="seminar-form">
            {hidden}
            <label>
              {tt("postFirstSeminar")}
              <input type="number" name="postFirst" min={0} max={MAX_POST_FIRST} defaultValue={postFirst.seminar} />
            </label>
            {seminar.documents.map((slug) => (
              <label key={slug}>
                {tt("postFirstDocument", { title: getDocument(slug)?.meta.title ?? slug })}
                <select
                  name={`postFirst-${slug}`}
                  defaultValue={postFirst.documents[slug] === null || postFirst.documents[slug] === undefined ? "" : String(postFirst.documents[slug])}
                >
                  <option value="">{tt("postFirstFollow")}</option>
                  <option value="0">{tt("postFirstOff")}</option>
                  {Array.from({ length: MAX_POST_FIRST }, (_, i) => i + 1).map((n) => (
                    <option key={n} value={String(n)}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <button type="submit">{tt("savePostFirst")}</button>
          </form>
        </section>

        <section aria-labelledby="invite-heading">
          <h2 id="invite-heading">{t("inviteHeading")}</h2>
          <p className="hint">{t("inviteHint")}</p>
          <div className="seminar-form invite-row">
            <label>
              {t("inviteLabel")}
              <input id="invite-link" type="url" readOnly value={inviteUrl} className="invite-link" />
            </label>
            <CopyButton value={inviteUrl} fieldId="invite-link" label={t("copyInvite")} copied={t("inviteCopied")} failed={t("inviteCopyFailed")} />
          </div>
          <form action={regenerateInviteAction} className="seminar-form">
            {hidden}
            <button type="submit" aria-describedby="regenerate-hint">
              {t("regenerate")}
            </button>
            <p id="regenerate-hint" className="hint">
              {t("regenerateHint")}
            </p>
          </form>
        </section>

        <section aria-labelledby="tags-heading">
          <h2 id="tags-heading">{t("tagsHeading")}</h2>
          <p className="hint">{t("tagsHint")}</p>
          <form action={setTagsAction} className="seminar-form">
            {hidden}
            {seminar.tags.map((tag, i) => (
              <div className="tag-row" key={tag.name}>
                <input type="text" name={`tagName-${i}`} defaultValue={tag.name} maxLength={40} aria-label={t("tagName", { n: i + 1 })} />
                <input type="color" name={`tagColor-${i}`} defaultValue={tag.color} aria-label={t("tagColor", { n: i + 1 })} />
              </div>
            ))}
            <div className="tag-row">
              <input type="text" name="tagName-new" maxLength={40} aria-label={t("newTag")} placeholder={t("newTag")} />
              <input type="color" name="tagColor-new" defaultValue="#1f6feb" aria-label={t("newTagColor")} />
            </div>
            <button type="submit">{t("saveTags")}</button>
          </form>
        </section>
      </main>
    </div>
  );
}
