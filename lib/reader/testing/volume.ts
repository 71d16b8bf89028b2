/**
 * A whole volume as the content pipeline makes it from TEI (chapters of a heading, paragraphs with a footnote
 * marker each, a quote; footnotes after the body), built directly so that unit tests need not run the 5 MB
 * TEI import. About `chapters` × 2.6 KB of text.
 */
import type { Block, SynopseDocument } from "@/lib/content/types";

export function fixtureVolume(chapters: number, slug = "fixture-volume"): SynopseDocument {
  const body: Block[] = [];
  const notes: Block[] = [];
  let p = 0;
  for (let c = 1; c <= chapters; c++) {
    body.push({ id: `h${c}`, type: "heading", level: 2, text: `Kapitel ${c}`, marks: [], lines: [[c, c]] });
    for (let k = 1; k <= 12; k++) {
      p++;
      const text = `Absatz ${k} im Kapitel ${c}: Die Verhandlungen zogen sich hin & niemand wusste, wann der Frieden kommen würde. Man wartete auf Nachricht aus Moskau, aus London und aus Washington. Die Briefe kamen selten.`;
      body.push({
        id: `p${p}`,
        type: "paragraph",
        text,
        marks: [
          { kind: "em", start: 27, end: 40 },
          { kind: "footnote-ref", at: 104, footnoteId: `fn${p}`, label: String(p) },
        ],
        lines: [[c, c]],
      });
      notes.push({
        id: `fn${p}`,
        type: "footnote",
        text: `Anmerkung ${p}, siehe Akten Band ${c}.`,
        marks: [],
        lines: [[c, c]],
        footnote: { label: String(p), status: "ok", refs: [`p${p}`] },
      });
    }
    body.push({ id: `q${c}`, type: "quote", quoteOf: null, text: `Ein Zitat im Kapitel ${c}.`, marks: [], lines: [[c, c]] });
  }
  return {
    meta: {
      slug,
      title: "Gesammelte Briefe",
      author: "Anna Beispiel",
      lang: "de",
      date: "1950",
      kind: "essay",
      source: "Synthetic volume for tests",
      rawFile: `${slug}.xml`,
    },
    version: `v${chapters.toString(16).padStart(15, "0")}`,
    blocks: [...body, ...notes],
    parts: [],
  };
}
