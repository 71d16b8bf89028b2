/**
 * The corpus the suggestion tests and benchmark run on.
 *
 * `loadCorpus()` prefers the real pipeline output (content/documents via lib/content/store). As a fallback
 * (and to compare), `loadRawSeedCorpus()` builds rough SynopseDocuments straight from
 * the five raw seed files: good enough to develop and measure suggestions, NOT a cleaner. It splits
 * paragraphs, rejoins the PDF/page-break splits of Mastný (003) and Bayerlein (004), turns Mastný's
 * superscript markers into footnote-ref marks with footnote blocks, drops Bayerlein's duplicated page, and
 * marks forum quote blocks (text repeated from an earlier post) with `quoteOf`. See
 * the seeds' ARTIFACTS.md (beside the raw seeds on dev machines) for what a real cleaner does.
 *
 * Documents are identified in gold data by their seed number ("000" … "004"), resolved through
 * meta.rawFile, so gold links survive whatever slugs the pipeline chooses.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getDocument, listDocuments } from "@/lib/content/store";
import type { Block, DocumentKind, Language, Mark, SynopseDocument } from "@/lib/content/types";

const SEED_FILES: Record<string, { file: string; slug: string; lang: Language; kind: DocumentKind; title: string; author: string | null }> = {
  "000": {
    file: "000_a3945c46a9b6b89e.txt",
    slug: "forum-separatfrieden",
    lang: "de",
    kind: "forum",
    title: "Separatfrieden zwischen Stalin und Hitler zwischen 41 und 43",
    author: "thanepower",
  },
  "001": {
    file: "001_4caae025eab4fa67.txt",
    slug: "artikel-alliierte-1944-45",
    lang: "de",
    kind: "article",
    title: "Alliierte Koordination 1944/45",
    author: null,
  },
  "002": {
    file: "002_226d549f36d5af05.txt",
    slug: "blog-stalin-hitler-1942",
    lang: "en",
    kind: "blog",
    title: "Stalin-Hitler 1942--a little-known WWII story",
    author: "Ludwik Kowalski",
  },
  "003": {
    file: "003_54a770377201e0ba.txt",
    slug: "mastny-separate-peace",
    lang: "en",
    kind: "essay",
    title: "Stalin and the Prospects of a Separate Peace in World War II",
    author: "Vojtech Mastny",
  },
  "004": {
    file: "004_a014d9392aadb155.txt",
    slug: "bayerlein-winogradow",
    lang: "de",
    kind: "article",
    title: "Das geheime Winogradow-Treffen",
    author: "Bernhard H. Bayerlein",
  },
};

/** The seed number ("003") of a document, from meta.rawFile. */
export function seedOf(doc: SynopseDocument): string | null {
  const m = /(\d{3})_[0-9a-f]+\.txt$/.exec(doc.meta.rawFile ?? "");
  return m ? m[1] : null;
}

/** The raw seeds are kept untouched in the repository (content/sources), so no path outside it is needed. */
const SOURCES = fileURLToPath(new URL("../../content/sources/", import.meta.url));

function findSeedFile(file: string): string {
  const hit = path.join(SOURCES, file);
  if (!existsSync(hit)) throw new Error(`seed file ${file} not found in content/sources`);
  return hit;
}

/** Prefer the pipeline's documents (content/documents via lib/content/store); fall back to the raw-seed fixture. */
export function loadCorpus(): { docs: SynopseDocument[]; source: "store" | "raw-seeds" } {
  try {
    const docs = listDocuments()
      .map((m) => getDocument(m.slug))
      .filter((d): d is SynopseDocument => d !== null);
    if (docs.length >= 5 && Object.keys(SEED_FILES).every((n) => docs.some((d) => seedOf(d) === n))) return { docs, source: "store" };
  } catch {
    /* store unreadable (e.g. a malformed document during editing): fall back */
  }
  return { docs: loadRawSeedCorpus(), source: "raw-seeds" };
}

let rawCache: SynopseDocument[] | null = null;

export function loadRawSeedCorpus(): SynopseDocument[] {
  if (rawCache) return rawCache;
  rawCache = Object.entries(SEED_FILES).map(([n, info]) => {
    const raw = readFileSync(findSeedFile(info.file), "utf8");
    const blocks = n === "000" ? forumBlocks(raw) : n === "003" ? mastnyBlocks(raw) : n === "004" ? bayerleinBlocks(raw) : plainBlocks(raw, n);
    return makeDoc(info, blocks);
  });
  return rawCache;
}

