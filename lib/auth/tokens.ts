/**
 * Personal access tokens for scripts and W3C Web Annotation Protocol clients: `Authorization: Bearer
 * syn_…`. The token is shown once at creation; only its SHA-256 is stored (a database leak reveals no
 * usable token). Tokens act as their user, with the same authorization as a session.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export const TOKEN_PREFIX = "syn_";
const MAX_TOKENS_PER_USER = 20;

export interface TokenInfo {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

function hash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Create a token; the returned `token` is the only time the secret is visible. */
export async function createToken(userId: string, name: string): Promise<{ token: string; info: TokenInfo }> {
  const label = z.string().trim().min(1).max(100).safeParse(name);
  if (!label.success) throw new AppError("invalid-request");
  if ((await db().apiToken.count({ where: { userId } })) >= MAX_TOKENS_PER_USER) throw new AppError("invalid-request", { max: MAX_TOKENS_PER_USER });
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const row = await db().apiToken.create({ data: { userId, name: label.data, tokenHash: hash(token) } });
  return { token, info: { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), lastUsedAt: null } };
}

export async function listTokens(userId: string): Promise<TokenInfo[]> {
  const rows = await db().apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null }));
}

export async function revokeToken(userId: string, tokenId: string): Promise<void> {
  const { count } = await db().apiToken.deleteMany({ where: { id: tokenId, userId } });
  if (count === 0) throw new AppError("not-found");
}

/** The user a bearer token belongs to, or null. */
export async function userForToken(token: string): Promise<{ id: string; name: string; email: string } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db().apiToken.findUnique({ where: { tokenHash: hash(token) }, include: { user: { select: { id: true, name: true, email: true } } } });
  if (!row) return null;
  // Coarse "last used" (once a minute at most) keeps reads from turning into writes on every request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db()
      .apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } })
      .catch(() => {});
  }
  return row.user;
}

export function bearerToken(headers: Headers): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "");
  return m ? m[1] : null;
}
