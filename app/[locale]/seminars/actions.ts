"use server";
import { formField, formFields, formLocale, formOf, formId } from "@/lib/http/form";
import { routing } from "@/i18n/routing";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/server";
import { isAppError } from "@/lib/errors";
import { createSeminar, joinByInvite, regenerateInvite, setDocuments, setTagVocabulary, updateSeminar } from "@/lib/seminars";

const field = formField;

/** Run a seminar change for the signed-in user; errors come back as ?error=<code> on `page`. */
async function act(form: FormData, page: (locale: string) => string, run: (userId: string) => Promise<string | void>): Promise<never> {
  const locale = formLocale(form, routing.locales, routing.defaultLocale);
  const user = await getSessionUser(await headers());
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(page(locale))}`);
  let target: string;
  try {
    target = (await run(user.id)) ?? `${page(locale)}?saved=1`;
  } catch (e) {
    const code = isAppError(e) ? e.code : (e as Error | null)?.name === "ZodError" ? "invalid-request" : "internal";
    if (code === "internal") console.error("[seminars] action failed", e);
    redirect(`${page(locale)}?error=${code}`);
  }
  redirect(target);
}

export async function createSeminarAction(form: FormData): Promise<void> {
  await act(
    form,
    (l) => `/${l}/seminars`,
    async (userId) => {
      const { id } = await createSeminar(userId, {
        title: field(form, "title"),
        description: field(form, "description"),
        documents: formFields(form, "documents"),
      });
      return `/${formLocale(form, routing.locales, routing.defaultLocale)}/seminars/${id}/settings`;
    },
  );
}

const settings = (form: FormData) => (l: string) => `/${l}/seminars/${encodeURIComponent(formId(form, "seminarId"))}/settings`;

export async function updateDetailsAction(form: FormData): Promise<void> {
  await act(form, settings(form), (userId) =>
    updateSeminar(userId, formId(form, "seminarId"), { title: field(form, "title"), description: field(form, "description") }),
  );
}

export async function setDocumentsAction(form: FormData): Promise<void> {
  await act(form, settings(form), async (userId) => {
    await setDocuments(userId, formId(form, "seminarId"), formFields(form, "documents"));
  });
}

export async function regenerateInviteAction(form: FormData): Promise<void> {
  await act(form, settings(form), async (userId) => {
    await regenerateInvite(userId, formId(form, "seminarId"));
  });
}

/** Tag rows arrive as tagName-<i>/tagColor-<i>; an empty name drops the tag. */
export async function setTagsAction(form: FormData): Promise<void> {
  await act(form, settings(form), async (userId) => {
    const tags: Array<{ name: string; color: string }> = [];
    for (const [key, value] of formOf(form).entries()) {
      const m = /^tagName-(\w+)$/.exec(key);
      if (!m || typeof value !== "string" || !value.trim()) continue;
      tags.push({ name: value, color: field(form, `tagColor-${m[1]}`) || "#777777" });
    }
    await setTagVocabulary(userId, formId(form, "seminarId"), tags);
  });
}

/** Longer than any invite code the app makes or a person types: such a form gets no join page to return to. */
const MAX_INVITE_CODE = 200;

export async function joinAction(form: FormData): Promise<void> {
  const code = field(form, "code");
  await act(
    form,
    // Back to the invite's page with the reason; a code too long for an address (a forged form) to the seminars.
    (l) => (code.length <= MAX_INVITE_CODE ? `/${l}/join/${encodeURIComponent(code)}` : `/${l}/seminars`),
    async (userId) => {
      const { seminarId } = await joinByInvite(userId, code);
      return `/${formLocale(form, routing.locales, routing.defaultLocale)}/seminars/${encodeURIComponent(seminarId)}`;
    },
  );
}
