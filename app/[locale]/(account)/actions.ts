"use server";
import { routing } from "@/i18n/routing";
import { formField, formLocale } from "@/lib/http/form";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn, signOut, signOutEverywhere, signUp } from "@/lib/auth/flows";
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
  redirect(next || `/${locale}/seminars`);
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
