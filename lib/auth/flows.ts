/**
 * Sign-up, sign-in and sign-out driven from the server (forms post to server actions, so they work
 * without client JavaScript). Each call goes through better-auth's HTTP handler rather than
 * `auth.api.*`: only the handler applies the rate limiter, and sign-in must stay rate limited.
 * Framework-free: callers pass the incoming headers and apply the returned Set-Cookie headers.
 */
import { auth } from "./server";

export type AccountErrorCode =
  | "invalid-credentials"
  | "password-too-short"
  | "password-too-long"
  | "password-too-common"
  | "password-is-email"
  | "invalid-email"
  | "name-required"
  | "rate-limited"
  | "unknown";

export interface AuthCallResult {
  ok: boolean;
  error?: AccountErrorCode;
  setCookies: string[];
  /** The signed-in account (sign-in only), for what the same form asked to do next (joining by invite). */
  userId?: string;
}

/** Request origin as the browser saw it (host + protocol headers set by Next's server). */
export function originFrom(headers: Headers): string {
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost:3000";
  const proto = headers.get("x-forwarded-proto") ?? "http";
  return `${proto.split(",")[0].trim()}://${host.split(",")[0].trim()}`;
}

async function callAuth(path: string, incoming: Headers, body: Record<string, unknown>): Promise<{ status: number; json: unknown; setCookies: string[] }> {
  const origin = originFrom(incoming);
  const headers = new Headers({ "content-type": "application/json", origin });
  for (const name of ["cookie", "x-forwarded-for", "x-real-ip", "user-agent"]) {
    const v = incoming.get(name);
    if (v) headers.set(name, v);
  }
  const res = await auth().handler(new Request(`${origin}/api/auth${path}`, { method: "POST", headers, body: JSON.stringify(body) }));
  const json = await res.json().catch(() => null);
  return { status: res.status, json, setCookies: res.headers.getSetCookie() };
}

function mapError(status: number, json: unknown): AccountErrorCode {
  if (status === 429) return "rate-limited";
  const code = (json as { code?: string } | null)?.code ?? "";
  if (code === "INVALID_EMAIL_OR_PASSWORD" || code === "INVALID_PASSWORD" || code === "USER_NOT_FOUND" || code === "CREDENTIAL_ACCOUNT_NOT_FOUND")
    return "invalid-credentials";
  if (code === "PASSWORD_TOO_COMMON") return "password-too-common";
  if (code === "PASSWORD_IS_EMAIL") return "password-is-email";
  if (code === "PASSWORD_TOO_SHORT") return "password-too-short";
  if (code === "PASSWORD_TOO_LONG") return "password-too-long";
  if (code === "INVALID_EMAIL") return "invalid-email";
  if (status === 401) return "invalid-credentials";
  return "unknown";
}

async function run(path: string, incoming: Headers, body: Record<string, unknown>): Promise<AuthCallResult> {
  const { status, json, setCookies } = await callAuth(path, incoming, body);
  if (status >= 200 && status < 300) return { ok: true, setCookies };
  return { ok: false, error: mapError(status, json), setCookies };
}

/**
 * Create an account. Never signs in, and succeeds alike whether or not the address already has an account
 * (better-auth's autoSignIn: false, lib/auth/server): the caller asks the person to sign in next.
 */
export function signUp(incoming: Headers, input: { name: string; email: string; password: string }): Promise<AuthCallResult> {
  if (!input.name.trim()) return Promise.resolve({ ok: false, error: "name-required", setCookies: [] });
  return run("/sign-up/email", incoming, { name: input.name.trim(), email: input.email.trim(), password: input.password });
}

export async function signIn(incoming: Headers, input: { email: string; password: string }): Promise<AuthCallResult> {
  const { status, json, setCookies } = await callAuth("/sign-in/email", incoming, { email: input.email.trim(), password: input.password });
  if (status < 200 || status >= 300) return { ok: false, error: mapError(status, json), setCookies };
  // Only a real sign-in names its account (sign-up answers alike for every address and must say nothing).
  const userId = (json as { user?: { id?: unknown } } | null)?.user?.id;
  return { ok: true, setCookies, ...(typeof userId === "string" ? { userId } : {}) };
}

export function signOut(incoming: Headers): Promise<AuthCallResult> {
  return run("/sign-out", incoming, {});
}

/** Revokes every session of the signed-in user (all devices), then clears this browser's cookie. */
export async function signOutEverywhere(incoming: Headers): Promise<AuthCallResult> {
  const revoked = await run("/revoke-sessions", incoming, {});
  if (!revoked.ok) return revoked;
  return run("/sign-out", incoming, {});
}
