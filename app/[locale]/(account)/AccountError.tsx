import { getTranslations } from "next-intl/server";

const CODES = [
  "invalid-credentials",
  "password-too-short",
  "password-too-long",
  "password-too-common",
  "password-is-email",
  "invalid-email",
  "name-required",
  "rate-limited",
  "unknown",
] as const;
type Code = (typeof CODES)[number];

/** The translated reason a sign-in/sign-up failed (from ?error=code), announced to screen readers. */
export async function AccountError({ code }: { code?: string }) {
  if (!code) return null;
  const t = await getTranslations("Account.errors");
  const known: Code = (CODES as readonly string[]).includes(code) ? (code as Code) : "unknown";
  return (
    <p role="alert" className="form-error">
      {t(known)}
    </p>
  );
}
