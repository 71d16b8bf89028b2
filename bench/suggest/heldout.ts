/**
 * The held-out set (see HELDOUT.md): two texts on another topic, gold links between them, look-alike traps.
 * Read only by the bench. The texts go through the same pipeline as an instructor's upload.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildMemorySource } from "@/lib/content/pipeline";
import type { SynopseDocument } from "@/lib/content/types";
import { suggest, type SuggestIndex, type Suggestion } from "@/lib/links/suggest";

const DIR = fileURLToPath(new URL("./heldout/", import.meta.url));

/** A passage of a held-out document given by its words (found in the text when the set is loaded). */
interface QuotedPassage {
  doc: string;
  exact: string;
}
export interface HeldoutGold {
  documents: Record<string, string>;
  links: Array<{ from: QuotedPassage; to: QuotedPassage; sharedNameOrNumber: boolean; note: string }>;
  traps: Array<{ from: QuotedPassage; trap: QuotedPassage; why: string }>;
}

export function loadHeldout(): { docs: SynopseDocument[]; gold: HeldoutGold; slugOf: (doc: string) => string } {
  const gold = JSON.parse(readFileSync(`${DIR}gold.json`, "utf8")) as HeldoutGold;
  const docs = Object.entries(gold.documents).map(
    ([key, file]) => buildMemorySource({ fileName: file, bytes: readFileSync(`${DIR}${file}`), slug: `heldout-${key}` }).doc,
  );
  return { docs, gold, slugOf: (doc) => `heldout-${doc}` };
}

function resolve(docs: SynopseDocument[], slug: string, p: QuotedPassage) {
  const doc = docs.find((d) => d.meta.slug === slug)!;
  const block = doc.blocks.find((b) => b.text.includes(p.exact));
  if (!block) throw new Error(`held-out passage not found in ${slug}: "${p.exact}"`);
  const start = block.text.indexOf(p.exact);
  return { slug, blockId: block.id, start, end: start + p.exact.length };
}

const rankOf = (list: Suggestion[], t: { slug: string; blockId: string }) => {
  const i = list.findIndex((s) => s.slug === t.slug && s.blockId === t.blockId);
  return i < 0 ? null : i + 1;
};

export interface HeldoutReport {
  recallAt5: number;
  recallAt5NoSharedName: number;
  linksNoSharedName: number;
  trapsInTop3: number;
  missed: string[];
  trapsProposed: string[];
}

/** Recall@5 over the gold links (and over those with no shared name or number); traps proposed in the top 3. */
export function evaluateHeldout(index: SuggestIndex, docs: SynopseDocument[], gold: HeldoutGold, slugOf: (d: string) => string): HeldoutReport {
  const links = gold.links.map((l) => {
    const from = resolve(docs, slugOf(l.from.doc), l.from);
    const to = resolve(docs, slugOf(l.to.doc), l.to);
    return { l, rank: rankOf(suggest(index, from, { limit: 5 }), to), label: `${from.slug}#${from.blockId}→${to.slug}#${to.blockId}` };
  });
  const plain = links.filter((x) => !x.l.sharedNameOrNumber);
  const traps = gold.traps.map((t) => {
    const from = resolve(docs, slugOf(t.from.doc), t.from);
    const trap = resolve(docs, slugOf(t.trap.doc), t.trap);
    return { rank: rankOf(suggest(index, from, { limit: 3 }), trap), label: `${from.slug}#${from.blockId}→${trap.slug}#${trap.blockId}` };
  });
  return {
    recallAt5: links.filter((x) => x.rank !== null).length / links.length,
    recallAt5NoSharedName: plain.filter((x) => x.rank !== null).length / plain.length,
    linksNoSharedName: plain.length,
    trapsInTop3: traps.filter((t) => t.rank !== null).length,
    missed: links.filter((x) => x.rank === null).map((x) => x.label),
    trapsProposed: traps.filter((t) => t.rank !== null).map((t) => t.label),
  };
}
