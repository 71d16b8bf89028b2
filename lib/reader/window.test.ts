import { describe, expect, it } from "vitest";
import { getDocument, listDocuments } from "@/lib/content/store";
import type { SynopseDocument } from "@/lib/content/types";
import { documentOutline, outlineItemsHtml, renderDocument, renderDocumentHead, renderWindow } from "./html";
import { fixtureDocument, fixtureLabels as labels } from "./testing/document";
import { fixtureVolume } from "./testing/volume";
import { BLOCK_OVERHEAD, initialWindow, isWindowed, planWindows, WINDOW_BUDGET, windowOf, windowsAfterLoading } from "./window";

const corpus = () => listDocuments().map((m) => getDocument(m.slug)!);
// About 2 MB of text: the size where a reader page with everything at once becomes slow.
const volume = fixtureVolume(800);
const ids = (html: string, attr: string) => [...html.matchAll(new RegExp(`${attr}="([^"]+)"`, "g"))].map((m) => m[1]);

describe("which documents are read in windows", () => {
  it("shows every text of the corpus whole", () => {
    const docs = corpus();
    expect(docs.length).toBeGreaterThanOrEqual(5);
    for (const doc of docs) expect(isWindowed(doc), doc.meta.slug).toBe(false);
    expect(isWindowed(fixtureDocument)).toBe(false);
  });

  it("reads a whole volume in windows", () => {
    expect(isWindowed(volume)).toBe(true);
    expect(planWindows(volume).windows.length).toBeGreaterThan(5);
  });
});

describe("planning the windows of a volume", () => {
  const plan = planWindows(volume);
  const body = volume.blocks.filter((b) => b.type !== "footnote");

  it("covers every body block once, in reading order, without gaps", () => {
    expect(plan.windows[0].start).toBe(0);
    plan.windows.forEach((w, i) => {
      expect(w.n).toBe(i);
      expect(w.end).toBeGreaterThan(w.start);
      if (i > 0) expect(w.start).toBe(plan.windows[i - 1].end);
      expect(w.firstBlockId).toBe(body[w.start].id);
    });
    expect(plan.windows[plan.windows.length - 1].end).toBe(body.length);
    for (const b of body) expect(plan.windows[windowOf(plan, b.id)!].firstBlockId).toBeDefined();
  });

  it("keeps windows within the budget and starts each at a chapter heading", () => {
    for (const w of plan.windows) {
      expect(w.size).toBeLessThanOrEqual(WINDOW_BUDGET);
      // Only the last window holds what is left over.
      if (w.n < plan.windows.length - 1) expect(w.size).toBeGreaterThan(WINDOW_BUDGET * 0.7);
      expect(body[w.start].type).toBe("heading");
      expect(body[w.end - 1].type).not.toBe("heading");
    }
  });

  it("never ends a window with a heading, even without a good place to cut", () => {
    // One endless chapter of long paragraphs with a sub-heading here and there.
    const doc = fixtureVolume(1);
    const blocks = Array.from({ length: 400 }, (_, i) =>
      i % 37 === 5
        ? { id: `s${i}`, type: "heading" as const, level: 3, text: `Abschnitt ${i}`, marks: [], lines: [[1, 1]] as Array<[number, number]> }
        : { id: `x${i}`, type: "paragraph" as const, text: "Wort ".repeat(200), marks: [], lines: [[1, 1]] as Array<[number, number]> },
    );
    const long: SynopseDocument = { ...doc, blocks };
    const p = planWindows(long, { budget: 10_000 });
    expect(p.windows.length).toBeGreaterThan(5);
    for (const w of p.windows) expect(blocks[w.end - 1].type).not.toBe("heading");
  });

  it("never splits a block: one larger than the budget gets a window of its own", () => {
    const doc = fixtureVolume(3);
    const giant = { id: "giant", type: "paragraph" as const, text: "x".repeat(20_000), marks: [], lines: [[1, 1]] as Array<[number, number]> };
    const blocks = [...doc.blocks.slice(0, 5), giant, ...doc.blocks.slice(5)];
    const p = planWindows({ ...doc, blocks }, { budget: 5_000 });
    const w = p.windows[windowOf(p, "giant")!];
    expect(w.end - w.start).toBe(1);
    expect(w.size).toBe(20_000 + BLOCK_OVERHEAD);
  });

  it("puts each footnote in the window of its marker, and markerless notes in the last window", () => {
    for (const b of body) {
      for (const m of b.marks) if (m.kind === "footnote-ref") expect(windowOf(plan, m.footnoteId)).toBe(windowOf(plan, b.id));
    }
    const orphan = {
      id: "fn-orphan",
      type: "footnote" as const,
      text: "Eine Anmerkung ohne Verweis.",
      marks: [],
      lines: [[1, 1]] as Array<[number, number]>,
      footnote: { label: "*", status: "ok" as const, refs: [] },
    };
    const p = planWindows({ ...volume, blocks: [...volume.blocks, orphan] });
    expect(windowOf(p, "fn-orphan")).toBe(p.windows.length - 1);
    expect(p.windows[p.windows.length - 1].footnotes.map((n) => n.id)).toContain("fn-orphan");
  });

  it("opens at the window of a deep link, else at the first", () => {
    const late = body[body.length - 10].id;
    expect(initialWindow(plan, late)).toBe(plan.windows.length - 1);
    expect(initialWindow(plan, "fn1")).toBe(0);
    expect(initialWindow(plan, null)).toBe(0);
    expect(initialWindow(plan, "no-such-block")).toBe(0);
    expect(windowOf(plan, "no-such-block")).toBeUndefined();
  });
});

