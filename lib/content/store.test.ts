import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ContentError } from "./errors";
import { getDocument, hasDocument, listDocuments, loadCorpus, resetDocumentCache } from "./store";
import { builtCorpus, CONTENT_DIR } from "@/content/cleaners/testing/seeds";

describe("store (reads content/documents from the working directory)", () => {
  const cwd = process.cwd();
  process.chdir(path.dirname(CONTENT_DIR));
  resetDocumentCache();
  afterAll(() => process.chdir(cwd));

  it("lists the five seed documents sorted by slug", () => {
    const list = listDocuments();
    expect(list.map((m) => m.slug)).toEqual([
      "alliierte-zusammenarbeit-1944-45",
      "bayerlein-winogradow-treffen",
      "forum-separatfrieden-1941-43",
      "kowalski-stalin-hitler-1942",
      "mastny-separate-peace",
    ]);
    expect(list.find((m) => m.slug === "mastny-separate-peace")).toMatchObject({ kind: "essay", lang: "en", date: "1972-12" });
  });

  it("returns the same documents the pipeline builds", () => {
    for (const { doc } of builtCorpus().documents) expect(getDocument(doc.meta.slug)).toEqual(doc);
  });

  it("answers null / false for unknown slugs", () => {
    expect(getDocument("no-such-text")).toBeNull();
    expect(hasDocument("no-such-text")).toBe(false);
    expect(hasDocument("mastny-separate-peace")).toBe(true);
  });

  it("reads a document once and then serves it from memory", () => {
    expect(getDocument("mastny-separate-peace")).toBe(getDocument("mastny-separate-peace"));
  });

  it("reports a damaged document file with its name and line", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "synopse-docs-"));
    try {
      fs.writeFileSync(path.join(dir, "x.md"), "---\nslug: x\ntitle: X\nauthor: null\nlang: xx\n---\n");
      expect(() => loadCorpus(dir)).toThrow(ContentError);
      expect(() => loadCorpus(dir)).toThrow(/x\.md:5: .*unknown language/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
