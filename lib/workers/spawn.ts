/**
 * Starting a worker thread from TypeScript sources (vitest, tsx scripts, the bench): a bootstrap registers
 * tsx's loader in the new thread, then loads the entry (with the @/ paths). In the app the bundler turns each
 * `new Worker(new URL("./x.ts", import.meta.url))` into the worker's own chunk instead.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/** Running from TypeScript sources (not bundled). */
export const fromSource = import.meta.url.endsWith(".ts");

export function sourceWorker(entry: URL): Worker {
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const api = pathToFileURL(path.join(tsxDir, "dist/esm/api/index.mjs")).href;
  return new Worker(`import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true });
}
