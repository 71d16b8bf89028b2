"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/server";
import { isAppError } from "@/lib/errors";
import { MAX_CSV_BYTES } from "@/lib/links/names/csv";
import { deleteName, importNamesCsv, saveName } from "@/lib/links/names/store";
import { refreshSeminarIndex } from "@/lib/links/seminar-index";
import { formField, formId, formLocale, formOf } from "@/lib/http/form";
import { routing } from "@/i18n/routing";

// An action is a public endpoint: any argument reads as a form (lib/http/form), ids stay short in paths.
const field = formField;

/** Several spellings, years or roles in one field: separated by "|" or by line breaks. */
const list = (text: string) => text.split(/\r?\n|\|/).map((s) => s.trim()).filter(Boolean);

/**
 * Run a change of the name list; errors come back in the query (?error=<code> and the problem's details,
 * translated by the page), success as ?saved=1 (or the import's counts). The search and page stay as they were.
 */
async function act(form: FormData, run: (userId: string, seminarId: string) => Promise<Record<string, string | number> | void>): Promise<never> {
  const locale = formLocale(form, routing.locales, routing.defaultLocale);
  const seminarId = formId(form, "seminarId");
  const page = `/${locale}/seminars/${encodeURIComponent(seminarId)}/names`;
  const user = await getSessionUser(await headers());
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(page)}`);
  const query = new URLSearchParams();
  for (const keep of ["q", "page"]) if (field(form, keep) && field(form, keep).length <= 200) query.set(keep, field(form, keep));
  try {
    const result = await run(user.id, seminarId);
    query.set("saved", "1");
    for (const [k, v] of Object.entries(result ?? {})) query.set(k, String(v));
    refreshSeminarIndex(seminarId); // suggestions use the new list as soon as it is built (off the request thread)
  } catch (e) {
    const code = isAppError(e) ? e.code : "internal";
    if (code === "internal") console.error("[names] action failed", e);
    query.set("error", code);
    if (isAppError(e) && e.details) {
      for (const [k, v] of Object.entries(e.details)) if (typeof v === "string" || typeof v === "number") query.set(`e_${k}`, String(v).slice(0, 200));
    }
  }
  const anchor = formId(form, "entryId") && query.has("error") ? `#name-${encodeURIComponent(formId(form, "entryId"))}` : "";
  redirect(`${page}?${query}${anchor}`);
}

export async function saveNameAction(form: FormData): Promise<void> {
  await act(form, async (userId, seminarId) => {
    await saveName(userId, seminarId, field(form, "entryId") || null, {
      kind: field(form, "kind"),
      de: list(field(form, "de")),
      en: list(field(form, "en")),
      ru: list(field(form, "ru")),
      years: list(field(form, "years")),
      roles: list(field(form, "roles")),
    });
  });
}

export async function deleteNameAction(form: FormData): Promise<void> {
  await act(form, (userId, seminarId) => deleteName(userId, seminarId, field(form, "entryId")));
}

export async function importNamesAction(form: FormData): Promise<void> {
  await act(form, async (userId, seminarId) => {
    const file = formOf(form).get("file");
    const { AppError } = await import("@/lib/errors");
    if (!(file instanceof Blob) || file.size === 0) throw new AppError("invalid-csv", { line: 1, problem: "csv-empty" });
    if (file.size > MAX_CSV_BYTES) throw new AppError("invalid-csv", { line: 1, problem: "csv-too-large", max: MAX_CSV_BYTES });
    const text = new TextDecoder("utf-8", { fatal: false }).decode(await file.arrayBuffer());
    const { added, skipped, removed } = await importNamesCsv(userId, seminarId, text, field(form, "mode") === "replace" ? "replace" : "add");
    return { added, skipped, removed };
  });
}
