/**
 * Per-member limits on writes anyone can repeat (creating notes, replies, links, imports): a fixed window
 * per key, refused with AppError "rate-limited" (429, translated in the "Errors" messages) and the seconds
 * until the window reopens. Sign-in has its own limiter (better-auth's, in lib/auth/server.ts); it counts
 * in the database because it guards passwords across instances. This one counts in memory, in an LRU of
 * bounded size (lru-cache), so a save costs no extra database write: with several app instances a member
 * can reach the limit once per instance, which still bounds what one member can do.
 *
 * Settings: SYNOPSE_NOTE_RATE_MAX (default 60) writes per SYNOPSE_NOTE_RATE_WINDOW seconds (default 60);
 * SYNOPSE_RATE_LIMIT=off turns every limit off (load tests and benchmarks sign up and write from one place).
 */
import { LRUCache } from "lru-cache";
import { AppError } from "@/lib/errors";

export interface RateRule {
  /** seconds */
  window: number;
  max: number;
}

function positive(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Notes, replies, links and imports per member and window. */
export function noteRateRule(): RateRule {
  return { window: positive(process.env.SYNOPSE_NOTE_RATE_WINDOW, 60), max: positive(process.env.SYNOPSE_NOTE_RATE_MAX, 60) };
}

export function rateLimitsOff(): boolean {
  return process.env.SYNOPSE_RATE_LIMIT === "off";
}

export type Verdict = { ok: true; remaining: number } | { ok: false; retryAfter: number };

/** A fixed-window counter per key; at most `maxKeys` keys are remembered (least recently used go first). */
export class RateLimiter {
  private readonly windows: LRUCache<string, { start: number; count: number }>;

  constructor(
    private readonly rule: () => RateRule,
    maxKeys = 50_000,
  ) {
    this.windows = new LRUCache({ max: maxKeys });
  }

  /** Count one request for `key` at `now` (ms). */
  take(key: string, now = Date.now()): Verdict {
    const { window, max } = this.rule();
    const ms = window * 1000;
    const w = this.windows.get(key);
    if (!w || now - w.start >= ms) {
      this.windows.set(key, { start: now, count: 1 });
      return { ok: true, remaining: max - 1 };
    }
    if (w.count >= max) return { ok: false, retryAfter: Math.max(1, Math.ceil((w.start + ms - now) / 1000)) };
    w.count++;
    return { ok: true, remaining: max - w.count };
  }
}

const g = globalThis as unknown as { __synopseNoteLimiter?: RateLimiter };

/** Count one note write by this member; throws "rate-limited" (429, with retryAfter seconds) over the limit. */
export function limitNoteWrites(userId: string): void {
  if (rateLimitsOff()) return;
  g.__synopseNoteLimiter ??= new RateLimiter(noteRateRule);
  const verdict = g.__synopseNoteLimiter.take(userId);
  if (!verdict.ok) throw new AppError("rate-limited", { retryAfter: verdict.retryAfter });
}
