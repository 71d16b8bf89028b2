/**
 * Test/bench helpers: build a SynopseDocument without the content pipeline (raw paragraphs or the raw
 * Mastný seed). Node-only (reads files, hashes); not part of the anchoring module's public surface.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BLOCK_SEPARATOR } from "@/lib/content/text";
import type { Block, BlockType, SynopseDocument } from "@/lib/content/types";

export interface BlockInput {
  id?: string;
  text: string;
  type?: BlockType;
}

export function versionOf(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** A document whose blocks are the given texts; ids default to p1, p2, … by position (as the pipeline numbers them). */
export function documentFromBlocks(blocks: Array<string | BlockInput>, slug = "fixture"): SynopseDocument {
  const built: Block[] = blocks.map((b, i) => {
    const input = typeof b === "string" ? { text: b } : b;
    if (input.text.includes(BLOCK_SEPARATOR)) throw new Error(`Block ${i} contains the block separator`);
    return { id: input.id ?? `p${i + 1}`, type: input.type ?? "paragraph", text: input.text, marks: [], lines: [[i + 1, i + 1]] };
  });
  return {
    meta: { slug, title: slug, author: null, lang: "en", date: null, kind: "essay", source: "test fixture", rawFile: `${slug}.txt` },
    version: versionOf(built.map((b) => b.text).join(BLOCK_SEPARATOR)),
    blocks: built,
    parts: [],
  };
}

/** The raw Mastný seed, as kept byte-for-byte in the repository's corpus folder. */
export const MASTNY_SEED = fileURLToPath(new URL("../../../content/sources/003_54a770377201e0ba.txt", import.meta.url));

const SUPERSCRIPT_DIGIT = /^[¹²³⁴⁵⁶⁷⁸⁹⁰]/;

/**
 * Mastný's essay straight from the raw seed: one block per non-empty line, footnote lines (starting with a
 * superscript number) moved after the body. Cruder than the real pipeline (page-break splits are not
 * rejoined) but the same size and wording, which is what anchoring tests and the benchmark need.
 */
export function mastnyFromSeed(file = MASTNY_SEED): SynopseDocument {
  const lines = readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const body: BlockInput[] = [];
  const notes: BlockInput[] = [];
  for (const line of lines) {
    if (SUPERSCRIPT_DIGIT.test(line)) notes.push({ id: `fn${notes.length + 1}`, text: line, type: "footnote" });
    else body.push({ id: `p${body.length + 1}`, text: line });
  }
  return documentFromBlocks([...body, ...notes], "mastny-separate-peace");
}
