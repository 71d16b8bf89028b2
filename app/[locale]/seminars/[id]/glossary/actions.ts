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

/** The table's search, sort and page travel with every form, so a save returns to the rows it came from. */
const VIEW_FIELDS = ["q", "sort", "dir", "page"] as const;
/** What a refused entry's fields may carry back into the form (terms are capped at 20 × 120 characters). */
const MAX_RETURNED = 2_600;

/**
 * Run a glossary change; success comes back as ?saved=1, errors as ?error=<code> (translated by the page).
 * A duplicate also names the term and the entry that has it, and hands the submitted terms back so the
 * instructor's input is not lost.
 */
async function act(form: FormData, run: (userId: string, seminarId: string) => Promise<unknown>): Promise<never> {
  const locale = formLocale(form, routing.locales, routing.defaultLocale);
  const seminarId = formId(form, "seminarId");
  const page = `/${locale}/seminars/${encodeURIComponent(seminarId)}/glossary`;
  const user = await getSessionUser(await headers());
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(page)}`);
  const query = new URLSearchParams();
  for (const name of VIEW_FIELDS) if (field(form, name)) query.set(name, field(form, name).slice(0, 100));
  const entryId = field(form, "entryId") ? formId(form, "entryId") : "";
  try {
    await run(user.id, seminarId);
    query.set("saved", "1");
  } catch (e) {
    const code = isAppError(e) ? e.code : "internal";
    if (code === "internal") console.error("[glossary] action failed", e);
    query.set("error", code);
    const details = isAppError(e) ? (e.details ?? {}) : {};
    if (code === "name-duplicate") for (const key of ["term", "lang", "other", "otherId"]) query.set(`e_${key}`, String(details[key] ?? "").slice(0, 200));
    query.set("e_entry", entryId || "new");
    for (const lang of ["de", "en", "ru"]) query.set(`e_${lang}`, field(form, lang).slice(0, MAX_RETURNED));
  }
  redirect(`${page}?${query}${query.has("error") && entryId ? `#entry-${encodeURIComponent(entryId)}` : ""}`);
}

export async function saveGlossaryEntryAction(form: FormData): Promise<void> {
  await act(form, (userId, seminarId) =>
    saveGlossaryEntry(userId, seminarId, field(form, "entryId") || null, { de: lines(field(form, "de")), en: lines(field(form, "en")), ru: lines(field(form, "ru")) }),
  );
}

export async function deleteGlossaryEntryAction(form: FormData): Promise<void> {
  await act(form, (userId, seminarId) => deleteGlossaryEntry(userId, seminarId, field(form, "entryId")));
}
