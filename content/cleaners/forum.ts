/**
 * Cleaner for the XenForo-style forum thread dump (seed 000, "Separatfrieden zwischen Stalin und Hitler …").
 *
 * Hand-written line classification rather than remark/unified: the raw file is a plain-text page dump, not
 * Markdown, and every block must carry its raw line span for the fidelity proof, so the work is deciding, line
 * by line, what each raw line was on the forum page (segment.ts: posts and chrome; quotes.ts: repeated text;
 * patterns.ts: single-line shapes; authors.ts: who wrote what).
 *
 * Nothing is keyed to line numbers: a re-export with other spacing yields the same posts, quotes and authors.
 */
import type { Block, Mark, Removal } from "@/lib/content/types";
import type { CleanResult, Cleaner, Mend } from "@/lib/content/cleaners/types";
import { normalizeWhitespace } from "@/lib/content/fidelity";
import { inferAuthors, type AuthorEvidence, type AuthorInference } from "./forum/authors";
import { matchEarlierLine, type EarlierLine, type QuoteMatch } from "./forum/quotes";
import { segmentThread, type PostSegment, type RawLine } from "./forum/segment";
import {
  BACK_REFERENCE,
  SMILIES,
  URL_PATTERN,
  isBlank,
  isGoogleBooksTitle,
  isInitialsSignoff,
  looksLikeLinkTitle,
  openingAddress,
  parseListLabel,
  parseSignoff,
  thirdPersonMentions,
} from "./forum/patterns";

export { splitLinkTitle } from "./forum/patterns";

/** Attribution for a quote whose writer the file does not reveal. */
export const UNKNOWN_MEMBER = "unknown member";

/** How one body line was read before blocks are built. */
type LineRole = { kind: "own" } | { kind: "quote"; source: string | null; attribution: string | null; match: QuoteMatch | null };

interface PostBlocks {
  blocks: Block[];
  removals: Array<Removal & { blockId: string }>;
  mends: Mend[];
  evidence: AuthorEvidence;
}

export const cleanForum: Cleaner = (raw) => analyzeForum(raw).result;

/** The cleaner's result plus, per post, which author rule decided (see forum/authors.ts): for reports and tests. */
export function analyzeForum(raw: string): { result: CleanResult; authorRules: Array<AuthorInference["rule"]> } {
  const rawLines = raw.split("\n");
  const seg = segmentThread(rawLines);
  const blocks: Block[] = [];
  const removals: CleanResult["removals"] = [...seg.removals];
  const mends: Mend[] = [];
  const evidence: AuthorEvidence[] = [];
  const earlier: EarlierLine[] = [];

  for (const post of seg.posts) {
    const built = buildPost(post, earlier);
    blocks.push(...built.blocks);
    removals.push(...built.removals);
    mends.push(...built.mends);
    evidence.push(built.evidence);
    for (const b of built.blocks)
      for (const [a, z] of b.lines)
        for (let n = a; n <= z; n++)
          earlier.push({ post: post.id, line: n, text: rawLines[n - 1], quoteOf: b.type === "quote" ? (b.quoteOf ?? null) : undefined });
  }

  const authors = inferAuthors(evidence);
  const parts = seg.posts.map((p, i) => ({
    id: p.id,
    kind: "post" as const,
    n: p.n,
    author: authors[i].author,
    authorTitle: authors[i].authorTitle,
    authorConfidence: authors[i].confidence,
    edited: p.edited,
    lines: p.span,
  }));

  removals.sort((a, b) => a.lines[0] - b.lines[0] || Number(a.blockId !== undefined) - Number(b.blockId !== undefined));
  return {
    result: { meta: { title: seg.title, lang: "de", kind: "forum", author: null, date: null }, blocks, parts, removals, mends },
    authorRules: authors.map((a) => a.rule),
  };
}