function makeDoc(info: (typeof SEED_FILES)[string], blocks: Block[]): SynopseDocument {
  const text = blocks.map((b) => b.text).join("\n\n");
  return {
    meta: {
      slug: info.slug,
      title: info.title,
      author: info.author,
      lang: info.lang,
      date: null,
      kind: info.kind,
      source: "raw seed (development fixture)",
      rawFile: info.file,
    },
    version: createHash("sha256").update(text).digest("hex").slice(0, 16),
    blocks,
    parts: [],
  };
}

function block(id: string, type: Block["type"], text: string, lines: [number, number], extra: Partial<Block> = {}): Block {
  return { id, type, text: text.replace(/\s+/g, " ").trim(), marks: [], lines: [lines], ...extra };
}

/** Paragraphs = runs of non-blank lines. */
function paragraphs(raw: string): Array<{ text: string; from: number; to: number }> {
  const lines = raw.split("\n");
  const out: Array<{ text: string; from: number; to: number }> = [];
  let cur: string[] = [];
  let from = 0;
  lines.forEach((line, i) => {
    if (line.trim() === "") {
      if (cur.length) out.push({ text: cur.join(" "), from, to: i });
      cur = [];
    } else {
      if (!cur.length) from = i + 1;
      cur.push(line.trim());
    }
  });
  if (cur.length) out.push({ text: cur.join(" "), from, to: lines.length });
  return out;
}

function plainBlocks(raw: string, n: string): Block[] {
  const paras = paragraphs(raw.replace(/^\s*date \d{4}-\d{2}\s*/, ""));
  return paras.map((p, i) => {
    const type: Block["type"] =
      n === "002" && i === 0 ? "heading" : /^(= )+=?$/.test(p.text) ? "separator" : /^https?:\/\//.test(p.text) ? "link" : "paragraph";
    return block(`p${i + 1}`, type, p.text, [p.from, p.to]);
  });
}

const FORUM_DROP = /^(Zuletzt bearbeitet:|Zurück|Oben|thanepower|Aktives Mitglied|\u00a0)$/;

