/**
 * better-auth configuration: email + password accounts, sessions and rate-limit counters in the
 * database through the Prisma adapter (the tables `user`, `session`, `account`, `verification`,
 * `rateLimit` in prisma/schema.prisma). Built lazily so tests and scripts can set DATABASE_URL first.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { databaseProvider } from "@/lib/db/adapter";
import { db } from "@/lib/db/client";
import { sqlRows } from "@/lib/db/read";
import { clearAccountAttempts, consumeAccountAttempt } from "./account-limit";
import { passwordProblem } from "./password-policy";
import { trustedProxies } from "./proxies";
import { bearerToken, TOKEN_PREFIX, userForToken } from "./tokens";

/** Sign-in attempts allowed per client address and window; strict, because passwords are guessable. */
export function signInRateRule(): { window: number; max: number } {
  return {
    window: Number(process.env.SYNOPSE_SIGNIN_RATE_WINDOW ?? 60),
    max: Number(process.env.SYNOPSE_SIGNIN_RATE_MAX ?? 5),
  };
}

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

function createAuth() {
  const trusted = (process.env.SYNOPSE_TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return betterAuth({
    appName: "Synopse",
    // A fixed public URL in production (BETTER_AUTH_URL); otherwise the request's own host, limited to
    // local hosts plus SYNOPSE_ALLOWED_HOSTS (dev on :3000, e2e on :3100 without extra settings).
    baseURL: process.env.BETTER_AUTH_URL || {
      allowedHosts: [
        "localhost",
        "localhost:*",
        "127.0.0.1",
        "127.0.0.1:*",
        ...(process.env.SYNOPSE_ALLOWED_HOSTS ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ],
      fallback: "http://localhost:3000",
    },
    secret: process.env.BETTER_AUTH_SECRET,
    trustedOrigins: trusted.length ? trusted : undefined,
    database: prismaAdapter(db(), { provider: databaseProvider() }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      // Sign-up never signs in. With autoSignIn off better-auth answers a sign-up for an address that already
      // has an account exactly like a new one (a 200 with a synthetic user, the password hashed all the same
      // to even out the timing) instead of 422 USER_ALREADY_EXISTS: nobody learns which addresses have
      // accounts. requireEmailVerification would do the same, but this server sends no e-mail, so accounts
      // could never be verified. The form then asks the person to sign in (app/[locale]/(account)/actions).
      autoSignIn: false,
    },
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
    },
    rateLimit: {
      // On in every environment (better-auth's default is production only): the sign-in rule is a
      // security property, and tests check it.
      enabled: process.env.SYNOPSE_RATE_LIMIT !== "off",
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": signInRateRule(),
        "/sign-up/email": { window: 60, max: 10 },
      },
    },
    advanced: {
      // The client address (rate limits, sessions) comes from X-Forwarded-For, which instrumentation.ts
      // rewrites on every request: the socket's own address unless the peer is a configured proxy
      // (SYNOPSE_TRUSTED_PROXIES), whose hops better-auth then strips from the right.
      ipAddress: { trustedProxies: trustedProxies() },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const body = (ctx.body ?? {}) as { email?: unknown; password?: unknown };
        const email = typeof body.email === "string" ? body.email : "";
        if (ctx.path === "/sign-up/email" && typeof body.password === "string") {
          const problem = passwordProblem(body.password, email);
          if (problem)
            throw new APIError("BAD_REQUEST", { code: problem === "password-is-email" ? "PASSWORD_IS_EMAIL" : "PASSWORD_TOO_COMMON", message: problem });
        }
        if (ctx.path === "/sign-in/email" && email && process.env.SYNOPSE_RATE_LIMIT !== "off" && !(await consumeAccountAttempt(email))) {
          throw new APIError("TOO_MANY_REQUESTS", { code: "ACCOUNT_RATE_LIMITED", message: "Too many attempts for this account" });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const email = (ctx.body as { email?: unknown } | undefined)?.email;
        if (ctx.path === "/sign-in/email" && ctx.context.newSession && typeof email === "string") await clearAccountAttempts(email);
      }),
    },
    // No outside network here, and no data leaves the server: telemetry stays off.
    telemetry: { enabled: false },
  });
}

type Auth = ReturnType<typeof createAuth>;
const g = globalThis as unknown as { __synopseAuth?: Auth };

export function auth(): Auth {
  if (!g.__synopseAuth) g.__synopseAuth = createAuth();
  return g.__synopseAuth;
}

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

/** The signed-in user for a request (session cookie, or a personal access token as Bearer), or null. */
export async function getSessionUser(headers: Headers): Promise<SessionUser | null> {
  const bearer = bearerToken(headers);
  if (bearer?.startsWith(TOKEN_PREFIX)) return userForToken(bearer);
  const quick = await currentSessionUser(headers);
  if (quick !== undefined) return quick;
  const result = await auth().api.getSession({ headers });
  if (!result) return null;
  const { id, name, email } = result.user;
  return { id, name, email };
}

/**
 * The common case of getSession, answered with one indexed query (lib/db/read) instead of better-auth's
 * full pass (about 5 ms of CPU per request, most of it Prisma compiling two queries): a correctly signed session
 * cookie whose session row exists, has not expired and is not yet due for better-auth's sliding renewal.
 * Exactly what better-auth would answer then, read from the same row, so a revoked session (sign-out,
 * sign-out everywhere) is refused at once. `null` when there is no session cookie at all; `undefined` —
 * "ask better-auth" — for everything else (renewal due, expired, unknown or tampered cookie, a cookie sent
 * twice), which better-auth then handles as before, side effects included.
 */
async function currentSessionUser(headers: Headers): Promise<SessionUser | null | undefined> {
  const ctx = await auth().$context;
  const cookieName = ctx.authCookies.sessionToken.name;
  const value = singleCookie(headers.get("cookie"), cookieName);
  if (value === null) return null;
  if (value === undefined) return undefined;
  const token = verifiedValue(value, ctx.secret);
  if (!token) return undefined;
  const rows = await sqlRows<{ expiresAt: Date | string; id: string; name: string; email: string }>`
    SELECT s."expiresAt" AS "expiresAt", u."id" AS "id", u."name" AS "name", u."email" AS "email"
    FROM "session" s JOIN "user" u ON u."id" = s."userId" WHERE s."token" = ${token}`;
  const row = rows[0];
  if (!row) return undefined;
  const expiresAt = new Date(row.expiresAt).getTime();
  const now = Date.now();
  const { expiresIn, updateAge } = ctx.sessionConfig;
  // better-auth renews when expiresAt − expiresIn + updateAge ≤ now (and deletes expired sessions): its job.
  if (!(expiresAt > now) || expiresAt - expiresIn * 1000 + updateAge * 1000 <= now) return undefined;
  return { id: row.id, name: row.name, email: row.email };
}

/** The decoded value of the cookie `name`: null if absent, undefined if sent more than once or undecodable. */
function singleCookie(header: string | null, name: string): string | null | undefined {
  if (!header) return null;
  let found: string | null = null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    if (found !== null) return undefined;
    let raw = part.slice(eq + 1).trim();
    if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) raw = raw.slice(1, -1);
    try {
      found = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return found;
}

/** better-call's signed cookie value `<value>.<base64 HMAC-SHA256>`: the value if the signature is right. */
function verifiedValue(signed: string, secret: string): string | null {
  const dot = signed.lastIndexOf(".");
  if (dot < 1) return null;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1));
  const expected = Buffer.from(createHmac("sha256", secret).update(value).digest("base64"));
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}