/** Blank-line-separated runs of body lines. A run is not yet a block: quotes and replies can share one. */
function runsOf(body: readonly RawLine[]): RawLine[][] {
  const runs: RawLine[][] = [];
  let cur: RawLine[] = [];
  for (const l of body) {
    if (isBlank(l.text)) {
      if (cur.length) runs.push(cur);
      cur = [];
    } else cur.push(l);
  }
  if (cur.length) runs.push(cur);
  return runs;
}

function buildPost(post: PostSegment, earlier: readonly EarlierLine[]): PostBlocks {
  const runs = runsOf(post.body);
  const roles = new Map<number, LineRole>();
  for (const l of post.body) {
    if (isBlank(l.text)) continue;
    const match = matchEarlierLine(l.text, earlier);
    roles.set(l.n, match ? { kind: "quote", source: match.source, attribution: null, match } : { kind: "own" });
  }

  // Quotes from outside the file can only be told from the top of the post, where quotes stand.
  let answersQuestionTo: string | null = null;
  const first = runs[0] ?? [];
  if (first.length > 0 && first.every((l) => roles.get(l.n)?.kind === "own")) {
    const outside: LineRole = { kind: "quote", source: null, attribution: UNKNOWN_MEMBER, match: null };
    // (a) The export glued a stripped quote to the reply without a blank line (L6–8 / L9): the reply opens with
    //     "Diese Aussage …", pointing back at the lines above it, which are therefore the quoted statement.
    const replyAt = first.findIndex((l, k) => k > 0 && BACK_REFERENCE.test(normalizeWhitespace(l.text)));
    // (b) A question addressed "@Name: … ?" at the top of a post that goes on to a long answer (L26–27): the
    //     question is a quoted post of another member (its header stripped, its own post missing from the
    //     dump); a member does not ask a question and answer it in the same post.
    const asked = openingAddress(first[0].text);
    if (replyAt > 0) for (const l of first.slice(0, replyAt)) roles.set(l.n, outside);
    else if (asked !== null && first.some((l) => l.text.includes("?")) && runs.length > 1) {
      for (const l of first) roles.set(l.n, outside);
      answersQuestionTo = asked;
    }
  }

  const out: PostBlocks = {
    blocks: [],
    removals: [],
    mends: [],
    evidence: {
      id: post.id,
      header: post.header,
      signoff: null,
      addresses: null,
      answersQuestionTo,
      quotes: null,
      quotesOutside: false,
      mentions: [],
    },
  };
  const counters = new Map<string, number>();
  const nextId = (prefix: string) => {
    const k = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, k);
    return `${post.id}-${prefix}${k}`;
  };

  runs.forEach((run, ri) => {
    const only = run.length === 1 ? run[0] : null;
    const ownOnly = only && roles.get(only.n)?.kind === "own" ? only : null;
    const signoff = ownOnly && ri === runs.length - 1 ? parseSignoff(ownOnly.text) : null;
    if (ownOnly && signoff) {
      out.evidence.signoff = signoff.name;
      out.blocks.push(makeBlock(out, nextId("sig"), "signoff", post.id, [ownOnly]));
      return;
    }
    if (ownOnly && (isGoogleBooksTitle(ownOnly.text) || (ri > 0 && looksLikeLinkTitle(ownOnly.text)))) {
      const b = makeBlock(out, nextId("link"), "link", post.id, [ownOnly]);
      // The whole line was the anchor text (the page title of the link); the URL itself was lost.
      b.marks = [{ kind: "link", start: 0, end: b.text.length, href: null }];
      out.blocks.push(b);
      return;
    }
    // Group the run's lines: consecutive quote lines of one source form a quote; a list label starts an item
    // that the following unlabelled lines continue (a <br> inside the item); other lines form a paragraph.
    let group: { type: Block["type"]; lines: RawLine[]; role: LineRole; label?: string } | null = null;
    const flush = () => {
      if (!group) return;
      const g = group;
      group = null;
      if (g.type === "quote" && g.role.kind === "quote") {
        const b = makeBlock(out, nextId("q"), "quote", post.id, g.lines, g.role);
        b.quoteOf = g.role.source;
        b.attribution = g.role.attribution;
        out.blocks.push(b);
        if (g.role.source === null) out.evidence.quotesOutside = true;
        else out.evidence.quotes ??= g.role.source;
      } else if (g.type === "list-item") {
        const b = makeBlock(out, nextId("l"), "list-item", post.id, g.lines);
        b.label = g.label;
        out.blocks.push(b);
      } else out.blocks.push(makeBlock(out, nextId("p"), "paragraph", post.id, g.lines));
    };
    for (const l of run) {
      const role = roles.get(l.n)!;
      if (role.kind === "quote") {
        const same = group?.type === "quote" && group.role.kind === "quote" && group.role.source === role.source;
        if (!same) {
          flush();
          group = { type: "quote", lines: [], role };
        }
        group!.lines.push(l);
        continue;
      }
      const label = parseListLabel(l.text.trimStart());
      if (label) {
        flush();
        group = { type: "list-item", lines: [l], role, label: label.label };
      } else if (group && group.type !== "quote") group.lines.push(l);
      else {
        flush();
        group = { type: "paragraph", lines: [l], role };
      }
    }
    flush();
  });

  const own = out.blocks.filter((b) => b.type !== "quote");
  const firstOwn = own[0];
  out.evidence.addresses = firstOwn ? openingAddress(firstOwn.text) : null;
  out.evidence.mentions = own.flatMap((b) => thirdPersonMentions(b.text));
  return out;
}

