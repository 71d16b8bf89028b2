/**
 * Who wrote each post. Only the first post kept its XenForo user header; for the others the text itself has to
 * reveal the writer. The rules, strongest first (each post takes the first that applies):
 *
 * 1. explicit  — the user header (post 1).
 * 2. sign-off  — a typed sign-off at the end of the post ("M.").
 * 3. addressed — the next post opens with "@Name:" and quotes nothing, i.e. it answers this post by name.
 * 4. asked     — the post opens with a quoted question addressed "@Name:"; the addressee is the one answering.
 * 5. turn-taking — post B replies to post A (B quotes A, or B opens "@Name:" to A's author right after A);
 *    A itself answered post C (the post A quotes, else the post right before A). In a dialogue the writer of C
 *    is the one who answers A's answer, so B is by C's writer — unless that is A's own writer, or B talks
 *    about that name in the third person ("@thanepower hat oben …").
 * Otherwise the writer stays unknown ("unknown member"): author null, confidence "unknown".
 * All but rule 1 give confidence "inferred". Rules run in post order, so rule 5 can build on earlier results.
 */
import type { Part } from "@/lib/content/types";

export interface AuthorEvidence {
  /** Part id, e.g. "post4". */
  id: string;
  header: { author: string; authorTitle: string | null } | null;
  signoff: string | null;
  /** "@Name:" opening the post's own text (not a quote). */
  addresses: string | null;
  /** "@Name:" opening a quoted question at the top of the post. */
  answersQuestionTo: string | null;
  /** Part id of the first in-file post this post quotes. */
  quotes: string | null;
  /** Whether the post quotes something from outside the file (so its predecessor is not what it answers). */
  quotesOutside: boolean;
  /** Names the post's own text mentions in the third person. */
  mentions: string[];
}

export interface AuthorInference {
  author: string | null;
  authorTitle: string | null;
  confidence: Part["authorConfidence"];
  /** Which rule decided, for reports and tests. */
  rule: "explicit" | "sign-off" | "addressed" | "asked" | "turn-taking" | "none";
}

export function inferAuthors(posts: readonly AuthorEvidence[]): AuthorInference[] {
  const index = new Map(posts.map((p, i) => [p.id, i]));
  const out: AuthorInference[] = posts.map(() => ({ author: null, authorTitle: null, confidence: "unknown", rule: "none" }));
  const set = (i: number, author: string, rule: AuthorInference["rule"]) => {
    out[i] = { author, authorTitle: null, confidence: "inferred", rule };
  };

  /** The post that post i answers: the in-file post it quotes, else its predecessor (unless it answers a quote from outside). */
  const answered = (i: number): number | null => {
    const p = posts[i];
    if (p.quotes !== null) return index.get(p.quotes) ?? null;
    if (p.quotesOutside || i === 0) return null;
    return i - 1;
  };
  /** The post that post i replies to, if the text shows it: a quote of it, or "@Name:" to its writer right after it. */
  const repliesTo = (i: number): number | null => {
    const p = posts[i];
    if (p.quotes !== null) return index.get(p.quotes) ?? null;
    if (p.addresses !== null && i > 0 && out[i - 1].author === p.addresses) return i - 1;
    return null;
  };

  posts.forEach((p, i) => {
    if (p.header) out[i] = { author: p.header.author, authorTitle: p.header.authorTitle, confidence: "explicit", rule: "explicit" };
    else if (p.signoff) set(i, p.signoff, "sign-off");
  });
  posts.forEach((p, i) => {
    if (out[i].author !== null) return;
    const next = posts[i + 1];
    if (next && next.addresses !== null && next.quotes === null && !next.quotesOutside) set(i, next.addresses, "addressed");
    else if (p.answersQuestionTo !== null) set(i, p.answersQuestionTo, "asked");
  });
  posts.forEach((p, i) => {
    if (out[i].author !== null) return;
    const a = repliesTo(i);
    if (a === null) return;
    const c = answered(a);
    if (c === null) return;
    const candidate = out[c].author;
    if (candidate !== null && candidate !== out[a].author && !p.mentions.includes(candidate)) set(i, candidate, "turn-taking");
  });
  return out;
}
