/**
 * The library's glossary (content/seminar-data/glossary.csv, what scripts/seed.ts gives the demo seminar) as
 * the engine receives it, for tests and the bench. Ids are readable (the first English term: "separate-peace",
 * "ambassador") so a test can say which entry it expects; in the app they are row ids.
 */
import { fileURLToPath } from "node:url";
import type { GlossaryEntry } from "@/lib/links/glossary";
import { readGlossaryCsvFile } from "@/lib/links/library-lists";
import { foldText } from "@/lib/text/normalize";

export const DEMO_GLOSSARY_CSV = fileURLToPath(new URL("../../content/seminar-data/glossary.csv", import.meta.url));

let cache: GlossaryEntry[] | null = null;

export function demoSeminarGlossary(): GlossaryEntry[] {
  if (cache) return cache;
  const used = new Set<string>();
  cache = readGlossaryCsvFile(DEMO_GLOSSARY_CSV).map((e) => {
    let id = foldText(e.terms.en[0] ?? e.terms.de[0] ?? e.terms.ru[0])
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    while (used.has(id)) id += "-";
    used.add(id);
    return { id, terms: e.terms };
  });
  return cache;
}
