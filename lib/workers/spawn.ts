/**
 * Starting a worker thread: a bootstrap registers tsx's loader in the new thread, then loads the entry's
 * TypeScript source (with the @/ paths) — from vitest, tsx scripts and the bench, and in the built app alike.
 *
 * Why not the bundler: Next 16.4's Turbopack bundles `new Worker(new URL("./x.ts", import.meta.url))` for
 * node:worker_threads into code that passes a module number where Node wants a path (the worker does not
 * start: "The path argument must be of type string. Received type number"). The app runs from its source tree
 * (`next start` in the project root, where tsx is installed for the seed and setup scripts), so the worker
 * loads its entry (and the task modules it is asked for) from there: the bundle holds no worker at all.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * A source file under the project root (the working directory of `next start`, vitest and the scripts alike),
 * e.g. "lib/workers/worker.ts". Not `new URL(…, import.meta.url)`: Turbopack rewrites that into an asset of its own.
 */
export function workerEntry(file: string): URL {
  return pathToFileURL(path.join(process.cwd(), file));
}

export function sourceWorker(entry: URL): Worker {
  const tsxDir = path.dirname(createRequire(path.join(process.cwd(), "package.json")).resolve("tsx/package.json"));
  const api = pathToFileURL(path.join(tsxDir, "dist/esm/api/index.mjs")).href;
  return new Worker(`import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true });
}