/**
 * Build one block from raw lines: the text keeps single newlines as line breaks; list labels, smilie codes and
 * a sign-off glued to a quote are recorded as mends/removals so the fidelity check can replay them.
 */
function makeBlock(out: PostBlocks, id: string, type: Block["type"], part: string, lines: readonly RawLine[], role?: LineRole): Block {
  const texts: string[] = [];
  lines.forEach((l, k) => {
    let t = l.text.trim();
    if (type === "list-item" && k === 0) {
      const label = parseListLabel(l.text.trimStart())!;
      out.mends.push({ blockId: id, raw: label.raw, clean: "", reason: `list label "${label.label}" moved to Block.label` });
      t = t.slice(label.raw.length).trimStart();
    }
    t = t.replace(/:([a-z_]+):/g, (code, name: string) => {
      const emoji = SMILIES[name];
      if (!emoji) return code;
      out.mends.push({ blockId: id, raw: code, clean: emoji, reason: `XenForo smilie code ${code} shown as the emoji it displayed` });
      return emoji;
    });
    texts.push(t);
  });

  // A sign-off glued to the end of a quoted line is the quoted post's signature, copied along with the quote
  // (L193 "…als Meta-Ziels Stalins?M."): not quoted content and not the signature of this post's writer.
  const match = role?.kind === "quote" ? role.match : null;
  if (match?.kind === "copy-plus-suffix" && isInitialsSignoff(match.suffix)) {
    const last = texts.length - 1;
    const suffix = match.suffix.trim();
    if (texts[last].endsWith(suffix)) {
      texts[last] = texts[last].slice(0, -suffix.length).trimEnd();
      const gathered = lines.map((l) => l.text).join("\n");
      const at = gathered.trimEnd().length - suffix.length;
      const lastLine = lines[lines.length - 1].n;
      const reason = `sign-off "${suffix}" of the quoted post, glued to the quote by the export; split off`;
      if (gathered.indexOf(suffix) === at) out.removals.push({ blockId: id, lines: [lastLine, lastLine], text: suffix, reason });
      else {
        const tail = gathered.slice(Math.max(0, at - 30), at + suffix.length);
        out.mends.push({ blockId: id, raw: tail, clean: tail.slice(0, -suffix.length), reason });
      }
    }
  }

  const text = texts.join("\n");
  const marks: Mark[] = [];
  for (const m of text.matchAll(URL_PATTERN)) {
    const url = m[0].replace(/[.,;:!?)]+$/u, "");
    marks.push({ kind: "link", start: m.index!, end: m.index! + url.length, href: url });
  }
  return {
    id,
    type,
    text,
    marks,
    lines: [[lines[0].n, lines[lines.length - 1].n]],
    part,
  };
}
