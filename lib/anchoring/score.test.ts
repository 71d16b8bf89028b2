import { describe, expect, it } from "vitest";
import { best, judge, MIN_SCORE, scoreCandidate, type ScoringContext } from "./score";

const prefix = "Molotov met Ribbentrop in Berlin";
const suffix = " and the talks ended without any";
const quote = "on 12 November 1940";
const text =
  `The Soviet side insisted that ${prefix}${quote}${suffix} agreement. ` +
  `Months later Hitler told his generals about a meeting ${quote}, in a quite different mood altogether.`;
const genuine = text.indexOf(quote);
const lookAlike = text.lastIndexOf(quote);

const ctx = (hints: number[]): ScoringContext => ({ text, exact: quote, prefix, suffix, hints });

describe("scoreCandidate / judge", () => {
  it("scores the genuine place 1 and accepts it", () => {
    const c = scoreCandidate(ctx([genuine]), { start: genuine, end: genuine + quote.length, errors: 0 });
    expect(c.score).toBeCloseTo(1, 5);
    expect(judge(c, quote.length)).toBe("accept");
  });

  it("rejects the same words in another context even when they sit exactly where the passage was expected", () => {
    const c = scoreCandidate(ctx([lookAlike]), { start: lookAlike, end: lookAlike + quote.length, errors: 0 });
    expect(c.quote).toBe(1);
    expect(c.position).toBe(1);
    expect(judge(c, quote.length)).toBe("context-mismatch");
  });

  it("ranks by context before distance: the genuine place wins although the look-alike is nearer", () => {
    const hints = [lookAlike];
    const candidates = [genuine, lookAlike].map((at) => scoreCandidate(ctx(hints), { start: at, end: at + quote.length, errors: 0 }));
    expect(best(candidates)?.start).toBe(genuine);
  });

  it("accepts a lightly edited quote in the right context but not a heavily edited one", () => {
    const light = scoreCandidate(ctx([genuine]), { start: genuine, end: genuine + quote.length, errors: 2 });
    expect(judge(light, quote.length)).toBe("accept");
    const heavy = scoreCandidate(ctx([genuine]), { start: genuine, end: genuine + quote.length, errors: 8 });
    expect(judge(heavy, quote.length)).toBe("low-score");
    expect(heavy.score).toBeLessThan(light.score);
    expect(light.score).toBeGreaterThan(MIN_SCORE);
  });
});
