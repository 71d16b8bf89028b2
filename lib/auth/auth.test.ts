/**
 * Accounts end to end through better-auth's HTTP handler: sign-up, sign-in, the strict sign-in rate
 * limit (counted in the database), sign-out everywhere.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase, type TestDatabase } from "@/lib/annotations/testing/db";

let testDb: TestDatabase;
let flows: typeof import("./flows");
let server: typeof import("./server");

beforeAll(async () => {
  process.env.SYNOPSE_SIGNIN_RATE_MAX = "3";
  process.env.SYNOPSE_SIGNIN_RATE_WINDOW = "60";
  testDb = await setupTestDatabase();
  flows = await import("./flows");
  server = await import("./server");
});
afterAll(async () => testDb?.close());

/** Headers of a browser at `ip` carrying the given Set-Cookie values back as cookies. */
function browser(ip: string, setCookies: string[] = []): Headers {
  const h = new Headers({ host: "localhost:3000", "x-forwarded-for": ip, "user-agent": "vitest" });
  const cookie = setCookies.map((c) => c.split(";")[0]).filter((c) => !c.endsWith("=")).join("; ");
  if (cookie) h.set("cookie", cookie);
  return h;
}

describe("accounts", () => {
  it("sign up, then the session cookie identifies the user; wrong passwords are refused", async () => {
    const email = `reader-${randomUUID().slice(0, 8)}@test.invalid`;
    const up = await flows.signUp(browser("10.0.0.1"), { name: "Reader", email, password: "correct horse battery" });
    expect(up.ok).toBe(true);
    const user = await server.getSessionUser(browser("10.0.0.1", up.setCookies));
    expect(user?.email).toBe(email);
    expect(await server.getSessionUser(browser("10.0.0.1"))).toBeNull();
    expect((await flows.signUp(browser("10.0.0.2"), { name: "Again", email, password: "another password" })).error).toBe("email-taken");
    expect((await flows.signUp(browser("10.0.0.3"), { name: "Short", email: `s-${email}`, password: "short" })).error).toBe("password-too-short");
    expect((await flows.signIn(browser("10.0.0.4"), { email, password: "wrong password" })).error).toBe("invalid-credentials");
    const signedIn = await flows.signIn(browser("10.0.0.5"), { email, password: "correct horse battery" });
    expect(signedIn.ok).toBe(true);
  });

  it("limits sign-in attempts per address (stored in the rateLimit table)", async () => {
    const ip = "10.0.1.1";
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await flows.signIn(browser(ip), { email: "nobody@test.invalid", password: "guess-" + i })).error);
    expect(results.slice(0, 3)).toEqual(["invalid-credentials", "invalid-credentials", "invalid-credentials"]);
    expect(results.slice(3)).toEqual(["rate-limited", "rate-limited"]);
    // Another address is not affected.
    expect((await flows.signIn(browser("10.0.1.2"), { email: "nobody@test.invalid", password: "x" })).error).toBe("invalid-credentials");
    const { db } = await import("@/lib/db/client");
    expect(await db().rateLimit.count()).toBeGreaterThan(0);
  });

  it("sign-out everywhere revokes every session of the user", async () => {
    const email = `traveller-${randomUUID().slice(0, 8)}@test.invalid`;
    const password = "correct horse battery";
    const laptop = await flows.signUp(browser("10.0.2.1"), { name: "Traveller", email, password });
    const phone = await flows.signIn(browser("10.0.2.2"), { email, password });
    expect(await server.getSessionUser(browser("10.0.2.2", phone.setCookies))).not.toBeNull();
    const out = await flows.signOutEverywhere(browser("10.0.2.1", laptop.setCookies));
    expect(out.ok).toBe(true);
    expect(await server.getSessionUser(browser("10.0.2.1", laptop.setCookies))).toBeNull();
    expect(await server.getSessionUser(browser("10.0.2.2", phone.setCookies))).toBeNull();
  });

  it("a session cookie is checked against its session row on every request: tampered, expired or revoked is nobody", async () => {
    const email = `checked-${randomUUID().slice(0, 8)}@test.invalid`;
    const up = await flows.signUp(browser("10.0.3.1"), { name: "Checked", email, password: "correct horse battery" });
    const headers = browser("10.0.3.1", up.setCookies);
    const user = await server.getSessionUser(headers);
    const full = await server.auth().api.getSession({ headers });
    expect(user).toEqual({ id: full!.user.id, name: "Checked", email });

    const cookie = headers.get("cookie")!;
    const tampered = new Headers(headers);
    tampered.set("cookie", cookie.replace(/(session_token=[^.]+)\.(.)/, (_m, v, c) => `${v}.${c === "A" ? "B" : "A"}`));
    expect(tampered.get("cookie")).not.toBe(cookie);
    expect(await server.getSessionUser(tampered)).toBeNull();
    const twice = new Headers(headers);
    twice.set("cookie", `${cookie}; ${cookie.split(";").find((c) => c.includes("session_token"))!.trim()}`);
    expect(await server.getSessionUser(twice)).toEqual(user);

    const { db } = await import("@/lib/db/client");
    const session = await db().session.findFirstOrThrow({ where: { userId: user!.id } });
    // Due for better-auth's sliding renewal (updateAge): still signed in, and the session now lasts longer.
    const ctx = await server.auth().$context;
    const due = new Date(Date.now() + (ctx.sessionConfig.expiresIn - ctx.sessionConfig.updateAge - 60) * 1000);
    await db().session.update({ where: { id: session.id }, data: { expiresAt: due } });
    expect(await server.getSessionUser(headers)).toEqual(user);
    expect((await db().session.findUniqueOrThrow({ where: { id: session.id } })).expiresAt.getTime()).toBeGreaterThan(due.getTime());

    await db().session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await server.getSessionUser(headers)).toBeNull();
    expect(await db().session.findUnique({ where: { id: session.id } })).toBeNull();
  });

  it("personal access tokens authenticate as Bearer, are stored only as a hash, and can be revoked", async () => {
    const tokens = await import("./tokens");
    const { createTestUser } = await import("@/lib/annotations/testing/db");
    const owner = await createTestUser("Scripter");
    const { token, info } = await tokens.createToken(owner.id, "export script");
    expect(token).toMatch(/^syn_[\w-]{40,}$/);
    const bearer = new Headers({ authorization: `Bearer ${token}` });
    expect((await server.getSessionUser(bearer))?.id).toBe(owner.id);
    expect(await server.getSessionUser(new Headers({ authorization: `Bearer ${token}x` }))).toBeNull();
    const { db } = await import("@/lib/db/client");
    const stored = await db().apiToken.findUniqueOrThrow({ where: { id: info.id } });
    expect(stored.tokenHash).not.toContain(token.slice(4));
    expect((await tokens.listTokens(owner.id)).map((t) => t.name)).toEqual(["export script"]);
    const stranger = await createTestUser("Stranger");
    await expect(tokens.revokeToken(stranger.id, info.id)).rejects.toMatchObject({ code: "not-found" });
    await tokens.revokeToken(owner.id, info.id);
    expect(await server.getSessionUser(bearer)).toBeNull();
  });
});
