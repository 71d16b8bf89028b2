/**
 * Sign-in attempts per account, next to better-auth's limit per address: an attacker who rotates addresses
 * (a botnet, or a client-supplied X-Forwarded-For on a misconfigured proxy) still gets only `max` wrong
 * passwords per account and window. Counted in better-auth's own `rateLimit` table (so every app instance
 * shares the count), under a key holding a hash of the address, never the address itself. A successful
 * sign-in clears the count, so the account's owner is not locked out by their own sign-ins; a burst of
 * concurrent attempts cannot slip through, because each one increments atomically before it is checked.
 */
import { createHash, randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";

export function accountRateRule(): { window: number; max: number } {
  return {
    window: Number(process.env.SYNOPSE_SIGNIN_ACCOUNT_WINDOW ?? 15 * 60),
    max: Number(process.env.SYNOPSE_SIGNIN_ACCOUNT_MAX ?? 10),
  };
}

function keyFor(email: string): string {
  return `account-sign-in:${createHash("sha256").update(email.trim().toLowerCase()).digest("hex")}`;
}

/** Count one attempt for the account; false when this attempt is over the limit. */
export async function consumeAccountAttempt(email: string): Promise<boolean> {
  const { window, max } = accountRateRule();
  const now = BigInt(Date.now());
  const windowStart = now - BigInt(window * 1000);
  const key = keyFor(email);
  // One statement on both databases: a new window starts at 1, otherwise the count goes up by one.
  const rows = await db().$queryRaw<Array<{ count: number | bigint }>>`
    INSERT INTO "rateLimit" ("id", "key", "count", "lastRequest") VALUES (${randomUUID()}, ${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "rateLimit"."lastRequest" < ${windowStart} THEN 1 ELSE "rateLimit"."count" + 1 END,
      "lastRequest" = CASE WHEN "rateLimit"."lastRequest" < ${windowStart} THEN ${now} ELSE "rateLimit"."lastRequest" END
    RETURNING "count"`;
  return Number(rows[0]?.count ?? 1) <= max;
}

/** The right password was given: the account's failed attempts no longer count. */
export async function clearAccountAttempts(email: string): Promise<void> {
  await db().rateLimit.deleteMany({ where: { key: keyFor(email) } });
}
