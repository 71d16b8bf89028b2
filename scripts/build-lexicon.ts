/**
 * Builds the bilingual lexicon for link suggestions from FreeDict's dictd dictionaries (Debian packages
 * dict-freedict-deu-eng, -eng-deu, -deu-rus, -eng-rus, installed by scripts/lib.sh ensure_dictionaries).
 * Run once at set-up: `npx tsx scripts/build-lexicon.ts [--out FILE] [--dictd DIR]`.
 *
 * A dictd dictionary is an index (`headword<TAB>offset<TAB>length`, numbers in base64 over A–Z a–z 0–9 + /)
 * plus the gzip'ed (dictzip) text of every entry. An entry's first line holds the headword, its IPA and
 * part of speech; then come translation lines ("[mil.] war <n>", "1. мир 2."), examples (quoted, indented),
 * notes and cross-references, which are skipped. Headwords and translations are reduced to Snowball stems
 * with the same function the engine uses (lib/links/suggest/words.ts), single-word headwords only.
 * Each direction also gets the inverse of the other (eng-deu adds de>en entries and the reverse), from
 * single-word translations only: inverting "separate peace" would map "peace" to every compound with it.
 *
 * A dictionary that is missing is skipped with a message; with none at all no file is written and the
 * engine falls back (same-language words, names, dates) and says so in the suggestions panel.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { formatLexicon, lexiconPath, type Lexicon } from "@/lib/links/suggest/lexicon";
import { stemWord, type WordLanguage } from "@/lib/links/suggest/words";
import { tokenize } from "@/lib/text/normalize";

const DICTIONARIES: Array<{ name: string; from: WordLanguage; to: WordLanguage }> = [
  { name: "freedict-deu-eng", from: "de", to: "en" },
  { name: "freedict-eng-deu", from: "en", to: "de" },
  { name: "freedict-deu-rus", from: "de", to: "ru" },
  { name: "freedict-eng-rus", from: "en", to: "ru" },
];

/** At most this many translation stems per source stem: the dictionaries list main senses first, and a word
 * with thirty translations would otherwise match almost any passage. */
const MAX_TRANSLATIONS = 8;

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
function b64number(s: string): number {
  let v = 0;
  for (const c of s) v = v * 64 + B64.indexOf(c);
  return v;
}

const CYRILLIC = /[\u0400-\u04FF]/;
const inScript = (raw: string, lang: WordLanguage) => (lang === "ru" ? CYRILLIC.test(raw) : /^[\p{Script=Latin}'’-]+$/u.test(raw));

/** Translation phrases of one entry, each as the stems of its content words. */
export function entryTranslations(entry: string, to: WordLanguage): string[][] {
  const phrases: string[][] = [];
  for (const line of entry.split("\n").slice(1)) {
    if (!line.trim() || /^\s{4,}/.test(line) || /^\s*(?:"|[\p{L} ]+:)/u.test(line)) continue;
    const cleaned = line.replace(/\[[^\]]*\]|<[^>]*>|\([^)]*\)|\{[^}]*\}/g, " ").replace(/\b\d+\./g, ",");
    for (const phrase of cleaned.split(/[,;]/)) {
      const words = tokenize(phrase).map((t) => t.raw);
      if (!words.length || !words.every((w) => inScript(w, to))) continue;
      const stems = words.map((w) => stemWord(w, to)).filter(Boolean);
      if (stems.length) phrases.push(stems);
    }
  }
  return phrases;
}

function headwordOf(entry: string): string | null {
  const first = entry
    .split("\n")[0]
    .replace(/\s\/.*$/, "")
    .replace(/<[^>]*>|\([^)]*\)/g, " ")
    .trim();
  const words = tokenize(first);
  return words.length === 1 ? words[0].raw : null;
}

function add(lexicon: Lexicon, dir: string, from: string, to: string[]): void {
  let map = lexicon.pairs.get(dir);
  if (!map) lexicon.pairs.set(dir, (map = new Map()));
  const list = map.get(from)?.split(" ") ?? [];
  for (const t of to) if (!list.includes(t) && list.length < MAX_TRANSLATIONS) list.push(t);
  map.set(from, list.join(" "));
}

export function buildLexicon(dictdDir: string): Lexicon {
  const lexicon: Lexicon = { pairs: new Map(), sources: [] };
  // Direct entries first, so that each list starts with the dictionary's own main senses; inverses after.
  const inverses: Array<[string, string, string]> = [];
  for (const d of DICTIONARIES) {
    const index = path.join(dictdDir, `${d.name}.index`);
    const dict = path.join(dictdDir, `${d.name}.dict.dz`);
    if (!existsSync(index) || !existsSync(dict)) {
      console.log(`[lexicon] ${d.name}: not installed, skipped`);
      continue;
    }
    const data = gunzipSync(readFileSync(dict));
    const seen = new Set<string>();
    let entries = 0;
    for (const line of readFileSync(index, "utf8").split("\n")) {
      const [head, off, len] = line.split("\t");
      if (!len || head.startsWith("00-database") || head.startsWith("00database")) continue;
      const span = `${off}:${len}`;
      if (seen.has(span)) continue;
      seen.add(span);
      const entry = data.subarray(b64number(off), b64number(off) + b64number(len)).toString("utf8");
      const word = headwordOf(entry);
      if (!word) continue;
      const stem = stemWord(word, d.from);
      if (!stem) continue;
      const phrases = entryTranslations(entry, d.to);
      if (!phrases.length) continue;
      // Single-word translations first: they are the closest equivalents.
      const ordered = [...phrases.filter((p) => p.length === 1), ...phrases.filter((p) => p.length > 1)];
      add(lexicon, `${d.from}>${d.to}`, stem, ordered.flat());
      for (const p of phrases) if (p.length === 1) inverses.push([`${d.to}>${d.from}`, p[0], stem]);
      entries++;
    }
    lexicon.sources.push(d.name);
    console.log(`[lexicon] ${d.name}: ${entries} entries`);
  }
  for (const [dir, from, to] of inverses) add(lexicon, dir, from, [to]);
  return lexicon;
}

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const out = opt("--out") ?? lexiconPath();
  const dictd = opt("--dictd") ?? process.env.DICTD_DIR ?? "/usr/share/dictd";
  const started = Date.now();
  const lexicon = buildLexicon(dictd);
  if (!lexicon.sources.length) {
    console.log("[lexicon] no dictionary found: link suggestions will use same-language words, names and dates only");
    return;
  }
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, gzipSync(formatLexicon(lexicon)));
  const size = [...lexicon.pairs.values()].reduce((n, m) => n + m.size, 0);
  console.log(`[lexicon] ${size} stems → ${path.relative(process.cwd(), out)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? "")) main();
