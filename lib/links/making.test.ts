import { describe, expect, it } from "vitest";
import { initialMaking, making, type DraftEnd } from "./making";
import type { SuggestAnswer, SuggestedPassage } from "./suggest-service";

const end = (paneIndex: number, blockId: string): DraftEnd => ({
  paneIndex,
  slug: `doc${paneIndex}`,
  passage: { blockId, blockStart: 0, blockEnd: 5 },
  quote: "quote",
  lang: "en",
});
const candidate = (blockId: string) =>
  ({
    document: { slug: "ru", title: null, lang: "ru" },
    blockId,
    blockStart: 0,
    blockEnd: 3,
    selector: [],
    score: 1,
    reasons: [],
    cautions: [],
    linked: false,
  }) as unknown as SuggestedPassage;
const answer = (...c: SuggestedPassage[]): SuggestAnswer => ({
  seminar: "s",
  passage: { document: "doc0", blockId: "p1", blockStart: 0, blockEnd: 5, selector: [] as never },
  candidates: c,
  dictionary: true,
});

describe("making links", () => {
  it("first passage, second passage, composer, saved: back to reading", () => {
    let s = making(initialMaking, { type: "start", from: end(0, "p1") });
    expect(s.linking?.passage.blockId).toBe("p1");
    s = making(s, { type: "finish", to: end(1, "p7") });
    expect(s.composer).toMatchObject({ from: { slug: "doc0" }, to: { slug: "doc1" } });
    s = making(s, { type: "saved" });
    expect(s).toEqual(initialMaking);
  });

  it("choosing a second passage without a first does nothing; Escape (cancel) leaves linking mode", () => {
    expect(making(initialMaking, { type: "finish", to: end(1, "p7") })).toBe(initialMaking);
    const s = making(initialMaking, { type: "start", from: end(0, "p1") });
    expect(making(s, { type: "cancel" }).linking).toBeNull();
    expect(making(initialMaking, { type: "cancel" })).toBe(initialMaking);
  });

  it("closing the composer keeps the first passage chosen", () => {
    let s = making(initialMaking, { type: "start", from: end(0, "p1") });
    s = making(making(s, { type: "finish", to: end(1, "p7") }), { type: "closeComposer" });
    expect(s.composer).toBeNull();
    expect(s.linking?.passage.blockId).toBe("p1");
  });

  it("suggestions load, and an answer for a passage no longer asked about is dropped", () => {
    const first = end(0, "p1");
    const second = end(0, "p2");
    let s = making(initialMaking, { type: "suggest", from: first });
    expect(s.suggestions?.status).toBe("loading");
    s = making(s, { type: "suggest", from: second });
    s = making(s, { type: "suggested", from: first, answer: answer(candidate("x")) });
    expect(s.suggestions).toMatchObject({ status: "loading", from: { passage: { blockId: "p2" } } });
    s = making(s, { type: "suggestFailed", from: second, error: "Server error" });
    expect(s.suggestions).toMatchObject({ status: "failed", error: "Server error" });
  });

  it("an accepted or dismissed candidate leaves the list; the others stay", () => {
    const from = end(0, "p1");
    const [a, b] = [candidate("a"), candidate("b")];
    let s = making(making(initialMaking, { type: "suggest", from }), { type: "suggested", from, answer: answer(a, b) });
    s = making(s, { type: "dropCandidate", candidate: a });
    expect(s.suggestions?.answer?.candidates).toEqual([b]);
    expect(making(s, { type: "closeSuggestions" }).suggestions).toBeNull();
  });
});
