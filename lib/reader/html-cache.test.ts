import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { serializeDocument } from "@/lib/content/markdown";
import { loadCorpus } from "@/lib/content/store";
import type { SynopseDocument } from "@/lib/content/types";
import { handedOffHtml } from "./html-handoff";
import { renderDocumentCached, renderDocumentShared, renderFingerprint } from "./html";
import { fixtureDocument, fixtureLabels as labels } from "./testing/document";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A content folder with these documents, as `npm run content:build` writes it. */
function build(dir: string, docs: SynopseDocument[]) {
  for (const d of docs) fs.writeFileSync(path.join(dir, `${d.meta.slug}.md`), serializeDocument(d));
  return loadCorpus(dir).bySlug;
}

const other: SynopseDocument = { ...fixtureDocument, meta: { ...fixtureDocument.meta, slug: "fixture-other", title: "Another thread" } };

describe("the reader's rendering, once per document version", () => {
  it("a content build renders again exactly the documents it changed", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "synopse-render-"));
    dirs.push(dir);
    const first = build(dir, [fixtureDocument, other]);
    const a1 = renderDocumentCached(first.get("fixture-thread")!, "pane1", labels);
    const b1 = renderDocumentCached(first.get("fixture-other")!, "pane1", labels);

    // A rebuild that changes one document's title (its plain text, and so its `version`, stays the same).
    const changed = { ...fixtureDocument, meta: { ...fixtureDocument.meta, title: "Separatfrieden, revised" } };
    const second = build(dir, [changed, other]);
    expect(second.get("fixture-thread")!.version).toBe(first.get("fixture-thread")!.version);
    const a2 = renderDocumentCached(second.get("fixture-thread")!, "pane1", labels);
    const b2 = renderDocumentCached(second.get("fixture-other")!, "pane1", labels);

    expect(a2.html).toContain("Separatfrieden, revised");
    expect(a2.html).not.toBe(a1.html);
    // The untouched document, parsed again into a new object, is served from the cache: not rendered again.
    expect(b2).toBe(b1);
    expect(renderFingerprint(second.get("fixture-other")!)).toBe(renderFingerprint(first.get("fixture-other")!));
  });

  it("keys a rendering by pane and interface language too", () => {
    const en = renderDocumentCached(fixtureDocument, "pane1", labels);
    expect(renderDocumentCached(fixtureDocument, "pane2", labels)).not.toBe(en);
    expect(renderDocumentCached(fixtureDocument, "pane1", { ...labels, uiLang: "de", notes: "Anmerkungen" }).html).toContain("Anmerkungen");
    expect(renderDocumentCached(fixtureDocument, "pane1", labels)).toBe(en);
  });

  it("hands the pane's HTML to the server render under a small key, which names no text", () => {
    const shared = renderDocumentShared(fixtureDocument, "pane3", labels);
    expect(handedOffHtml(shared.key)).toBe(shared.html);
    expect(shared.key.length).toBeLessThan(80);
    expect(shared.key).not.toContain("Separatfrieden");
    expect(handedOffHtml("fixture-thread.0000000000000000.pane3.en")).toBeUndefined();
  });
});
