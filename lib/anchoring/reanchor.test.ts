/**
 * Re-anchoring on real edits of Mastný's essay (raw seed 003): the kind of changes a re-run of the
 * content pipeline or an editor's correction makes. Survivable edits must find the passage where it
 * went; destroyed passages must become orphans; nothing may ever be attached to the wrong place.
 */
import { describe, expect, it } from "vitest";
import { documentText } from "@/lib/content/text";
import type { SynopseDocument } from "@/lib/content/types";
import { anchor, anchorMany } from "./anchor";
import { describeRange } from "./describe";
import { mastnyFromSeed } from "./testing/document";
import { applyEdits, replaceOccurrence, type TextEdit } from "./testing/edits";
import type { Anchored, PassageSelectors } from "./types";

const doc = mastnyFromSeed();
const text = documentText(doc).text;

function passage(exact: string, occurrence = 0): PassageSelectors {
  let at = text.indexOf(exact);
  for (let i = 0; i < occurrence; i++) at = text.indexOf(exact, at + 1);
  if (at < 0) throw new Error(`fixture passage not in seed: ${exact}`);
  return describeRange(doc, at, at + exact.length);
}

function reanchor(s: PassageSelectors, edits: TextEdit[]) {
  const edited = applyEdits(doc, edits);
  const expected = edited.map(s.position.start, s.position.end);
  return { result: anchor(edited.doc, s), expected, newText: documentText(edited.doc).text };
}

function expectFoundWhereItWent(s: PassageSelectors, edits: TextEdit[], method?: Anchored["method"]): Anchored {
  const { result, expected, newText } = reanchor(s, edits);
  expect(result.status).toBe("anchored");
  const a = result as Anchored;
  expect([a.start, a.end]).toEqual([expected.start, expected.end]);
  expect(a.exact).toBe(newText.slice(expected.start, expected.end));
  if (method) expect(a.method).toBe(method);
  return a;
}

describe("re-anchoring after real edits of Mastný's essay", () => {
  it("a typo fixed inside the passage (Cyrillic letters in a transliteration replaced by Latin ones)", () => {
    const s = passage('"Godovshchina sovetско-angliiskogo soiuзнogo dogovora"');
    const a = expectFoundWhereItWent(s, [replaceOccurrence(doc, "sovetско", "sovetsko"), replaceOccurrence(doc, "soiuзнogo", "soiuznogo")], "fuzzy");
    expect(a.exact).toBe('"Godovshchina sovetsko-angliiskogo soiuznogo dogovora"');
  });

  it("a word inserted just before the passage", () => {
    const s = passage('as having said: "Under different circumstances');
    expectFoundWhereItWent(s, [replaceOccurrence(doc, "Molotov is quoted ", "Molotov is reportedly quoted ")], "exact");
  });

  it("a paragraph inserted right before the passage's paragraph (offsets shift, positional block ids shift)", () => {
    const s = passage("If Stalin contemplated a separate peace at any particular moment");
    const start = s.position.start;
    const a = expectFoundWhereItWent(s, [{ start, end: start, insert: "An editor's note added before this paragraph.\n\n" }], "exact");
    expect(a.blockId).not.toBe(s.blockId);
    expect(a.blockStart).toBe(0);
  });

  it("a page-break split rejoined (two blocks merged, a hyphenated word healed) before and after the passage", () => {
    const merge = replaceOccurrence(doc, "Lon-\n\ndon", "London");
    expectFoundWhereItWent(passage("predictably caused distress in Washington"), [merge], "block");
    expectFoundWhereItWent(passage("Moscow's insistence upon the frontier that Molotov had fixed"), [merge], "exact");
  });

  it("a paragraph split at a sentence boundary just before the passage (block id changes)", () => {
    const s = passage("Any compromise with Germany would inevitably have given him");
    const a = expectFoundWhereItWent(s, [replaceOccurrence(doc, "in retrospect. ", "in retrospect.\n\n")], "exact");
    expect(a.blockStart).toBe(0);
  });

  it("the passage's sentence deleted: orphan", () => {
    const sentence = "Was not Stalin himself creating a false alarm in order to exact concessions from his coalition partners?";
    const s = passage("creating a false alarm in order to exact concessions");
    const { result } = reanchor(s, [replaceOccurrence(doc, " " + sentence, "")]);
    expect(result).toMatchObject({ status: "orphan" });
  });

  it("the passage rewritten so that only look-alikes remain ('Molotov' occurs many times): orphan, not a look-alike", () => {
    const s = passage("Molotov", 1); // "The envoy contacted both Molotov and Stalin"
    expect(s.quote.prefix.endsWith("contacted both ")).toBe(true);
    const { result, newText } = reanchor(s, [replaceOccurrence(doc, "The envoy contacted both Molotov and Stalin", "The envoy went to the Kremlin")]);
    expect(newText.split("Molotov").length - 1).toBeGreaterThan(5);
    expect(result).toMatchObject({ status: "orphan", reason: "context-mismatch" });
  });

  it("a longer look-alike: the sentence rewritten, the phrase survives elsewhere in another context", () => {
    const phrase = "a separate peace";
    const count = text.split(phrase).length - 1;
    expect(count).toBeGreaterThan(3);
    const s = passage(phrase, 2);
    const blockIndex = documentText(doc).indexById.get(s.blockId)!;
    const block = doc.blocks[blockIndex].text;
    // Rewrite the sentence holding this occurrence so the phrase disappears there.
    const sentenceStart = block.lastIndexOf(". ", s.blockStart) + 2;
    const sentenceEnd = block.indexOf(".", s.blockEnd) + 1;
    const at = documentText(doc).starts[blockIndex];
    const { result } = reanchor(s, [{ start: at + sentenceStart, end: at + sentenceEnd, insert: "The editors rewrote this sentence entirely." }]);
    expect(result).toMatchObject({ status: "orphan" });
  });
});