describe("which windows stay loaded", () => {
  it("adds a neighbour and drops the farthest window beyond the limit", () => {
    expect(windowsAfterLoading([4], 5, 3)).toEqual([4, 5]);
    expect(windowsAfterLoading([4, 5], 3, 3)).toEqual([3, 4, 5]);
    expect(windowsAfterLoading([3, 4, 5], 6, 3)).toEqual([4, 5, 6]);
    expect(windowsAfterLoading([3, 4, 5], 2, 3)).toEqual([2, 3, 4]);
    expect(windowsAfterLoading([3, 4, 5], 4, 3)).toEqual([3, 4, 5]);
  });

  it("keeps only the new window after a jump far away", () => {
    expect(windowsAfterLoading([0, 1], 20, 3)).toEqual([20]);
    expect(windowsAfterLoading([], 7, 3)).toEqual([7]);
  });
});

describe("rendering a window", () => {
  it("is the whole document's body and notes when there is a single window", () => {
    const plan = planWindows(fixtureDocument, { budget: 1e9 });
    expect(plan.windows).toHaveLength(1);
    const whole = renderDocument(fixtureDocument, "pane1", labels).html;
    const windowed = renderDocumentHead(fixtureDocument, "pane1", labels) + `<div class="doc-body">` + renderWindow(fixtureDocument, plan, 0, "pane1", labels);
    // The notes list sits after the body in the whole document, and carries the window's number here.
    expect(windowed.replace(`<section class="notes"`, `</div><section class="notes"`).replaceAll("pane1-footnotes-0", "pane1-footnotes")).toBe(whole);
  });

  it("renders every block and marker of a volume exactly once over all its windows, each note with its marker", () => {
    const plan = planWindows(volume);
    const htmls = plan.windows.map((w) => renderWindow(volume, plan, w.n, "pane2", labels));
    const blockIds = htmls.flatMap((h) => ids(h, "data-block-id"));
    expect(blockIds.sort()).toEqual(volume.blocks.map((b) => b.id).sort());
    const domIds = htmls.flatMap((h) => ids(h, " id"));
    expect(new Set(domIds).size).toBe(domIds.length);
    htmls.forEach((h, n) => {
      // Every marker's note is in the same window, and the note links back to its marker there.
      for (const note of ids(h, "data-note")) expect(h).toContain(`id="${note}"`);
      expect(h).toContain(`id="pane2-footnotes-${n}"`);
      const backlinks = ids(h, `<a href`).filter((x) => x.includes("fnref"));
      expect(backlinks.length).toBeGreaterThan(0);
      for (const back of backlinks) expect(h).toContain(`id="${back.slice(1)}"`);
    });
  });

  it("continues a forum post that began in the window before, without repeating its header", () => {
    const plan = planWindows(fixtureDocument, { budget: 60 });
    const post3 = fixtureDocument.blocks.filter((b) => b.part === "post3");
    const first = windowOf(plan, post3[0].id)!;
    const later = windowOf(plan, post3[post3.length - 1].id)!;
    expect(later).toBeGreaterThan(first);
    const html = plan.windows.map((w) => renderWindow(fixtureDocument, plan, w.n, "pane1", labels));
    expect(html[first]).toContain(`id="pane1-part-post3-h"`);
    expect(html[later]).not.toContain(`id="pane1-part-post3`);
    expect(html[later]).toContain(`part-continued`);
    expect(html.join("").match(/id="pane1-part-post3-h"/g)).toHaveLength(1);
  });
});

describe("the outline of a windowed document", () => {
  it("is the one the whole document shows, for every text of the corpus", () => {
    for (const doc of [...corpus(), fixtureDocument]) {
      expect(documentOutline(doc, "pane1", labels), doc.meta.slug).toEqual(renderDocument(doc, "pane1", labels).outline);
    }
  });

  it("lists every chapter of a volume with the block to load", () => {
    const plan = planWindows(volume);
    const outline = documentOutline(volume, "pane3", labels, { withBlocks: true, notes: false });
    expect(outline.map((e) => e.text)).toEqual(Array.from({ length: 800 }, (_, i) => `Kapitel ${i + 1}`));
    const last = outline[outline.length - 1];
    expect(last).toMatchObject({ id: "pane3-h800", block: "h800" });
    expect(windowOf(plan, last.block!)).toBe(plan.windows.length - 1);
  });
});

describe("a long outline as HTML", () => {
  it("has the same items as the outline's elements, escaped, each with the block to load", () => {
    const entries = [
      ...documentOutline(fixtureDocument, "pane1", labels, { withBlocks: true }),
      { id: "pane1-h9", text: `<Kapitel "9">`, level: 2, block: "h9" },
    ];
    const html = outlineItemsHtml(entries, "de", "en");
    expect(html.match(/<li /g)).toHaveLength(entries.length);
    expect(html).toContain(`<li class="outline-l2"><a href="#pane1-h9" data-outline-link="" data-target-block="h9" lang="de">&lt;Kapitel "9"></a></li>`);
    // Forum posts and the notes are named in the interface's language.
    expect(html).toContain(`data-target-block="p1" lang="en">Post 1 — thanepower</a>`);
    expect(html).toContain(`<a href="#pane1-footnotes" data-outline-link="" lang="en">Notes</a>`);
  });
});
