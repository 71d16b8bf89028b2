"use server";
import { formField, formLocale, formOf, formId } from "@/lib/http/form";
import { routing } from "@/i18n/routing";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/server";
import { isAppError } from "@/lib/errors";
import { setPostFirst } from "@/lib/teaching/post-first";

const field = formField;

/** Post-first settings: `postFirst` for the seminar, `postFirst-<slug>` per document ("" = as the seminar). */
export async function setPostFirstAction(form: FormData): Promise<void> {
  const locale = formLocale(form, routing.locales, routing.defaultLocale);
  const seminarId = formId(form, "seminarId");
  const page = `/${locale}/seminars/${encodeURIComponent(seminarId)}/settings`;
  const user = await getSessionUser(await headers());
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(page)}`);
  const documents: Record<string, number | null> = {};
  for (const [key, value] of formOf(form).entries()) {
    const m = /^postFirst-(.+)$/.exec(key);
    if (m && typeof value === "string") documents[m[1]] = value === "" ? null : Number(value);
  }
  let code: string | null = null;
  try {
    await setPostFirst(user.id, seminarId, { seminar: Number(field(form, "postFirst") || 0), documents });
  } catch (e) {
    code = isAppError(e) ? e.code : (e as Error | null)?.name === "ZodError" ? "invalid-request" : "internal";
    if (code === "internal") console.error("[teaching] post-first failed", e);
  }
  redirect(code ? `${page}?error=${code}` : `${page}?saved=1`);
}
