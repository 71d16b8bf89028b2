import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkFidelity, normalizeWhitespace } from "@/lib/content/fidelity";
import type { Block } from "@/lib/content/types";
import { UNKNOWN_MEMBER, analyzeForum, cleanForum, splitLinkTitle } from "./forum";
import { inferAuthors, type AuthorEvidence } from "./forum/authors";
import { matchEarlierLine } from "./forum/quotes";

const FILE = "000_a3945c46a9b6b89e.txt";
const raw = readFileSync(path.resolve(__dirname, "../sources", FILE), "utf8");
const ctx = { file: FILE, meta: {} };
const result = cleanForum(raw, ctx);
const rawLines = raw.split("\n");

const part = (n: number) => result.parts[n - 1];
const blocksOf = (postId: string) => result.blocks.filter((b) => b.part === postId);
const blockAt = (line: number): Block => {
  const b = result.blocks.find((x) => x.lines.some(([a, z]) => a <= line && line <= z));
  if (!b) throw new Error(`no block covers raw line ${line}`);
  return b;
};
const quotes = () => result.blocks.filter((b) => b.type === "quote");

describe("cleanForum on seed 000 (forum thread)", () => {
  it("takes the thread title and document metadata from the text", () => {
    expect(result.meta).toMatchObject({
      title: "Separatfrieden zwischen Stalin und Hitler zwischen 41 und 43",
      lang: "de",
      kind: "forum",
      author: null,
      date: null,
    });
    expect(result.removals).toContainEqual(expect.objectContaining({ lines: [1, 1], reason: expect.stringContaining("metadata (title)") }));
  });

  it("splits the thread into 13 posts at the NBSP-only lines", () => {
    expect(result.parts.map((p) => p.id)).toEqual(Array.from({ length: 13 }, (_, i) => `post${i + 1}`));
    expect(result.parts.map((p) => p.n)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(result.parts.every((p) => p.kind === "post")).toBe(true);
    const nbspLines = rawLines.flatMap((l, i) => (/^\u00a0$/.test(l) ? [i + 1] : []));
    expect(nbspLines).toHaveLength(13);
    // Each post's span ends at its delimiter (or the edit notice right after it).
    result.parts.forEach((p, i) => expect(p.lines[1] - nbspLines[i]).toBeLessThanOrEqual(1));
    for (const n of nbspLines) expect(result.removals).toContainEqual(expect.objectContaining({ lines: [n, n], reason: expect.stringContaining("delimiter") }));
    // Spans are in order and do not overlap; every block sits inside its post's span.
    for (let i = 1; i < result.parts.length; i++) expect(result.parts[i].lines[0]).toBeGreaterThan(result.parts[i - 1].lines[1]);
    for (const b of result.blocks) {
      const p = result.parts.find((x) => x.id === b.part)!;
      expect(p, b.id).toBeDefined();
      for (const [a, z] of b.lines) expect(a >= p.lines[0] && z <= p.lines[1], b.id).toBe(true);
    }
  });

  it("names each post's author where the text reveals it, and admits when it does not", () => {
    const table = result.parts.map((p) => [p.n, p.author, p.authorConfidence]);
    expect(table).toEqual([
      [1, "thanepower", "explicit"], // user header
      [2, "thanepower", "inferred"], // answers the question addressed "@thanepower:"
      [3, "M.", "inferred"], // sign-off
      [4, "thanepower", "inferred"],
      [5, null, "unknown"], // talks about "@thanepower" in the third person
      [6, "M.", "inferred"], // sign-off "M. :winke:"
      [7, "thanepower", "inferred"],
      [8, "Rurik", "inferred"], // the next post opens "@Rurik:"
      [9, "thanepower", "inferred"],
      [10, "M.", "inferred"], // sign-off
      [11, "thanepower", "inferred"],
      [12, null, "unknown"],
      [13, "thanepower", "inferred"],
    ]);
    // …and for the reasons the text gives (rules in forum/authors.ts).
    expect(analyzeForum(raw).authorRules).toEqual([
      "explicit",
      "asked",
      "sign-off",
      "turn-taking",
      "none",
      "sign-off",
      "turn-taking",
      "addressed",
      "turn-taking",
      "sign-off",
      "turn-taking",
      "none",
      "turn-taking",
    ]);
    expect(part(1).authorTitle).toBe("Aktives Mitglied");
    expect(result.removals).toContainEqual(expect.objectContaining({ lines: [3, 3], text: "thanepower", reason: expect.stringContaining("post metadata") }));
    expect(result.removals).toContainEqual(
      expect.objectContaining({ lines: [5, 5], text: "Aktives Mitglied", reason: expect.stringContaining("post metadata") }),
    );
    // The sign-offs stay visible as sign-off blocks of their posts.
    for (const n of [3, 6, 10])
      expect(
        blocksOf(`post${n}`)
          .filter((b) => b.type === "signoff")
          .map((b) => b.text),
      ).toEqual([n === 6 ? "M. 👋" : "M."]);
  });

  it("turns quoted earlier posts into quote blocks pointing at the post they repeat", () => {
    const expected: Array<[number, string, string | null]> = [
      [6, "post1", null], // P1 quotes a post that is not in the file
      [26, "post2", null], // the "@thanepower:" question, not in the file
      [99, "post4", "post3"],
      [111, "post6", "post4"],
      [135, "post7", "post6"],
      [143, "post7", "post6"],
      [181, "post10", "post7"],
      [191, "post11", "post10"],
      [193, "post11", "post10"],
      [221, "post13", "post12"],
    ];
    expect(quotes().map((q) => [q.lines[0][0], q.part, q.quoteOf])).toEqual(expected);
    // An in-file quote really repeats text of the post it names (copy, prefix, or copy plus "..." / sign-off).
    for (const q of quotes().filter((b) => b.quoteOf)) {
      const sourceText = normalizeWhitespace(
        blocksOf(q.quoteOf!)
          .map((b) => b.text)
          .join(" "),
      );
      const quoted = normalizeWhitespace(q.text).replace(/ \.\.\.$/, "");
      expect(sourceText, q.id).toContain(quoted.replace(/^5\. /, ""));
    }
  });

  it("separates P1's outside quote from the reply glued to it without a blank line", () => {
    const q = blockAt(6);
    expect(q).toMatchObject({ type: "quote", lines: [[6, 8]], quoteOf: null });
    expect(q.text.split("\n")).toHaveLength(3);
    expect(q.text.endsWith("Und mit den beiden Kriegszielen ist ein Frieden nicht möglich.")).toBe(true);
    const reply = blockAt(9);
    expect(reply.type).toBe("paragraph");
    expect(reply.text.startsWith("Diese Aussage ist so formuliert falsch")).toBe(true);
  });

  it("renders the L26–27 question as a quote at the top of the answering post, by an unknown member", () => {
    const q = blockAt(26);
    expect(q).toMatchObject({ type: "quote", part: "post2", lines: [[26, 27]], quoteOf: null, attribution: UNKNOWN_MEMBER });
    expect(q.attribution).not.toMatch(/thanepower/);
    expect(blocksOf("post2")[0].id).toBe(q.id);
    expect(q.text).toContain("totale Niederlage des Deutschen Reiches aus.\nHast du dazu eine Quellenangabe?");
    // The question is not a post of its own: post1 ends before it and post2 starts with it.
    expect(part(1).lines[1]).toBeLessThan(26);
    expect(part(2).lines[0]).toBe(26);
  });

  it("keeps P7's typed inline quote inside its paragraph", () => {
    const b = blockAt(117);
    expect(b.type).toBe("paragraph");
    expect(b.part).toBe("post6");
    expect(b.text).toBe('"...Und in Bezug auf Stalin verstehe ich diese Aussage nicht. ..."');
  });

  it("splits the sign-off glued to the L193 quote off and lists it", () => {
    const q = blockAt(193);
    expect(q.type).toBe("quote");
    expect(q.text.endsWith("als Meta-Ziels Stalins?")).toBe(true);
    expect(result.removals).toContainEqual(expect.objectContaining({ blockId: q.id, text: "M.", reason: expect.stringContaining("sign-off") }));
  });

  it("flags edited posts and drops every edit notice, including the orphan", () => {
    expect(result.parts.filter((p) => p.edited).map((p) => p.id)).toEqual(["post1", "post2", "post7"]);
    expect(result.parts.filter((p) => !p.edited).every((p) => p.edited === false)).toBe(true);
    const noticeLines = rawLines.flatMap((l, i) => (l.startsWith("Zuletzt bearbeitet:") ? [i + 1] : []));
    expect(noticeLines).toHaveLength(4);
    for (const n of noticeLines) expect(result.removals.some((r) => !r.blockId && r.lines[0] === n)).toBe(true);
    const orphan = result.removals.find((r) => r.reason.includes("orphan"));
    expect(orphan?.lines).toEqual([88, 88]);
    expect(result.parts.some((p) => p.lines[0] <= 88 && 88 <= p.lines[1])).toBe(false);
  });

  it("leaves no chrome in any block", () => {
    for (const b of result.blocks) {
      expect(b.text, b.id).not.toContain("Zuletzt bearbeitet");
      expect(b.text, b.id).not.toContain(":winke:");
      expect(b.text.trim(), b.id).not.toMatch(/^(Zurück|Oben)$/);
      expect(normalizeWhitespace(b.text), b.id).not.toBe("");
      expect(b.text, b.id).not.toMatch(/^\u00a0$/m);
    }
    for (const word of ["Zurück", "Oben"])
      expect(result.removals).toContainEqual(expect.objectContaining({ text: word, reason: expect.stringContaining("navigation") }));
    expect(result.mends).toContainEqual(expect.objectContaining({ raw: ":winke:", clean: "👋" }));
  });

  it("makes link-title lines link blocks with the URL recorded as lost", () => {
    const links = result.blocks.filter((b) => b.type === "link");
    const googleBooks = links.filter((b) => b.text.endsWith(" - Google Books"));
    expect(googleBooks).toHaveLength(11);
    expect(links.filter((b) => !b.text.endsWith(" - Google Books")).map((b) => b.text)).toEqual([
      "Unterredung zwischen Hitler und Molotow in Berlin am 12. November 1940",
      "DER SPIEGEL*47/1969 - ABER CHURCHILL, DEM TRAUE ICH ALLES ZU",
    ]);
    for (const b of links) expect(b.marks).toEqual([{ kind: "link", start: 0, end: b.text.length, href: null }]);
    // "Vergl. hierzu seine Rede vom 3. Juli 1941" introduces a URL; it is the author's sentence, not a link title.
    expect(blockAt(123).type).toBe("paragraph");
    expect(splitLinkTitle(blockAt(19).text)).toEqual({
      title: "Der 2. Weltkrieg: Kriegsziele und Strategien der grossen Mächte",
      author: "Andreas Hillgruber",
      site: "Google Books",
    });
  });

  it("turns bare URLs into link marks and keeps the URL text", () => {
    for (const url of ["http://www.loc.gov/rr/frd/Military_Law/pdf/NT_Vol-X.pdf", "http://wwwg.uni-klu.ac.at/eeo/Stalin_Aufruf"]) {
      const b = result.blocks.find((x) => x.text.includes(url))!;
      expect(b, url).toBeDefined();
      const start = b.text.indexOf(url);
      expect(b.marks).toContainEqual({ kind: "link", start, end: start + url.length, href: url });
    }
  });

  it("makes numbered and dash lists list items, but not a quote that starts with a number", () => {
    const q = blockAt(181);
    expect(q.type).toBe("quote");
    expect(q.text.startsWith("5. Was mich")).toBe(true);
    expect(q.label).toBeUndefined();
    const items = result.blocks.filter((b) => b.type === "list-item");
    expect(items.every((b) => !/^(\d+\.|-)\s/.test(b.text))).toBe(true);
    const labels = (postId: string) => items.filter((b) => b.part === postId).map((b) => b.label);
    expect(labels("post2")).toEqual(["1.", "2.", "3.", "-", "-", "-", "-", "-", "-", "-", "-"]);
    expect(labels("post7")).toEqual(["1.", "2.", "3.", "4.", "5."]);
    expect(labels("post9")).toEqual(["1.", "2."]);
    expect(labels("post11")).toEqual(["1.", "2."]);
    expect(labels("post12")).toEqual(["1.", "2.", "3.", "4."]);
    // L172–173: one item with a line break.
    expect(blockAt(173)).toMatchObject({ type: "list-item", lines: [[172, 173]], label: "1." });
    expect(blockAt(173).text).toBe(
      "Separatfrieden der Achse mit USA und GB und Krieg gegen Stalin.\nDieses war die zentrale Angst von Stalin, da er dem Westen eigentlich nciht traute.",
    );
    // L71 sits between dash bullets but is a paragraph.
    expect(blockAt(71).type).toBe("paragraph");
  });

  it("keeps the authors' own typos", () => {
    const all = result.blocks.map((b) => b.text).join("\n");
    for (const typo of [
      "Seperatfrieden",
      "erruieren",
      "Außenministerium s",
      "füherer",
      "Au diese",
      "wobie",
      "nciht",
      "niht",
      "Früphjahr",
      "Führung ,",
      "Ribbentrop,TMWC",
      "FN 35 )",
    ])
      expect(all, typo).toContain(typo);
  });

  it("gives blocks stable, readable ids", () => {
    const ids = result.blocks.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const b of result.blocks) expect(b.id).toMatch(new RegExp(`^${b.part}-(p|q|l|link|sig)\\d+$`));
    expect(blockAt(99).id).toBe("post4-q1");
    expect(blockAt(45).id).toBe("post2-l1");
  });

  it("is faithful to the raw text", () => {
    expect(checkFidelity(raw, result)).toEqual([]);
  });

  it("is deterministic", () => {
    expect(cleanForum(raw, ctx)).toEqual(result);
    expect(JSON.stringify(cleanForum(raw, ctx))).toBe(JSON.stringify(result));
  });

  it("finds the same posts, quotes and authors in a re-export with different spacing", () => {
    // Double every blank line and add blank lines before the first post: all line numbers shift.
    const shifted = raw.replace(/\n\n/g, "\n\n\n").replace(/^([^\n]*\n)/, "$1\n\n");
    const again = cleanForum(shifted, ctx);
    expect(checkFidelity(shifted, again)).toEqual([]);
    const summary = (r: typeof result) => ({
      parts: r.parts.map((p) => [p.id, p.author, p.authorConfidence, p.edited]),
      blocks: r.blocks.map((b) => [b.id, b.type, b.text, b.quoteOf, b.attribution, b.label]),
    });
    expect(summary(again)).toEqual(summary(result));
    expect(again.blocks.find((b) => b.id === "post4-q1")?.lines[0][0]).not.toBe(99);
  });
});

