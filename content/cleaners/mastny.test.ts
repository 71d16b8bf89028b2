import { describe, expect, it } from "vitest";
import { checkFidelity } from "@/lib/content/fidelity";
import { builtSeed, seedRaw } from "./testing/seeds";
import { cleanMastny } from "./mastny";

const raw = seedRaw("mastny");
const result = cleanMastny(raw, { file: "003", meta: {} });
const { doc } = builtSeed("mastny");
const body = doc.blocks.filter((b) => b.type !== "footnote");
const notes = doc.blocks.filter((b) => b.type === "footnote");

describe("Mastný essay (seed 003)", () => {
  it("is faithful to the raw text", () => {
    expect(checkFidelity(raw, result)).toEqual([]);
  });

  it("takes the title from the text; the author's spelling, date and citation from the meta file", () => {
    expect(doc.meta).toMatchObject({
      title: "Stalin and the Prospects of a Separate Peace in World War II",
      author: "Vojtěch Mastný",
      lang: "en",
      kind: "essay",
      date: "1972-12",
    });
    expect(doc.meta.source).toContain("American Historical Review 77, no. 5 (December 1972)");
  });

  it("has 6 sections opened by their small-caps lead-ins", () => {
    const firsts = [1, 2, 3, 4, 5, 6].map((s) => body.find((b) => b.section === s));
    expect(firsts.map((b) => b?.text.split(" ").slice(0, 2).join(" "))).toEqual([
      "THE FEAR",
      "DURING THE",
      "STALINGRAD INAUGURATED",
      "STALIN'S ADDRESS",
      "THE SOVIET",
      "THE OBVIOUS",
    ]);
    expect(body.every((b) => b.section !== undefined && b.section >= 1 && b.section <= 6)).toBe(true);
  });

  it("has 60 body blocks: paragraphs re-joined across all 21 page breaks, plus L342 joined to L328", () => {
    expect(body).toHaveLength(60);
    const joined = body.filter((b) => b.lines.length > 1);
    expect(joined).toHaveLength(22);
    expect(joined.find((b) => b.lines[0][0] === 328)?.lines).toEqual([
      [328, 328],
      [342, 342],
    ]);
    expect(body.find((b) => b.lines.some(([a]) => a === 232))?.lines).toEqual([[232, 232]]); // new paragraph after L218's notes
  });

  it("renders Hassell's diary (L266) as the one block quote", () => {
    const quotes = body.filter((b) => b.type === "quote");
    expect(quotes).toHaveLength(1);
    expect(quotes[0].lines).toEqual([[266, 266]]);
    expect(quotes[0].text.startsWith("If Hitler comes to terms with Stalin")).toBe(true);
    expect(quotes[0].marks.filter((m) => m.kind === "footnote-ref").map((m) => m.kind === "footnote-ref" && m.label)).toEqual(["81"]);
  });

  it("mends the 5 words hyphenated across page breaks", () => {
    const text = body.map((b) => b.text).join("\n");
    for (const [broken, whole] of [
      ["stra-tegic", "'purely strategic' reasons"],
      ["Lon-don", "Washington and London, though"],
      ["sum-moned", "summoned Kleist"],
      ["re-jected", "rejected a mediation offer"],
      ["re-ported", "reported alleged discussions"],
    ]) {
      expect(text).toContain(whole);
      expect(text).not.toContain(broken);
      expect(text).not.toContain(broken.replace("-", "- "));
    }
  });

  it("has 123 footnotes, in order, each with exactly one reference that resolves to it", () => {
    expect(notes.map((n) => n.footnote?.label)).toEqual(Array.from({ length: 123 }, (_, i) => String(i + 1)));
    const refs = body.flatMap((b) => b.marks.flatMap((m) => (m.kind === "footnote-ref" ? [{ block: b.id, ...m }] : [])));
    expect(refs).toHaveLength(123);
    for (const note of notes) {
      const to = refs.filter((r) => r.footnoteId === note.id);
      expect(to, note.id).toHaveLength(1);
      expect(note.footnote?.refs).toEqual([to[0].block]);
      expect(note.footnote?.status).toBe("ok");
    }
    expect(notes.every((n) => !/^[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(n.text))).toBe(true);
    expect(doc.blocks.some((b) => /[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(b.text))).toBe(false);
  });

  it("keeps the 161 italic spans as em marks, without asterisks", () => {
    const ems = doc.blocks.flatMap((b) => b.marks.filter((m) => m.kind === "em").map((m) => m.kind === "em" && b.text.slice(m.start, m.end)));
    expect(ems).toHaveLength(161);
    expect(ems).toContain("modus vivendi");
    expect(notes.find((n) => n.id === "fn1")?.text).toBe("George F. Kennan, Russia and the West under Lenin and Stalin (Boston, 1961), 362–63.");
    expect(doc.blocks.some((b) => b.text.includes("*"))).toBe(false);
  });

  it("replaces the Cyrillic letters in fn 60 and records them as mends", () => {
    const fn60 = notes.find((n) => n.id === "fn60")!;
    expect(fn60.text).toContain('"Godovshchina sovetsko-angliiskogo soiuznogo dogovora"');
    expect(doc.blocks.some((b) => /\p{Script=Cyrillic}/u.test(b.text))).toBe(false);
    expect(result.mends.filter((m) => m.blockId === "fn60" && /Cyrillic/.test(m.reason)).map((m) => [m.raw, m.clean])).toEqual([
      ["sovetско", "sovetsko"],
      ["soiuзнogo", "soiuznogo"],
    ]);
  });

  it("drops only the title and byline lines", () => {
    expect(result.removals.filter((r) => !r.blockId).map((r) => r.lines)).toEqual([
      [2, 2],
      [4, 4],
    ]);
  });
});
