/**
 * better-auth configuration: email + password accounts, sessions and rate-limit counters in the
 * database through the Prisma adapter (the tables `user`, `session`, `account`, `verification`,
 * `rateLimit` in prisma/schema.prisma). Built lazily so tests and scripts can set DATABASE_URL first.
 */
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { databaseProvider } from "@/lib/db/adapter";
import { db } from "@/lib/db/client";
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
  const trusted = (process.env.SYNOPSE_TRUSTED_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return betterAuth({
    appName: "Synopse",
    // A fixed public URL in production (BETTER_AUTH_URL); otherwise the request's own host, limited to
    // local hosts plus SYNOPSE_ALLOWED_HOSTS (dev on :3000, e2e on :3100 without extra settings).
    baseURL: process.env.BETTER_AUTH_URL || {
      allowedHosts: ["localhost", "localhost:*", "127.0.0.1", "127.0.0.1:*", ...(process.env.SYNOPSE_ALLOWED_HOSTS ?? "").split(",").map((s) => s.trim()).filter(Boolean)],
      fallback: "http://localhost:3000",
    },
    secret: process.env.BETTER_AUTH_SECRET,
    trustedOrigins: trusted.length ? trusted : undefined,
    database: prismaAdapter(db(), { provider: databaseProvider() }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      autoSignIn: true,
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
  const result = await auth().api.getSession({ headers });
  if (!result) return null;
  const { id, name, email } = result.user;
  return { id, name, email };
}