describe("quote matching", () => {
  const earlier = [
    { post: "post1", line: 3, text: "Das ist ein hinreichend langer Satz, der zitiert werden kann, und er geht noch weiter." },
    { post: "post2", line: 9, text: "Ein zweiter Satz, lang genug, um als Zitat erkannt zu werden." },
  ];
  it("recognises copies, prefixes and copies with a short suffix", () => {
    expect(matchEarlierLine(earlier[1].text, earlier)).toMatchObject({ kind: "copy", source: "post2" });
    expect(matchEarlierLine("Das ist ein hinreichend langer Satz, der zitiert werden kann,", earlier)).toMatchObject({ kind: "prefix", source: "post1" });
    expect(matchEarlierLine(earlier[1].text + "M.", earlier)).toMatchObject({ kind: "copy-plus-suffix", source: "post2", suffix: "M." });
  });
  it("ignores short lines and paraphrases", () => {
    expect(matchEarlierLine("Das ist ein", earlier)).toBeNull();
    expect(matchEarlierLine("Ein zweiter Satz, kurz genug, um nicht als Zitat erkannt zu werden.", earlier)).toBeNull();
  });
  it("resolves a quote of a quote to the original post", () => {
    const withQuote = [...earlier, { post: "post3", line: 12, text: "Ein dritter, ebenfalls langer Satz aus einem fremden Beitrag.", quoteOf: "post0" }];
    expect(matchEarlierLine("Ein dritter, ebenfalls langer Satz aus einem fremden Beitrag.", withQuote)?.source).toBe("post0");
  });
});

describe("author inference", () => {
  const post = (id: string, over: Partial<AuthorEvidence> = {}): AuthorEvidence => ({
    id,
    header: null,
    signoff: null,
    addresses: null,
    answersQuestionTo: null,
    quotes: null,
    quotesOutside: false,
    mentions: [],
    ...over,
  });
  it("leaves a post unknown when nothing points at its writer", () => {
    const r = inferAuthors([post("post1", { header: { author: "anna", authorTitle: null } }), post("post2")]);
    expect(r[1]).toMatchObject({ author: null, confidence: "unknown", rule: "none" });
  });
  it("does not give a post to someone it talks about in the third person", () => {
    const r = inferAuthors([
      post("post1", { header: { author: "anna", authorTitle: null } }),
      post("post2", { signoff: "B." }),
      post("post3", { quotes: "post2", mentions: ["anna"] }),
    ]);
    expect(r[2].author).toBeNull();
    const r2 = inferAuthors([
      post("post1", { header: { author: "anna", authorTitle: null } }),
      post("post2", { signoff: "B." }),
      post("post3", { quotes: "post2" }),
    ]);
    expect(r2[2]).toMatchObject({ author: "anna", confidence: "inferred", rule: "turn-taking" });
  });
});
