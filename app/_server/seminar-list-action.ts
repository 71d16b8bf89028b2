import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { routing } from "@/i18n/routing";
import { getSessionUser } from "@/lib/auth/server";
import { isAppError } from "@/lib/errors";
import { formField, formId, formLocale } from "@/lib/http/form";
import { MAX_SAME_ORIGIN_PATH } from "@/lib/http/same-origin-path";

/**
 * Run a change of one of a seminar's lists (the glossary, the name list) from its page's form and go back to
 * the page: success as ?saved=1 (with what `run` returns, such as an import's counts), an error as
 * ?error=<code> with its details as e_<key> (the page translates both), the page's search and page number
 * kept (`list.keep`: the table's search, sort and page), and on an error the failed entry's row as the anchor
 * (`#<anchor>-<entryId>`) and, with `list.returned`, the submitted fields handed back as e_<field> (with
 * e_entry naming the row), so that what the instructor typed is not lost.
 */
export async function runSeminarListAction(
  form: FormData,
  list: { path: "glossary" | "names"; anchor: string; keep?: readonly string[]; returned?: { fields: readonly string[]; max: number } },
  run: (userId: string, seminarId: string) => Promise<Record<string, string | number> | void>,
): Promise<never> {
  const locale = formLocale(form, routing.locales, routing.defaultLocale);
  const seminarId = formId(form, "seminarId");
  const page = `/${locale}/seminars/${encodeURIComponent(seminarId)}/${list.path}`;
  const user = await getSessionUser(await headers());
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(page)}`);
  const query = new URLSearchParams();
  // On an error the page opens at the failed entry's row.
  const errorAnchor = formId(form, "entryId") ? `#${list.anchor}-${encodeURIComponent(formId(form, "entryId"))}` : "";
  for (const keep of list.keep ?? ["q", "page"]) if (formField(form, keep) && formField(form, keep).length <= 200) query.set(keep, formField(form, keep));
  try {
    const result = await run(user.id, seminarId);
    query.set("saved", "1");
    for (const [k, v] of Object.entries(result ?? {})) query.set(k, String(v));
  } catch (e) {
    const code = isAppError(e) ? e.code : "internal";
    if (code === "internal") console.error(`[${list.path}] action failed`, e);
    query.set("error", code);
    if (isAppError(e) && e.details) {
      for (const [k, v] of Object.entries(e.details)) if (typeof v === "string" || typeof v === "number") query.set(`e_${k}`, String(v).slice(0, 200));
    }
    if (list.returned) {
      query.set("e_entry", formId(form, "entryId") || "new");
      const typed = new URLSearchParams(list.returned.fields.map((name) => [`e_${name}`, formField(form, name).slice(0, list.returned!.max)]));
      // The typed text goes back in the address only while the address stays one the site sends (same-origin-path's
      // bound): a long entry in Cyrillic is several KB once encoded, more than proxies take in a request line.
      // Past it the page shows the entry as stored, with the error.
      if (`${page}?${query}&${typed}${errorAnchor}`.length <= MAX_SAME_ORIGIN_PATH) for (const [k, v] of typed) query.set(k, v);
    }
  }
  redirect(`${page}?${query}${query.has("error") ? errorAnchor : ""}`);
}
