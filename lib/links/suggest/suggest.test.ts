/**
 * The engine on the seed corpus, as structure: what every answer must satisfy whatever the ranking. Ranking
 * quality is measured by the bench on the gold set (recall@5, traps), not asserted here: a figure reached
 * by tuning proves nothing in a test. No name list and no dictionary: the tests run the same everywhere.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SynopseDocument } from "@/lib/content/types";
import { resolvePassage } from "@/bench/suggest/evaluate";
import { GOLD_LINKS, GOLD_TRAPS } from "@/bench/suggest/gold";
import { getIndex, suggest, type SuggestIndex } from "./index";
import { loadCorpus } from "@/bench/suggest/seed-corpus";

let docs: SynopseDocument[];
let index: SuggestIndex;

beforeAll(() => {
  docs = loadCorpus().docs;
  index = getIndex(docs);
});

const blockOf = (slug: string, blockId: string) => docs.find((d) => d.meta.slug === slug)!.blocks.find((b) => b.id === blockId)!;

describe("suggest on the seed corpus: every answer", () => {
  const from = () => resolvePassage(docs, GOLD_LINKS[0].from);

  it("carries reasons whose words stand in the selected passage (or, marked, in its paragraph) and in the suggested one, best first", () => {
    const f = from();
    const paragraph = blockOf(f.slug, f.blockId).text;
    const source = paragraph.slice(f.start, f.end);
    const list = suggest(index, f, { limit: 10 });
    expect(list.length).toBeGreaterThan(0);
    for (const s of list) {
      expect(s.reasons.length).toBeGreaterThan(0);
      const target = blockOf(s.slug, s.blockId).text;
      for (const r of s.reasons) {
        expect(r.around ? paragraph : source).toContain(r.source);
        expect(target).toContain(r.target);
      }
    }
    expect(list.map((s) => s.score)).toEqual([...list.map((s) => s.score)].sort((a, b) => b - a));
  });

  it("is a sentence window inside the block that holds the evidence", () => {
    for (const s of suggest(index, from(), { limit: 10 })) {
      const text = blockOf(s.slug, s.blockId).text;
      expect(s.start).toBeGreaterThanOrEqual(0);
      expect(s.end).toBeLessThanOrEqual(text.length);
      expect(s.end).toBeGreaterThan(s.start);
      expect(s.reasons.some((r) => text.slice(s.start, s.end).includes(r.target))).toBe(true);
    }
  });

  it("comes only from other documents and honours excludeSlugs, dismissals and the limit", () => {
    const f = from();
    const list = suggest(index, f, { limit: 10, minScore: 0 });
    expect(list.every((s) => s.slug !== f.slug)).toBe(true);
    const first = list[0];
    expect(
      suggest(index, f, { limit: 10, minScore: 0, dismissed: [{ slug: first.slug, blockId: first.blockId }] }).map((s) => `${s.slug}#${s.blockId}`),
    ).not.toContain(`${first.slug}#${first.blockId}`);
    expect(suggest(index, f, { limit: 10, minScore: 0, excludeSlugs: [first.slug] }).every((s) => s.slug !== first.slug)).toBe(true);
    expect(suggest(index, f, { limit: 2, minScore: 0 }).length).toBeLessThanOrEqual(2);
  });

  it("never proposes a forum quote block that repeats another post", () => {
    for (const g of [...GOLD_LINKS.map((l) => l.from), ...GOLD_TRAPS.map((t) => t.from)]) {
      for (const s of suggest(index, resolvePassage(docs, g), { limit: 50, minScore: 0 })) {
        const b = blockOf(s.slug, s.blockId);
        expect(b.type === "quote" && b.quoteOf, `${s.slug}#${s.blockId}`).toBeFalsy();
      }
    }
  });

  it("works for words that are not in the corpus (extracted on the fly): a German spelling meets the English one", () => {
    const forum = docs.find((d) => d.meta.lang === "de" && d.meta.kind === "forum")!;
    const list = suggest(index, { slug: forum.meta.slug, exact: "Was wusste Semjonow in Stockholm?" }, { limit: 5 });
    expect(list.some((s) => s.reasons.some((r) => r.kind === "name" && r.source === "Semjonow" && r.target.startsWith("Semyonov")))).toBe(true);
  });

  it("reuses the index for the same corpus version and lists", () => {
    expect(getIndex(docs)).toBe(index);
  });
});
