// The pool with a real task module (search's): the task runs in the worker thread, not on this one.
import { afterAll, describe, expect, it } from "vitest";
import { isMainThread } from "node:worker_threads";
import { buildMemorySource } from "@/lib/content/pipeline";
import { workerTasks } from "@/lib/search/worker-tasks";
import * as pool from "./pool";
import { runTask, stopWorkers } from "./pool";

afterAll(async () => {
  await stopWorkers();
});

const md = (slug: string, lang: string, body: string) =>
  buildMemorySource({ fileName: `${slug}.md`, bytes: Buffer.from(`---\ntitle: ${slug}\nlang: ${lang}\nkind: essay\nsource: test\n---\n\n${body}\n`), slug })
    .doc;
const de = md("t-de", "de", "Die Verhandlungen in Stockholm.\n\nAm 3. Mai 1921 kam der Vertrag zustande.");

describe("work off the request thread", () => {
  it("computes search rows in the indexing worker", async () => {
    expect(isMainThread).toBe(true);
    const rows = await runTask(workerTasks, "search-rows", { blocks: de.blocks });
    expect(rows.map((r) => r.blockId)).toEqual(de.blocks.filter((b) => b.text.trim()).map((b) => b.id));
    expect(rows[0].de).toContain("verhandl");
    expect(pool.lastRunIn).toBe("worker");
  });
});
