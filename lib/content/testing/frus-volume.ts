/**
 * A FRUS-shaped volume of any size for the scale test (bench/tei.ts), built reproducibly from the real excerpts
 * in ./fixtures/tei: the FRUS header, then chapter after chapter of the three real FRUS documents (source notes,
 * headings with notes, opener, dateline, closer, footnotes, page breaks) and one real DTA letter (deletions,
 * additions, regularisations, forme work), ids and numbers made unique per chapter. The whole volume the issue
 * names (HistoryAtState/frus, 800 MB of history) cannot be fetched here; its markup is what these excerpts are.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "tei");

function between(text: string, from: string, to: string): string {
  const a = text.indexOf(from);
  const z = text.lastIndexOf(to);
  if (a < 0 || z < a) throw new Error(`fixture changed: ${from} … ${to} not found`);
  return text.slice(a, z + to.length);
}

export function frusVolume(bytes: number): string {
  const frus = fs.readFileSync(path.join(DIR, "frus1944Quebec-d17-d19.xml"), "utf8");
  const letter = fs.readFileSync(path.join(DIR, "dta-soldatenbrief-042.xml"), "utf8");
  const head = frus.slice(0, frus.indexOf("<text>"));
  const documents = between(frus, '<pb facs="0066"', "</div>\n            </div>").replace(/\n\s*<\/div>$/, "");
  const dtaLetter = between(letter, '<div type="letter"', "</div>");
  let out = `${head}<text>\n        <body>\n`;
  for (let c = 1; out.length < bytes; c++) {
    const docs = documents
      .replace(/xml:id="(d\d+|pg_\d+)"/g, `xml:id="$1-c${c}"`)
      .replace(/ n="(\d+)" xml:id="pg_/g, ` n="${c}.$1" xml:id="pg_`)
      .replace(/(<div [^>]*?) n="(\d+)"/g, `$1 n="${c}-$2"`);
    out += `            <div type="chapter" xml:id="ch${c}">\n                <head>Chapter ${c}</head>\n                    ${docs}\n                    ${dtaLetter}\n            </div>\n`;
  }
  return `${out}        </body>\n    </text>\n</TEI>\n`;
}
