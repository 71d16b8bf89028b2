"use server";
import { formField, formLocale, formId } from "@/lib/http/form";
import { routing } from "@/i18n/routing";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { createAnnotation, deleteAnnotation, updateAnnotation } from "@/lib/annotations/store";
import { getSessionUser } from "@/lib/auth/server";
import { isAppError } from "@/lib/errors";
import { limitNoteWrites } from "@/lib/rate-limit";
import { plainTextToNoteHtml } from "@/lib/text/html";

const field = formField;

/** Change or delete one's own link from the overview; errors come back as ?error=<code>, translated by the page. */
async function act(form: FormData, run: (userId: string) => Promise<unknown>): Promise<never> {
  const locale = formLocale(form, routing.locales, routing.defaultLocale);
  // The overview's filters are a few short words; a longer query is no address of that page and is dropped.
  const query = new URLSearchParams(field(form, "query")).toString();
  const back = `/${locale}/seminars/${encodeURIComponent(formId(form, "seminarId"))}/links${query && query.length <= 1000 ? `?${query}` : ""}`;
  const user = await getSessionUser(await headers());
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(back)}`);
  let error = "";
  try {
    await run(user.id);
  } catch (e) {
    error = isAppError(e) ? e.code : "internal";
    if (error === "internal") console.error("[links] action failed", e);
  }
  redirect(error ? `${back}${back.includes("?") ? "&" : "?"}error=${error}` : back);
}

export async function setRelationAction(form: FormData): Promise<void> {
  await act(form, (userId) =>
    updateAnnotation(userId, field(form, "linkId"), { revision: Number(field(form, "revision")), relation: field(form, "relation") }),
  );
}

export async function deleteLinkAction(form: FormData): Promise<void> {
  await act(form, (userId) => deleteAnnotation(userId, field(form, "linkId"), Number(field(form, "revision"))));
}

/** Answer a link (a reply in its thread, seen by whoever sees the link). */
export async function replyToLinkAction(form: FormData): Promise<void> {
  const text = field(form, "reply").trim();
  await act(form, (userId) => {
    limitNoteWrites(userId);
    return createAnnotation(userId, formId(form, "seminarId"), { parentId: field(form, "linkId"), body: plainTextToNoteHtml(text) });
  });
}
