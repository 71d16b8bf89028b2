// Suggestion indexes in the workers: built in the indexing worker (./worker-tasks), handed to the suggestion
// worker (./suggest-worker), asked through ./suggest-host.
import { afterAll, describe, expect, it } from "vitest";
import { buildMemorySource } from "@/lib/content/pipeline";
import * as pool from "@/lib/workers/pool";
import { stopWorkers } from "@/lib/workers/pool";
import { queryIndex, stopSuggestWorker } from "./suggest-host";

afterAll(async () => {
  await stopWorkers();
  await stopSuggestWorker();
});

const md = (slug: string, lang: string, body: string) =>
  buildMemorySource({ fileName: `${slug}.md`, bytes: Buffer.from(`---\ntitle: ${slug}\nlang: ${lang}\nkind: essay\nsource: test\n---\n\n${body}\n`), slug })
    .doc;
const de = md("t-de", "de", "Die Verhandlungen in Stockholm.\n\nAm 3. Mai 1921 kam der Vertrag zustande.");
const en = md("t-en", "en", "Background.\n\nOn 3 May 1921 the treaty was concluded.");

describe("suggestions off the request thread", () => {
  it("builds a suggestion index in the indexing worker, hands it to the suggestion worker, which answers", async () => {
    const { ensureSeminarIndex, indexKey } = await import("./seminar-index");
    const key = indexKey([de, en], [], []);
    await ensureSeminarIndex("s1", { docs: [de, en], glossary: [], names: [], key });
    expect(pool.lastRunIn).toBe("worker");
    const block = de.blocks.find((b) => b.text.includes("1921"))!;
    const answer = await queryIndex({
      seminarId: "s1",
      key,
      passage: { slug: "t-de", blockId: block.id, start: 0, end: block.text.length },
      options: { limit: 5 },
      doc: { slug: "t-de", version: de.version },
    });
    expect(answer.missing).toBeFalsy();
    if (!answer.missing) expect(answer.result.map((s) => s.slug)).toEqual(["t-en"]);
    // A seminar the worker holds no index for, or a document version it has not seen, is "missing".
    expect(
      (await queryIndex({ seminarId: "s2", key, passage: { slug: "t-de", exact: "Vertrag" }, options: {}, doc: { slug: "t-de", version: de.version } }))
        .missing,
    ).toBe(true);
    expect(
      (await queryIndex({ seminarId: "s1", key, passage: { slug: "t-de", exact: "Vertrag" }, options: {}, doc: { slug: "t-de", version: "other" } })).missing,
    ).toBe(true);
  });
});
