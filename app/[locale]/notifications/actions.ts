"use server";
import { routing } from "@/i18n/routing";
import { formFields, formLocale } from "@/lib/http/form";
import { redirect } from "next/navigation";
import { markRead } from "@/lib/notifications";
import { currentUser } from "../(account)/session";

/** "Mark as read" on the notifications page: the notifications it showed (a GET never changes them). */
export async function markShownReadAction(form: FormData): Promise<void> {
  const locale = formLocale(form, routing.locales, routing.defaultLocale);
  const user = await currentUser();
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(`/${locale}/notifications`)}`);
  // Only the signed-in user's own notifications change (markRead filters by user); at most one page's worth.
  const ids = formFields(form, "id")
    .filter((v) => v.length <= 100)
    .slice(0, 500);
  await markRead(user.id, ids);
  redirect(`/${locale}/notifications?marked=1`);
}
