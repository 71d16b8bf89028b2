/**
 * Measures suggestions against the hand-made gold set (gold.ts): recall at k over the gold links and the share
 * of look-alike traps proposed in the top k. Used by the tests and by bench/suggestions.ts.
 */
import type { SynopseDocument } from "@/lib/content/types";
import { GOLD_LINKS, GOLD_TRAPS, type GoldPassage } from "./gold";
import { suggest, type SuggestIndex, type Suggestion } from "@/lib/links/suggest";
import { seedOf } from "./seed-corpus";

export interface ResolvedPassage {
  slug: string;
  blockId: string;
  start: number;
  end: number;
}

/** Where a gold passage stands in this corpus (the first block holding the exact words; a quote block only when asked). */
export function resolvePassage(docs: SynopseDocument[], p: GoldPassage): ResolvedPassage {
  const doc = docs.find((d) => seedOf(d) === p.doc);
  if (!doc) throw new Error(`no document for seed ${p.doc}`);
  const blocks = doc.blocks.filter((b) => b.text.includes(p.exact) && (p.quoteBlock ? b.type === "quote" : !(b.type === "quote" && b.quoteOf)));
  if (!blocks.length) throw new Error(`gold passage not found in ${doc.meta.slug}: "${p.exact}"`);
  const start = blocks[0].text.indexOf(p.exact);
  return { slug: doc.meta.slug, blockId: blocks[0].id, start, end: start + p.exact.length };
}

export interface GoldReport {
  k: number;
  recallAtK: number;
  trapShare: number;
  links: Array<{ from: string; to: string; rank: number | null; crossLanguage: boolean }>;
  traps: Array<{ from: string; trap: string; rank: number | null; score: number | null }>;
}

const rankOf = (list: Suggestion[], target: ResolvedPassage) => {
  const i = list.findIndex((s) => s.slug === target.slug && s.blockId === target.blockId);
  return i < 0 ? null : i + 1;
};

export function evaluateGold(index: SuggestIndex, docs: SynopseDocument[], k = 5): GoldReport {
  const langOf = (slug: string) => docs.find((d) => d.meta.slug === slug)!.meta.lang;
  const links = GOLD_LINKS.map((g) => {
    const from = resolvePassage(docs, g.from);
    const to = resolvePassage(docs, g.to);
    const rank = rankOf(suggest(index, from, { limit: k }), to);
    return { from: `${from.slug}#${from.blockId}`, to: `${to.slug}#${to.blockId}`, rank, crossLanguage: langOf(from.slug) !== langOf(to.slug) };
  });
  const traps = GOLD_TRAPS.map((g) => {
    const from = resolvePassage(docs, g.from);
    const trap = resolvePassage(docs, g.trap);
    const list = suggest(index, from, { limit: k });
    const rank = rankOf(list, trap);
    return { from: `${from.slug}#${from.blockId}`, trap: `${trap.slug}#${trap.blockId}`, rank, score: rank ? list[rank - 1].score : null };
  });
  return {
    k,
    recallAtK: links.filter((l) => l.rank !== null).length / links.length,
    trapShare: traps.filter((t) => t.rank !== null).length / traps.length,
    links,
    traps,
  };
}