function forumBlocks(raw: string): Block[] {
  const lines = raw.split("\n");
  const kept = lines.map((l) => (FORUM_DROP.test(l.trim() || l) || l === "\u00a0" || l.trim() === "" ? "" : l));
  kept[0] = ""; // thread title becomes its own heading block below
  const blocks: Block[] = [block("h1", "heading", lines[0], [1, 1])];
  const norm = (s: string) =>
    s
      .replace(/\.\.\.|…/g, " ")
      .replace(/M\.$/, "")
      .replace(/["„“]/g, "")
      .replace(/\s+/g, " ")
      .trim();
  for (const p of paragraphs(kept.join("\n"))) {
    const id = `p${blocks.length}`;
    let type: Block["type"] =
      / - Google Books$/.test(p.text) || /^(https?:\/\/|Unterredung zwischen Hitler|DER SPIEGEL)/.test(p.text)
        ? "link"
        : /^M\.( :winke:)?$/.test(p.text)
          ? "signoff"
          : "paragraph";
    let quoteOf: string | null | undefined;
    const probe = norm(p.text);
    if (type === "paragraph" && probe.length > 20) {
      const source = blocks.find((b) => b.type === "paragraph" && norm(b.text).includes(probe));
      if (source) {
        type = "quote";
        quoteOf = source.id;
      }
    }
    blocks.push(block(id, type, p.text, [p.from, p.to], quoteOf !== undefined ? { quoteOf } : {}));
  }
  return blocks;
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const SUP_RE = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;
const supToNumber = (s: string) => Number([...s].map((c) => SUPERSCRIPT.indexOf(c)).join(""));

function mastnyBlocks(raw: string): Block[] {
  const lines = raw.split("\n");
  const body: Array<{ text: string; from: number; to: number }> = [];
  const notes: Array<{ n: number; text: string; line: number }> = [];
  lines.forEach((line, i) => {
    const t = line.trim();
    if (!t || i + 1 === 2 || i + 1 === 4) return; // title and byline
    const fn = /^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s+(.*)$/.exec(t);
    if (fn) {
      notes.push({ n: supToNumber(fn[1]), text: fn[2], line: i + 1 });
      return;
    }
    const last = body[body.length - 1];
    if (last && /^[a-z]/.test(t)) {
      last.text = /[a-z]-$/.test(last.text) ? last.text.slice(0, -1) + t : `${last.text} ${t}`;
      last.to = i + 1;
    } else body.push({ text: t, from: i + 1, to: i + 1 });
  });
  const blocks: Block[] = [];
  const refs = new Map<number, string>();
  body.forEach((p, i) => {
    const id = `p${i + 1}`;
    const marks: Mark[] = [];
    let text = "";
    let last = 0;
    for (const m of p.text.matchAll(SUP_RE)) {
      text += p.text.slice(last, m.index);
      const n = supToNumber(m[0]);
      marks.push({ kind: "footnote-ref", at: text.length, footnoteId: `fn${n}`, label: String(n) });
      refs.set(n, id);
      last = m.index! + m[0].length;
    }
    text += p.text.slice(last);
    const type: Block["type"] = p.text.startsWith("If Hitler comes to terms with Stalin") ? "quote" : "paragraph";
    blocks.push({ id, type, text, marks, lines: [[p.from, p.to]], ...(type === "quote" ? { quoteOf: null } : {}) });
  });
  for (const note of notes.sort((a, b) => a.n - b.n)) {
    blocks.push(
      block(`fn${note.n}`, "footnote", note.text, [note.line, note.line], {
        footnote: { label: String(note.n), status: "ok", refs: refs.has(note.n) ? [refs.get(note.n)!] : [] },
      }),
    );
  }
  return blocks;
}

/** Bayerlein (PDF extraction): rejoin lines by their trailing-space signal, drop the duplicated page L891–965. */
function bayerleinBlocks(raw: string): Block[] {
  const lines = raw.split("\n");
  const blocks: Block[] = [block("h1", "heading", "Das geheime Winogradow-Treffen. Die Sowjetunion und die Machtübernahme Hitlers", [1, 8])];
  type Open = { text: string; from: number; to: number; footnote?: number };
  let cur: Open | null = null;
  let inFootnotes = false;
  let bodyCount = 0;
  const flush = () => {
    if (!cur) return;
    if (cur.footnote !== undefined) {
      blocks.push(block(`fn${cur.footnote}`, "footnote", cur.text, [cur.from, cur.to], { footnote: { label: String(cur.footnote), status: "ok", refs: [] } }));
    } else if (cur.text.trim()) {
      bodyCount++;
      blocks.push(block(`p${bodyCount}`, "paragraph", cur.text, [cur.from, cur.to]));
    }
    cur = null;
  };
  let pendingBody: Open | null = null; // a body paragraph interrupted by a footnote column
  for (let i = 8; i < lines.length; i++) {
    const n = i + 1;
    if (n >= 891 && n <= 965) continue;
    const line = lines[i];
    if (line.trim() === "") continue;
    const fn = /^\s?(\d{1,2})\u2003\s*(.*)$/.exec(line);
    // " gen kann hier …" is a fragment inside footnote 38 (ARTIFACTS.md: text lost in a footnote), not a page start.
    const pageStart = (/^ \S/.test(line) && !fn && !line.startsWith(" gen kann")) || n === 1047;
    if (fn) {
      if (!inFootnotes) {
        pendingBody = cur;
        cur = null;
      } else flush();
      inFootnotes = true;
      cur = { text: "", from: n, to: n, footnote: Number(fn[1]) };
      appendLine(cur, fn[2]);
      continue;
    }
    if (inFootnotes && !pageStart) {
      appendLine(cur!, line);
      continue;
    }
    if (inFootnotes && pageStart) {
      flush();
      inFootnotes = false;
      cur = pendingBody;
      pendingBody = null;
    }
    const t = line.replace(/^ /, "");
    if (/^[A-ZÄÖÜ …-]{8,}$/.test(t.trim()) && !cur) {
      blocks.push(block(`h${blocks.filter((b) => b.type === "heading").length + 1}`, "heading", t, [n, n], { level: 2 }));
      continue;
    }
    if (!cur) cur = { text: "", from: n, to: n };
    appendLine(cur, t);
    // A line without trailing space ending in punctuation or a footnote digit closes the paragraph.
    if (!/\s$/.test(t) && /[.!?«»:)\d]$/.test(t)) flush();
  }
  flush();
  if (pendingBody) {
    cur = pendingBody;
    flush();
  }
  const bodyFirst = blocks.filter((b) => b.type !== "footnote");
  const notes = blocks.filter((b) => b.type === "footnote").sort((a, b) => Number(a.footnote!.label) - Number(b.footnote!.label));
  return [...bodyFirst, ...notes];
}

function appendLine(cur: { text: string; to: number }, line: string) {
  const trailingSpace = /[ \u00a0\u2003\u2006\u2009]$/.test(line);
  const t = line.replace(/[\u2003\u2006\u2009\u2005]/g, " ");
  if (cur.text && !/\s$/.test(cur.text) && /\p{L}$/u.test(cur.text) && /^\p{Ll}/u.test(t.trim())) {
    cur.text += t.trim(); // word split across lines, hyphen dropped by the PDF extraction
  } else {
    cur.text += (cur.text && !/\s$/.test(cur.text) ? " " : "") + t.trim();
  }
  if (trailingSpace) cur.text += " ";
}