/** Deterministic pseudo-random numbers (mulberry32) so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("many passages through one realistic revision", () => {
  const edits: TextEdit[] = [
    replaceOccurrence(doc, "sovetско", "sovetsko"),
    replaceOccurrence(doc, "soiuзнogo", "soiuznogo"),
    replaceOccurrence(doc, "Lon-\n\ndon", "London"),
    replaceOccurrence(doc, "stra-\n\ntegic", "strategic"),
    replaceOccurrence(doc, "Molotov is quoted ", "Molotov is reportedly quoted "),
    replaceOccurrence(doc, "in retrospect. ", "in retrospect.\n\n"),
    replaceOccurrence(doc, " Was not Stalin himself creating a false alarm in order to exact concessions from his coalition partners?", ""),
    replaceOccurrence(doc, "The envoy contacted both Molotov and Stalin", "The envoy went to the Kremlin"),
    { start: documentText(doc).starts[3], end: documentText(doc).starts[3], insert: "A paragraph added by the editors.\n\n" },
  ];
  const edited = applyEdits(doc, edits);
  const newText = documentText(edited.doc).text;

  function randomPassages(n: number, seed: number): PassageSelectors[] {
    const next = random(seed);
    const list: PassageSelectors[] = [];
    while (list.length < n) {
      const length = 5 + Math.floor(next() * 150);
      const start = Math.floor(next() * (text.length - length));
      try {
        list.push(describeRange(doc, start, start + length));
      } catch {
        // whitespace-only draw; draw again
      }
    }
    return list;
  }

  function check(editedDoc: SynopseDocument, list: PassageSelectors[]) {
    const results = anchorMany(editedDoc, list);
    const tally = { intactFound: 0, intact: 0, modifiedFound: 0, modified: 0, damaged: 0, wrong: [] as string[] };
    results.forEach((r, i) => {
      const s = list[i];
      const truth = edited.map(s.position.start, s.position.end);
      tally[truth.status]++;
      if (r.status !== "anchored") return;
      const exactlyRight = r.start === truth.start && r.end === truth.end;
      if (truth.status === "intact") {
        if (exactlyRight) tally.intactFound++;
        else tally.wrong.push(`intact ${JSON.stringify(s.quote.exact)} → ${JSON.stringify(r.exact)}`);
      } else if (truth.status === "modified") {
        // Edits strictly inside: the match may differ at most by a few characters at its boundaries.
        if (Math.abs(r.start - truth.start) <= 3 && Math.abs(r.end - truth.end) <= 3) tally.modifiedFound++;
        else tally.wrong.push(`modified ${JSON.stringify(s.quote.exact)} → ${JSON.stringify(r.exact)}`);
      } else if (r.end <= truth.start || r.start >= truth.end) {
        // Damaged passage: attaching to what is left of it is fine, attaching anywhere else is not.
        tally.wrong.push(`damaged ${JSON.stringify(s.quote.exact)} → ${JSON.stringify(r.exact)}`);
      }
    });
    return tally;
  }

  it("finds every untouched passage exactly where it went and never anchors a passage elsewhere", () => {
    const list = randomPassages(1500, 20261122);
    const tally = check(edited.doc, list);
    expect(tally.wrong).toEqual([]);
    expect(tally.intact).toBeGreaterThan(1300);
    expect(tally.intactFound).toBe(tally.intact);
    expect(tally.modifiedFound).toBeGreaterThanOrEqual(Math.floor(tally.modified * 0.8));
    expect(newText.length).toBeLessThan(text.length + 100);
  });

  it("anchors a whole pane (anchorMany, which reuses its notes' displacements) exactly as anchor does note by note", () => {
    const list = randomPassages(600, 1943);
    const many = anchorMany(edited.doc, list);
    expect(many).toEqual(list.map((s) => anchor(edited.doc, s)));
    // The edits move different stretches by different amounts: the pane really exercises several.
    const shifts = new Set(many.map((r, i) => (r.status === "anchored" && r.method !== "fuzzy" ? r.start - list[i].position.start : 0)));
    expect(shifts.size).toBeGreaterThan(3);
  });
});
