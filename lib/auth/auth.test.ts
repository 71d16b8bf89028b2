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
  const cookie = setCookies
    .map((c) => c.split(";")[0])
    .filter((c) => !c.endsWith("="))
    .join("; ");
  if (cookie) h.set("cookie", cookie);
  return h;
}

describe("accounts", () => {
  it("sign up, then the session cookie identifies the user; wrong passwords are refused", async () => {
    const email = `reader-${randomUUID().slice(0, 8)}@test.invalid`;
    const up = await flows.signUp(browser("10.0.0.1"), { name: "Reader", email, password: "correct horse battery" });
    expect(up.ok).toBe(true);
    expect(up.setCookies.filter((c) => c.includes("session_token=") && !/session_token=;/.test(c))).toEqual([]); // sign-up does not sign in
    const first = await flows.signIn(browser("10.0.0.1"), { email, password: "correct horse battery" });
    const user = await server.getSessionUser(browser("10.0.0.1", first.setCookies));
    expect(user?.email).toBe(email);
    expect(await server.getSessionUser(browser("10.0.0.1"))).toBeNull();
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

  it("sign-out everywhere revokes every session of the user; personal access tokens stay valid", async () => {
    const email = `traveller-${randomUUID().slice(0, 8)}@test.invalid`;
    const password = "correct horse battery";
    await flows.signUp(browser("10.0.2.1"), { name: "Traveller", email, password });
    const laptop = await flows.signIn(browser("10.0.2.1"), { email, password });
    const phone = await flows.signIn(browser("10.0.2.2"), { email, password });
    expect(await server.getSessionUser(browser("10.0.2.2", phone.setCookies))).not.toBeNull();
    const me = await server.getSessionUser(browser("10.0.2.1", laptop.setCookies));
    const { token } = await (await import("./tokens")).createToken(me!.id, "backup script");
    const out = await flows.signOutEverywhere(browser("10.0.2.1", laptop.setCookies));
    expect(out.ok).toBe(true);
    expect(await server.getSessionUser(browser("10.0.2.1", laptop.setCookies))).toBeNull();
    expect(await server.getSessionUser(browser("10.0.2.2", phone.setCookies))).toBeNull();
    // The documented choice (account page): personal access tokens are separate keys and stay valid.
    expect((await server.getSessionUser(new Headers({ authorization: `Bearer ${token}` })))?.id).toBe(me!.id);
  });

  it("a session cookie is checked against its session row on every request: tampered, expired or revoked is nobody", async () => {
    const email = `checked-${randomUUID().slice(0, 8)}@test.invalid`;
    await flows.signUp(browser("10.0.3.1"), { name: "Checked", email, password: "correct horse battery" });
    const up = await flows.signIn(browser("10.0.3.1"), { email, password: "correct horse battery" });
    const headers = browser("10.0.3.1", up.setCookies);
    const user = await server.getSessionUser(headers);
    const full = await server.auth().api.getSession({ headers });
    expect(user).toEqual({ id: full!.user.id, name: "Checked", email });

    const cookie = headers.get("cookie")!;
    const tampered = new Headers(headers);
    tampered.set(
      "cookie",
      cookie.replace(/(session_token=[^.]+)\.(.)/, (_m, v, c) => `${v}.${c === "A" ? "B" : "A"}`),
    );
    expect(tampered.get("cookie")).not.toBe(cookie);
    expect(await server.getSessionUser(tampered)).toBeNull();
    const twice = new Headers(headers);
    twice.set(
      "cookie",
      `${cookie}; ${cookie
        .split(";")
        .find((c) => c.includes("session_token"))!
        .trim()}`,
    );
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

  it("sign-up answers alike whether the address has an account or not (no enumeration), through the API too", async () => {
    const taken = `taken-${randomUUID().slice(0, 8)}@test.invalid`;
    const fresh = `fresh-${randomUUID().slice(0, 8)}@test.invalid`;
    expect((await flows.signUp(browser("10.0.4.1"), { name: "First", email: taken, password: "correct horse battery" })).ok).toBe(true);
    const again = await flows.signUp(browser("10.0.4.2"), { name: "Again", email: taken, password: "another passphrase" });
    const unused = await flows.signUp(browser("10.0.4.3"), { name: "Again", email: fresh, password: "another passphrase" });
    expect(again).toEqual(unused);
    expect(again.ok).toBe(true);
    // The raw endpoint: same status and the same shape of body, never USER_ALREADY_EXISTS.
    const post = async (email: string, ip: string) => {
      const res = await server.auth().handler(
        new Request("http://localhost:3000/api/auth/sign-up/email", {
          method: "POST",
          headers: { "content-type": "application/json", origin: "http://localhost:3000", "x-forwarded-for": ip },
          body: JSON.stringify({ name: "Probe", email, password: "a third passphrase" }),
        }),
      );
      const body = (await res.json()) as { token: unknown; user: Record<string, unknown> };
      return { status: res.status, token: body.token, keys: Object.keys(body.user).sort(), email: body.user.email, cookie: res.headers.getSetCookie().length };
    };
    const probeTaken = await post(taken, "10.0.4.4");
    const probeFresh = await post(`other-${fresh}`, "10.0.4.5");
    expect(probeTaken).toEqual({ ...probeFresh, email: taken });
    expect(probeTaken.status).toBe(200);
    // The first owner's password still works; the second sign-up's does not.
    expect((await flows.signIn(browser("10.0.4.6"), { email: taken, password: "correct horse battery" })).ok).toBe(true);
    expect((await flows.signIn(browser("10.0.4.7"), { email: taken, password: "another passphrase" })).error).toBe("invalid-credentials");
  });

  it("refuses the commonest passwords and the e-mail address as password", async () => {
    const email = `weak-${randomUUID().slice(0, 8)}@test.invalid`;
    expect((await flows.signUp(browser("10.0.5.1"), { name: "Weak", email, password: "Password123" })).error).toBe("password-too-common");
    expect((await flows.signUp(browser("10.0.5.2"), { name: "Weak", email, password: email })).error).toBe("password-is-email");
    const { db } = await import("@/lib/db/client");
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("limits sign-in attempts per account, whatever address they come from; the right password clears the count", async () => {
    process.env.SYNOPSE_SIGNIN_ACCOUNT_MAX = "4";
    try {
      const email = `target-${randomUUID().slice(0, 8)}@test.invalid`;
      await flows.signUp(browser("10.0.6.1"), { name: "Target", email, password: "correct horse battery" });
      expect((await flows.signIn(browser("10.0.6.2"), { email, password: "correct horse battery" })).ok).toBe(true);
      const results = [];
      // Each guess from another address: the per-address limit never triggers.
      for (let i = 0; i < 12; i++) results.push((await flows.signIn(browser(`10.0.7.${i + 1}`), { email, password: `guess-${i}` })).error);
      expect(results.slice(0, 4)).toEqual(Array(4).fill("invalid-credentials"));
      expect(results.slice(4)).toEqual(Array(8).fill("rate-limited"));
      // Even the right password waits for the window now (the attacker cannot tell a hit by the answer).
      expect((await flows.signIn(browser("10.0.7.200"), { email, password: "correct horse battery" })).error).toBe("rate-limited");
      // Another account is not affected.
      expect((await flows.signIn(browser("10.0.7.201"), { email: `x-${email}`, password: "guess" })).error).toBe("invalid-credentials");
      // An owner who mistypes now and then is never locked out: each success clears the failures before it.
      const owner = `owner-${randomUUID().slice(0, 8)}@test.invalid`;
      await flows.signUp(browser("10.0.8.1"), { name: "Owner", email: owner, password: "correct horse battery" });
      const day = [];
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 3; i++) day.push((await flows.signIn(browser(`10.0.8.${10 * round + i + 2}`), { email: owner, password: "typo" })).error ?? "ok");
        day.push((await flows.signIn(browser(`10.0.8.${10 * round + 9}`), { email: owner, password: "correct horse battery" })).error ?? "ok");
      }
      expect(day).toEqual(Array(3).fill(["invalid-credentials", "invalid-credentials", "invalid-credentials", "ok"]).flat());
    } finally {
      delete process.env.SYNOPSE_SIGNIN_ACCOUNT_MAX;
    }
  }, 60_000); // some 30 password hashes
});
