"use server";
import { formField, formLocale, formId } from "@/lib/http/form";
import { routing } from "@/i18n/routing";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/server";
import { isAppError } from "@/lib/errors";
import { deleteGlossaryEntry, saveGlossaryEntry } from "@/lib/links/glossary-store";

const field = formField;

/** One term per line (commas inside a term are allowed: "Volkskommissariat für Auswärtige Angelegenheiten"). */
const lines = (text: string) => text.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);

/** Run a glossary change; errors come back as ?error=<code> (translated by the page), success as ?saved=1. */
async function act(form: FormData, run: (userId: string, seminarId: string) => Promise<unknown>): Promise<never> {
  const locale = formLocale(form, routing.locales, routing.defaultLocale);
  const seminarId = formId(form, "seminarId");
  const page = `/${locale}/seminars/${encodeURIComponent(seminarId)}/glossary`;
  const user = await getSessionUser(await headers());
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(page)}`);
  let query = "?saved=1";
  try {
    await run(user.id, seminarId);
  } catch (e) {
    const code = isAppError(e) ? e.code : "internal";
    if (code === "internal") console.error("[glossary] action failed", e);
    query = `?error=${code}`;
  }
  redirect(page + query + (field(form, "entryId") && query.startsWith("?error") ? `#entry-${encodeURIComponent(formId(form, "entryId"))}` : ""));
}

export async function saveGlossaryEntryAction(form: FormData): Promise<void> {
  await act(form, (userId, seminarId) =>
    saveGlossaryEntry(userId, seminarId, field(form, "entryId") || null, { de: lines(field(form, "de")), en: lines(field(form, "en")), ru: lines(field(form, "ru")) }),
  );
}

export async function deleteGlossaryEntryAction(form: FormData): Promise<void> {
  await act(form, (userId, seminarId) => deleteGlossaryEntry(userId, seminarId, field(form, "entryId")));
}
