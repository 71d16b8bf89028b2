"use server";
import { routing } from "@/i18n/routing";
import { formField, formLocale } from "@/lib/http/form";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn, signOut, signOutEverywhere, signUp } from "@/lib/auth/flows";
import { isAppError } from "@/lib/errors";
import { inviteCodeOf } from "@/lib/http/invite-path";
import { joinByInvite } from "@/lib/seminars";
import { applySetCookies, safeNext } from "./session";

const field = formField;
const localeOf = (form: FormData) => formLocale(form, routing.locales, routing.defaultLocale);

function back(locale: string, page: string, error: string, next: string): never {
  const q = new URLSearchParams({ error });
  if (next) q.set("next", next);
  redirect(`/${locale}/${page}?${q}`);
}

export async function signInAction(form: FormData): Promise<void> {
  const locale = localeOf(form);
  const next = safeNext(field(form, "next"), "");
  const result = await signIn(await headers(), { email: field(form, "email"), password: field(form, "password") });
  await applySetCookies(result.setCookies);
  if (!result.ok) back(locale, "sign-in", result.error ?? "unknown", next);
  redirect((await joinAfterSignIn(form, next, result.userId)) ?? (next || `/${locale}/seminars`));
}

/**
 * An invite survives sign-up and sign-in: the sign-in form that came from an invite link says "Sign in and
 * join" and carries the code, so pressing it joins (a POST the person chose, not a side effect of a link) and
 * lands in the seminar. The code must be the one the `next` join page names; a bad code goes back to that
 * page, which explains it.
 */
async function joinAfterSignIn(form: FormData, next: string, userId: string | undefined): Promise<string | null> {
  const code = field(form, "join");
  const invite = inviteCodeOf(next);
  if (!code || !userId || code !== invite) return null;
  try {
    const { seminarId } = await joinByInvite(userId, code);
    return `/${localeOf(form)}/seminars/${encodeURIComponent(seminarId)}`;
  } catch (e) {
    if (isAppError(e)) return next;
    throw e;
  }
}

export async function signUpAction(form: FormData): Promise<void> {
  const locale = localeOf(form);
  const next = safeNext(field(form, "next"), "");
  const result = await signUp(await headers(), { name: field(form, "name"), email: field(form, "email"), password: field(form, "password") });
  if (!result.ok) back(locale, "sign-up", result.error ?? "unknown", next);
  // The same answer whether the address was new or already had an account (no way to tell which addresses
  // are registered): on to the sign-in form, which says so.
  const q = new URLSearchParams({ registered: "1" });
  if (next) q.set("next", next);
  redirect(`/${locale}/sign-in?${q}`);
}

export async function signOutAction(form: FormData): Promise<void> {
  const locale = localeOf(form);
  const everywhere = field(form, "everywhere") === "1";
  const incoming = await headers();
  const result = everywhere ? await signOutEverywhere(incoming) : await signOut(incoming);
  await applySetCookies(result.setCookies);
  redirect(`/${locale}/sign-in?signedOut=1`);
}
