import { afterAll, describe, expect, it } from "vitest";
import { isMainThread } from "node:worker_threads";
import { buildMemorySource } from "@/lib/content/pipeline";
import * as pool from "./pool";
import { runTask, stopWorkers } from "./pool";

afterAll(() => stopWorkers());

const doc = buildMemorySource({
  fileName: "t.md",
  bytes: Buffer.from("---\ntitle: T\nlang: de\nkind: essay\nsource: test\n---\n\nDie Verhandlungen in Stockholm.\n\nZweiter Absatz.\n"),
  slug: "t",
}).doc;

describe("runTask", () => {
  it("computes search rows in a worker thread, the same as in-process", async () => {
    expect(isMainThread).toBe(true);
    const rows = await runTask("search-rows", { doc });
    expect(rows.map((r) => r.blockId)).toEqual(doc.blocks.filter((b) => b.text.trim()).map((b) => b.id));
    expect(rows[0].de).toContain("verhandl");
    expect(pool.lastRunIn).toBe("worker");
  });

  it("builds a suggestion index whose maps survive the copy back", async () => {
    const index = await runTask("suggest-index", { docs: [doc], glossary: [], names: [] });
    expect(index.byRef instanceof Map).toBe(true);
    expect(index.byRef.size).toBe(doc.blocks.length);
    expect(pool.lastRunIn).toBe("worker");
  });
});
