/**
 * Where a query matches inside a text, and the snippet shown for it. Uses the same analysis as the index
 * (analyze.ts), so a passage the database found is also the passage highlighted. Framework-free.
 */
import { analyze, type AnalyzedWord } from "./analyze";
import type { ParsedQuery, QueryWord, Term } from "./query";
import type { ElementContent } from "hast";
import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";

export interface Span {
  start: number;
  end: number;
}

export interface Snippet {
  /** the excerpt, plain text */
  text: string;
  /** highlighted ranges inside `text` */
  highlights: Span[];
  /** whether text was cut before / after the excerpt */
  before: boolean;
  after: boolean;
  /** offsets of the excerpt in the full text */
  start: number;
  end: number;
}

function wordMatches(t: AnalyzedWord, q: QueryWord, prefix: boolean): boolean {
  if (prefix) return t.w.startsWith(q.w);
  return t.w === q.w || t.de === q.de || t.en === q.en || (q.nk.length >= 4 && t.nk === q.nk);
}

function termSpans(words: AnalyzedWord[], term: Term): Span[] {
  const out: Span[] = [];
  const n = term.words.length;
  if (term.phrase && n > 1) {
    for (let i = 0; i + n <= words.length; i++) {
      let ok = true;
      for (let k = 0; k < n && ok; k++) ok = wordMatches(words[i + k], term.words[k], term.prefix && k === n - 1);
      if (ok) out.push({ start: words[i].start, end: words[i + n - 1].end });
    }
    return out;
  }
  term.words.forEach((q, k) => {
    for (const w of words) if (wordMatches(w, q, term.prefix && k === n - 1)) out.push({ start: w.start, end: w.end });
  });
  return out;
}

/** Every matched range of the query's positive terms in `text`, sorted and merged. */
export function matchSpans(text: string, query: ParsedQuery, words: AnalyzedWord[] = analyze(text)): Span[] {
  const spans = query.groups.flatMap((g) => g.alternatives.flatMap((t) => termSpans(words, t)));
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    // Overlapping, or only spaces between: one mark ("trade agreement", not "trade" and "agreement").
    if (last && (s.start <= last.end || /^[ \u00a0]+$/.test(text.slice(last.end, s.start)))) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/**
 * An excerpt of about `width` characters around the densest run of matches, cut at word boundaries.
 * Short texts are shown whole.
 */
export function makeSnippet(text: string, spans: Span[], width = 240): Snippet {
  if (text.length <= width || spans.length === 0) {
    const end = Math.min(text.length, width);
    const cut = end < text.length ? wordBoundaryBefore(text, end) : end;
    return { text: text.slice(0, cut), highlights: spans.filter((s) => s.end <= cut), before: false, after: cut < text.length, start: 0, end: cut };
  }
  // The window that contains the most matches, starting at a match.
  let best = 0;
  let bestCount = 0;
  for (let i = 0; i < spans.length; i++) {
    let c = 0;
    for (let j = i; j < spans.length && spans[j].end - spans[i].start <= width; j++) c++;
    if (c > bestCount) {
      best = i;
      bestCount = c;
    }
  }
  const first = spans[best];
  let start = Math.max(0, first.start - Math.floor(width / 4));
  let end = Math.min(text.length, start + width);
  if (end - start < width) start = Math.max(0, end - width);
  if (start > 0) start = wordBoundaryAfter(text, start);
  if (end < text.length) end = wordBoundaryBefore(text, end);
  const highlights = spans.filter((s) => s.start >= start && s.end <= end).map((s) => ({ start: s.start - start, end: s.end - start }));
  return { text: text.slice(start, end), highlights, before: start > 0, after: end < text.length, start, end };
}

function wordBoundaryAfter(text: string, i: number): number {
  const m = /\s/.exec(text.slice(i, i + 30));
  return m ? i + m.index + 1 : i;
}

function wordBoundaryBefore(text: string, i: number): number {
  const slice = text.slice(Math.max(0, i - 30), i);
  const k = slice.search(/\s\S*$/);
  return k >= 0 ? i - slice.length + k : i;
}

/** The snippet as HTML with <mark> around matches (everything else escaped, by hast-util-to-html), for scripts. */
export function snippetHtml(s: Snippet): string {
  const children: ElementContent[] = [];
  const text = (value: string) => value && children.push({ type: "text", value });
  if (s.before) text("… ");
  let pos = 0;
  for (const hl of s.highlights) {
    text(s.text.slice(pos, hl.start));
    children.push(h("mark", s.text.slice(hl.start, hl.end)));
    pos = hl.end;
  }
  text(s.text.slice(pos));
  if (s.after) text(" …");
  return toHtml({ type: "root", children }, { characterReferences: { useNamedReferences: true } });
}
