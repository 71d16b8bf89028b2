/**
 * What a new password must not be, beyond its length (better-auth checks that): one of the passwords
 * attackers try first (lib/auth/common-passwords.json, a small list kept as data), or the account's own
 * e-mail address (or the part before the @). Compared case-insensitively: "Password123" is tried as
 * early as "password123". No library here covers this without a large dictionary (zxcvbn is ~800 kB)
 * or an outside service (better-auth's haveIBeenPwned plugin), which this server cannot reach.
 */
import list from "./common-passwords.json";

const COMMON = new Set(list.passwords.map((p) => p.toLowerCase()));

export type PasswordProblem = "password-too-common" | "password-is-email";

export function passwordProblem(password: string, email: string): PasswordProblem | null {
  const p = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  const local = address.split("@")[0] ?? "";
  if (p === address || (local.length > 0 && p === local)) return "password-is-email";
  if (COMMON.has(p)) return "password-too-common";
  return null;
}
