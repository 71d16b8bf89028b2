/**
 * The demo seminar's name list (content/seminar-data/names.csv, what scripts/seed.ts gives the demo seminar)
 * as the engine receives it, for tests and the bench. Ids are readable ("semyonov", "vinogradov-1943") so a
 * test can say which entry it expects; in the app they are row ids.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseNamesCsv } from "@/lib/links/names/csv";
import { toSeminarName, type SeminarName } from "@/lib/links/names/types";
import { foldText } from "@/lib/text/normalize";

export const DEMO_NAMES_CSV = fileURLToPath(new URL("../../content/seminar-data/names.csv", import.meta.url));

let cache: SeminarName[] | null = null;

export function demoSeminarNames(): SeminarName[] {
  if (cache) return cache;
  const used = new Set<string>();
  cache = parseNamesCsv(readFileSync(DEMO_NAMES_CSV, "utf8")).map((r) => {
    const head = r.variants.en[0] ?? r.variants.de[0] ?? r.variants.ru[0];
    let id =
      foldText(head)
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "") + (r.years.length ? `-${r.years[0]}` : "");
    while (used.has(id)) id += "-";
    used.add(id);
    return toSeminarName(id, r);
  });
  return cache;
}
