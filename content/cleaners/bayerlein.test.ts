import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Block } from "@/lib/content/types";
import { checkFidelity } from "@/lib/content/fidelity";
import { cleanBayerlein, REASON } from "./bayerlein";
import { matchMarker } from "./bayerlein/markers";

const RAW_FILE = "004_a014d9392aadb155.txt";

/** A raw seed as the repository keeps it (content/sources/, byte for byte). */
function readSource(file: string): string {
  return readFileSync(path.resolve(__dirname, "../sources", file), "utf8");
}

const raw = readSource(RAW_FILE);
const result = cleanBayerlein(raw, { file: RAW_FILE, meta: {} });
const blocks = result.blocks;
const body = blocks.filter((b) => b.type !== "footnote");
const footnotes = blocks.filter((b) => b.type === "footnote");
const paragraphs = blocks.filter((b) => b.type === "paragraph");
const bodyText = body.map((b) => b.text).join("\n");
const allText = blocks.map((b) => b.text).join("\n");
const refs = (b: Block) => b.marks.flatMap((m) => (m.kind === "footnote-ref" ? [m] : []));

describe("cleanBayerlein (seed 004)", () => {
  it("is faithful to the raw file: every change is listed, every raw line accounted for", () => {
    expect(checkFidelity(raw, result)).toEqual([]);
  });

  it("is deterministic", () => {
    expect(cleanBayerlein(raw, { file: RAW_FILE, meta: {} })).toEqual(result);
  });

  it("reads the title block into metadata", () => {
    expect(result.meta).toMatchObject({
      kicker: "Analyse",
      title: "Das geheime Winogradow-Treffen",
      subtitle: "Die Sowjetunion und die Machtübernahme Hitlers",
      author: "Bernhard H. Bayerlein",
      lang: "de",
      kind: "article",
      date: null,
    });
    expect(result.meta.source).toBeUndefined();
    expect(allText).not.toContain("ΞΞ");
    const metaLines = result.removals.filter((r) => !r.blockId && r.reason.startsWith("moved to metadata")).map((r) => r.lines);
    expect(metaLines).toEqual([
      [1, 1],
      [3, 4],
      [8, 8],
    ]);
  });

  it("keeps the subtitle's footnote 1 on a subtitle block before the epigraph", () => {
    const subtitle = blocks[0];
    expect(subtitle).toMatchObject({ id: "subtitle", type: "heading", level: 1 });
    expect(subtitle.text).toBe("DIE SOWJETUNION UND DIE MACHTÜBERNAHME HITLERS");
    expect(refs(subtitle)).toEqual([{ kind: "footnote-ref", at: subtitle.text.length, footnoteId: "fn1", label: "1" }]);
  });

  it("has the epigraph with its attribution and footnote 2", () => {
    const epigraph = blocks.find((b) => b.type === "epigraph")!;
    expect(epigraph.id).toBe("epigraph");
    expect(epigraph.attribution).toBe("Victor Schiff, Anfang 1933");
    expect(epigraph.text.startsWith("»Wir haben uns darin getäuscht")).toBe(true);
    expect(epigraph.text.endsWith("Glaubensgenossen.«")).toBe(true);
    expect(epigraph.text).toContain("Männer in Deutschland gezeigt");
    expect(epigraph.text).toContain("z. B. die amerikanischen");
    expect(refs(epigraph).map((m) => [m.label, m.at])).toEqual([["2", epigraph.text.length]]);
  });

  it("has six section headings as printed, numbered 1–6", () => {
    const headings = blocks.filter((b) => b.type === "heading" && b.level === 2);
    expect(headings.map((h) => h.text)).toEqual([
      "EINE GLOBALE HISTORISCHE NIEDERLAGE …",
      "DAS WINOGRADOW-TREFFEN",
      "EINE ZEITGESCHICHTLICHE BOMBE",
      "GEGEN DIE SOZIALDEMOKRATIE UND DEN TEUFEL TROTZKI",
      "EINIGE SCHLUSSFOLGERUNGEN",
      "EIN AUSGEBLIEBENER DISKURSWANDEL",
    ]);
    expect(headings.map((h) => h.section)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(headings.map((h) => h.id)).toEqual(["h1", "h2", "h3", "h4", "h5", "h6"]);
  });

  it("re-joins 33 body paragraphs after the epigraph, each inside a section", () => {
    expect(paragraphs).toHaveLength(33);
    expect(paragraphs.map((p) => p.id)).toEqual(paragraphs.map((_, i) => `p${i + 1}`));
    expect(paragraphs.every((p) => p.section !== undefined && p.section >= 1 && p.section <= 6)).toBe(true);
    // The first paragraph is one piece from L22 to L36.
    expect(paragraphs[0].text.startsWith("Der Machtantritt der Regierung Hitler am 30. Januar 1933 war als welthistorische")).toBe(true);
    expect(paragraphs[0].text.endsWith("und der Sowjetunion.")).toBe(true);
    // Body order: subtitle, epigraph, then sections; footnotes after the body.
    expect(blocks.findIndex((b) => b.type === "footnote")).toBe(body.length);
  });

  it("mends words split across line breaks and keeps real hyphens", () => {
    for (const word of [
      "welthistorische",
      "Arbeiterbewegung",
      "Zentrumsmitglied",
      "Sowjetunion möge",
      "Nichtinterventionspolitik",
      "Anti-Hitler-Opposition",
      "russisch-deutsche",
      "Deutschland-Russland-Komplex",
      "Boris Winogradow]",
      "NS-Deutschlands",
      "Rapallo-Politik",
      "Vorwärts-Redakteurs",
      "Rearrangement.",
    ]) {
      expect(bodyText, word).toContain(word);
    }
    expect(bodyText).not.toMatch(/welthisto\s+rische|Rearrange-?\s+ment|NS-\s+Deutschlands|Deutsch-\s*land gezeigt/);
    // No split left: no body word ends a line-fragment followed by a lowercase continuation with a space.
    expect(bodyText).not.toMatch(/\b(Arbeiterbewe|Nichtinterventionspoli|Sow) /);
    // ARTIFACTS.md counts 112 such splits in the de-duplicated body and 41 in the footnotes.
    const splits = result.mends.filter((m) => m.reason === REASON.split);
    expect(splits.filter((m) => !m.blockId.startsWith("fn"))).toHaveLength(112);
    expect(splits.filter((m) => m.blockId.startsWith("fn"))).toHaveLength(41);
    // Every split mend is a pure join: the clean text is the raw text without its line breaks.
    for (const m of splits) expect(m.clean).toBe(m.raw.replace(/\s+/g, ""));
  });

  it("mends splits inside footnotes too, and keeps the footnote's own hyphen", () => {
    const fn = (n: number) => footnotes.find((b) => b.id === `fn${n}`)!.text;
    expect(fn(1)).toContain("Universität Zürich");
    expect(fn(2)).toContain("Deutsch-Sowjetischen Beziehungen");
    expect(fn(3)).toContain("Theoretical Thoughts About a World-Historic Failure");
    expect(fn(6)).toContain("Niederlage verantwortlich macht"); // split across a spurious blank line
    expect(allText).not.toMatch(/Univer sität|Theoreti cal|ver antwortlich/);
  });

  it("keeps stray characters of the source as written (conservative)", () => {
    const fn = (n: number) => footnotes.find((b) => b.id === `fn${n}`)!.text;
    expect(fn(2)).toContain("dasTreffen");
    expect(fn(10)).toContain("»Vertrauliche 09 Verschlusssache«");
    expect(fn(8)).toContain("S. 928–938,, siehe auch");
    expect(bodyText).toContain("als»auf den ersten Blick");
  });

  it("restores the private-use caron glyph", () => {
    expect(allText).not.toContain("\uF6CA");
    expect(allText).toContain("Širinja");
    expect(allText).toContain("žurnalisty");
    expect(bodyText).toContain("Sowjetbotschafter Chinčuk:");
    expect(allText.normalize("NFC")).toBe(allText);
  });

  it("maps special spaces to plain spaces in block text", () => {
    expect(allText).not.toMatch(/[\u00a0\u2000-\u200b\u202f]/);
    expect(bodyText).toContain("19. Jahrhunderts");
  });

  it("separates footnote markers 1–43, each exactly once in the body, in increasing order", () => {
    const labels = body.flatMap((b) => refs(b).map((m) => m.label));
    expect(labels).toEqual(Array.from({ length: 43 }, (_, i) => String(i + 1)));
    // Markers are not in the text: no digits glued to words where they used to be.
    expect(bodyText).not.toMatch(/wurden«\.5|Sowjetunion\.3\b|HITLERS1|ab9|Enthüllungen17|würde30/);
    for (const b of body) for (const m of refs(b)) expect(m.footnoteId).toBe(`fn${m.label}`);
  });

  it("does not take ordinary numbers for footnote markers", () => {
    const p1 = paragraphs[0];
    expect(p1.text).toContain("Deutschland 1923 und in China 1926");
    const p4 = paragraphs.find((p) => p.text.startsWith("Am 22.2.1933,"))!;
    expect(refs(p4).map((m) => [m.label, p4.text.slice(0, m.at)])).toEqual([["7", "Am 22.2.1933,"]]);
    // "Niederlage 193338" is the year 1933 followed by note 38.
    const p = paragraphs.find((x) => x.text.includes("der kampflosen Niederlage 1933 und"))!;
    const m38 = refs(p).find((m) => m.label === "38")!;
    expect(p.text.slice(0, m38.at).endsWith("Niederlage 1933")).toBe(true);
  });

  it("has footnotes fn1–fn43: 39 texts, 31–34 missing, 43 truncated, refs pointing at the citing blocks", () => {
    expect(footnotes.map((f) => f.id)).toEqual(Array.from({ length: 43 }, (_, i) => `fn${i + 1}`));
    const withText = footnotes.filter((f) => f.text !== "");
    expect(withText).toHaveLength(39);
    const missing = footnotes.filter((f) => f.footnote?.status === "missing");
    expect(missing.map((f) => f.footnote!.label)).toEqual(["31", "32", "33", "34"]);
    for (const f of missing) {
      expect(f.text).toBe("");
      expect(f.lines).toEqual([]);
    }
    const fn43 = footnotes[42];
    expect(fn43.footnote?.status).toBe("truncated");
    expect(fn43.text).toBe("Helmut Altrichter, Sowjeti");
    expect(footnotes.filter((f) => f.footnote?.status === "ok")).toHaveLength(38);
    for (const f of footnotes) {
      const citing = body.filter((b) => refs(b).some((m) => m.footnoteId === f.id)).map((b) => b.id);
      expect(f.footnote?.refs, f.id).toEqual(citing);
      expect(citing, f.id).toHaveLength(1);
      expect(f.text).not.toMatch(/^\d/); // the number is the label, not text
    }
    expect(footnotes[0].text.startsWith("Mein besonderer Dank geht an Dr. Gleb Albert")).toBe(true);
  });

  it("marks the text lost inside footnote 38 as a recorded gap", () => {
    const fn38 = footnotes.find((f) => f.id === "fn38")!;
    expect(fn38.text).toContain("Die umfangreiche Literatur […] gen kann hier nicht ausführlicher dargestellt werden.");
    expect(result.mends.some((m) => m.blockId === "fn38" && m.reason === REASON.gap)).toBe(true);
  });

  it("keeps the duplicated page once and footnotes 35–42 once", () => {
    expect(allText.split("wird schließlich – viertens –").length - 1).toBe(1);
    expect(allText.split("EIN AUSGEBLIEBENER DISKURSWANDEL").length - 1).toBe(1);
    expect(allText.split("[Josef Weber]: Eine Stimme aus der Deutschen Emigration").length - 1).toBe(1);
    const dup = result.removals.find((r) => !r.blockId && r.reason.startsWith("duplicated page"))!;
    expect(dup.lines).toEqual([891, 965]);
  });

  it("restores reading order across the misplaced page", () => {
    const p = paragraphs.find((x) => x.text.includes("das der Diktator auch aussandte."))!;
    expect(p).toBeDefined();
    // The paragraph runs from the page before the footnotes straight into the "drittens" page.
    expect(p.lines.length).toBe(2);
    expect(p.lines[0][1]).toBeLessThan(p.lines[1][0]);
    const order = (needle: string) => paragraphs.findIndex((x) => x.text.includes(needle));
    expect(order("– drittens –")).toBeLessThan(order("– viertens –"));
    expect(order("– zweitens –")).toBeLessThan(order("– drittens –"));
    expect(order("– viertens –")).toBeLessThan(order("Diese Kontinuitätsthese"));
    // Paragraphs continuing after a footnote block carry two spans.
    const p2 = paragraphs[1];
    expect(p2.text).toContain("der »in ihnen ausgeübte[n] Apparatdiktatur […], die entgegen");
    expect(p2.lines.length).toBe(2);
  });

  it("gives every block an id and raw line spans inside the file", () => {
    const ids = blocks.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    const lineCount = raw.split("\n").length;
    for (const b of blocks) {
      for (const [a, z] of b.lines) {
        expect(a).toBeGreaterThanOrEqual(1);
        expect(z).toBeGreaterThanOrEqual(a);
        expect(z).toBeLessThanOrEqual(lineCount);
      }
      if (b.footnote?.status !== "missing") expect(b.lines.length, b.id).toBeGreaterThan(0);
    }
  });

  it("records every footnote-marker separation as a mend with the marker", () => {
    const markerMends = result.mends.filter((m) => /^footnote marker \d+/.test(m.reason));
    expect(markerMends).toHaveLength(43);
    expect(markerMends).toContainEqual(expect.objectContaining({ raw: "wurden«.5", clean: "wurden«.[^5]" }));
    expect(markerMends).toContainEqual(expect.objectContaining({ raw: "193338", clean: "1933[^38]" }));
  });
});

describe("footnote marker shapes (matchMarker)", () => {
  const at = (text: string, n: number) => {
    const m = matchMarker(text, n, 0);
    return m && text.slice(m.start, m.end);
  };
  it("finds markers glued to words, punctuation and years", () => {
    expect(at("Niederlage wurden«.5", 5)).toBe("5");
    expect(at("strikt und prinzipiell ab9, für die", 9)).toBe("9");
    expect(at("der kampflosen Niederlage 193338 und", 38)).toBe("38");
    expect(at("Anfang 1933) 2", 2)).toBe(" 2");
  });
  it("does not take ordinary numbers", () => {
    expect(at("in Deutschland 1923 und in China 1926", 3)).toBeNull();
    expect(at("am 22.2.1933 fand", 2)).toBeNull();
    expect(at("Machtantritt am 30. Januar 1933", 3)).toBeNull();
    expect(at("der Jahre 1935–1938: »Vom", 38)).toBeNull();
  });
});
