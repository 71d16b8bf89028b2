/**
 * Byte-for-byte snapshots of the reader HTML: the five clean documents of content/documents (whole, outline, and
 * in windows) and the TEI fixtures through the import pipeline, with the English interface labels. They pin
 * what readers see while the renderer changes inside; a change to a snapshot must be explained in its commit.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { buildMemorySource } from "@/lib/content/pipeline";
import { loadCorpus } from "@/lib/content/store";
import messages from "@/messages/en.json";
import { documentOutline, outlineItemsHtml, renderDocument, renderDocumentHead, renderWindow } from "./html";
import { documentLabelsFrom } from "./labels";
import { planWindows } from "./window";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TEI = path.join(ROOT, "lib/content/testing/fixtures/tei");
const t = createTranslator({ locale: "en", messages, namespace: "Document" });
const labels = documentLabelsFrom(
  "en",
  (key, values) => t(key as Parameters<typeof t>[0], values),
  (date, options) => new Intl.DateTimeFormat("en", { ...options, timeZone: "UTC" }).format(date),
);

const corpus = loadCorpus(path.join(ROOT, "content/documents"));
const tei = fs
  .readdirSync(TEI)
  .filter((f) => f.endsWith(".xml"))
  .sort();

describe("reader HTML snapshots", () => {
  it("has the five seed documents, some long enough for several windows, and the TEI fixtures", () => {
    expect(corpus.list).toHaveLength(5);
    expect(corpus.list.filter((d) => planWindows(corpus.bySlug.get(d.slug)!, { budget: 20_000 }).windows.length > 1).length).toBeGreaterThan(1);
    expect(tei.length).toBeGreaterThanOrEqual(7);
  });

  for (const { slug } of corpus.list) {
    it(`renders ${slug} whole and in windows as before`, async () => {
      const doc = corpus.bySlug.get(slug)!;
      const whole = renderDocument(doc, "pane1", labels);
      await expect(whole.html).toMatchFileSnapshot(`__snapshots__/${slug}.html`);
      const outline = documentOutline(doc, "pane1", labels, { withBlocks: true, notes: false });
      const plan = planWindows(doc, { budget: 20_000 });
      const windowed = [
        renderDocumentHead(doc, "pane1", labels),
        `<ol>${outlineItemsHtml(outline, doc.meta.lang, "en")}</ol>`,
        ...plan.windows.map((_, n) => `<!-- window ${n} -->\n${renderWindow(doc, plan, n, "pane1", labels)}`),
      ].join("\n");
      await expect(windowed).toMatchFileSnapshot(`__snapshots__/${slug}.windows.html`);
      await expect(JSON.stringify(whole.outline, null, 1)).toMatchFileSnapshot(`__snapshots__/${slug}.outline.json`);
    });
  }

  for (const file of tei) {
    it(`renders the TEI edition ${file} as before`, async () => {
      const bytes = fs.readFileSync(path.join(TEI, file));
      const doc = buildMemorySource({
        fileName: file,
        bytes,
        slug: "e",
        meta: { kind: "essay", source: "s", ...(file.startsWith("frus") ? { lang: "en" as const } : {}) },
      }).doc;
      const whole = renderDocument(doc, "pane2", labels);
      await expect(whole.html).toMatchFileSnapshot(`__snapshots__/tei-${file.replace(/\.xml$/, "")}.html`);
      await expect(JSON.stringify(whole.outline, null, 1)).toMatchFileSnapshot(`__snapshots__/tei-${file.replace(/\.xml$/, "")}.outline.json`);
    });
  }
});
