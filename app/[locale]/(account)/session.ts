import { cookies } from "next/headers";
import { parseSetCookieHeader, toCookieOptions } from "better-auth/cookies";
import type { SessionUser } from "@/lib/auth/server";
import { requestUser } from "@/app/_server/request-user";
import { sameOriginPath } from "@/lib/http/same-origin-path";

/** The signed-in user of the current request, or null (looked up once per render: app/_server/request-user). */
export async function currentUser(): Promise<SessionUser | null> {
  return requestUser();
}

/** Copy better-auth's Set-Cookie headers onto the server action's response. */
export async function applySetCookies(setCookies: string[]): Promise<void> {
  const jar = await cookies();
  for (const header of setCookies) {
    for (const [name, attributes] of parseSetCookieHeader(header)) {
      if (name) jar.set(name, attributes.value, toCookieOptions(attributes));
    }
  }
}

/** Only same-site paths may be used as a post-sign-in destination (no open redirects: lib/http/same-origin-path). */
export function safeNext(next: unknown, fallback: string): string {
  return sameOriginPath(next) ?? fallback;
}
