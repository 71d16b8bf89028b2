import { afterEach, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { limitNoteWrites, RateLimiter } from "./index";

describe("RateLimiter", () => {
  it("lets `max` writes through per window and key, then refuses until the window reopens", () => {
    const limiter = new RateLimiter(() => ({ window: 60, max: 3 }));
    const t0 = 1_000_000;
    expect([1, 2, 3].map((i) => limiter.take("alice", t0 + i - 1).ok)).toEqual([true, true, true]);
    const refused = limiter.take("alice", t0 + 10_000);
    expect(refused).toEqual({ ok: false, retryAfter: 50 });
    // Another member is not affected.
    expect(limiter.take("bob", t0 + 10_000).ok).toBe(true);
    // A new window.
    expect(limiter.take("alice", t0 + 1 + 60_000).ok).toBe(true);
  });

  it("remembers a bounded number of members", () => {
    const limiter = new RateLimiter(() => ({ window: 60, max: 1 }), 2);
    limiter.take("a", 0);
    limiter.take("b", 0);
    limiter.take("c", 0); // "a" is forgotten
    expect(limiter.take("a", 1).ok).toBe(true);
    expect(limiter.take("c", 1).ok).toBe(false);
  });
});

describe("limitNoteWrites", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("refuses a member's writes past SYNOPSE_NOTE_RATE_MAX with a 429 that says when to retry", () => {
    process.env.SYNOPSE_RATE_LIMIT = "";
    process.env.SYNOPSE_NOTE_RATE_MAX = "5";
    const user = `member-${Math.random()}`;
    for (let i = 0; i < 5; i++) limitNoteWrites(user);
    let error: unknown = null;
    try {
      limitNoteWrites(user);
    } catch (e) {
      error = e;
    }
    expect(isAppError(error) && error.code).toBe("rate-limited");
    expect(isAppError(error) && error.status).toBe(429);
    expect(isAppError(error) && typeof error.details?.retryAfter).toBe("number");
  });

  it("SYNOPSE_RATE_LIMIT=off lifts it (benchmarks, load tests)", () => {
    process.env.SYNOPSE_RATE_LIMIT = "off";
    process.env.SYNOPSE_NOTE_RATE_MAX = "1";
    const user = `member-${Math.random()}`;
    for (let i = 0; i < 10; i++) limitNoteWrites(user);
  });
});
