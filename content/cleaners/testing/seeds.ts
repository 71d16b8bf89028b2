/** Test helpers: the checked-in seed sources, cleaned with their own cleaners (no files written). */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildCorpus, buildSource, discoverSources, type BuildResult, type BuiltDocument } from "@/lib/content/pipeline";
import { CORPUS_CLEANERS } from "../index";

export const CONTENT_DIR = fileURLToPath(new URL("../../../content", import.meta.url));

export const SEED_FILES = {
  forum: "000_a3945c46a9b6b89e.txt",
  article: "001_4caae025eab4fa67.txt",
  blog: "002_226d549f36d5af05.txt",
  mastny: "003_54a770377201e0ba.txt",
  bayerlein: "004_a014d9392aadb155.txt",
} as const;

let corpus: BuildResult | null = null;

/** The whole corpus built in memory once per test file. */
export function builtCorpus(): BuildResult {
  corpus ??= buildCorpus(CONTENT_DIR, { cleaners: CORPUS_CLEANERS });
  return corpus;
}

export function seedRaw(name: keyof typeof SEED_FILES): string {
  return fs.readFileSync(path.join(CONTENT_DIR, "sources", SEED_FILES[name]), "utf8");
}

/** One seed, built through the pipeline (cleaner, meta merge, checks, round trip). */
export function builtSeed(name: keyof typeof SEED_FILES): BuiltDocument {
  const source = discoverSources(CONTENT_DIR).find((s) => s.rawFile === SEED_FILES[name]);
  if (!source) throw new Error(`seed ${name} not in content/sources`);
  return buildSource(source, { cleaners: CORPUS_CLEANERS }).built;
}
