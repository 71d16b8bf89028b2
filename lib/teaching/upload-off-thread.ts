/**
 * Upload cleaning off the request thread: each upload is cleaned in its own worker thread
 * (node:worker_threads) with a memory cap (resourceLimits) and a time limit, so a large or hostile file
 * neither blocks other requests nor grows the server's own heap — a 5 MB TEI volume took the event loop for
 * 10–18 s when it was cleaned in the request, and a 19.5 MB one left the process at 2.2 GB. At most
 * SYNOPSE_UPLOAD_WORKERS cleanings run at once (default 1: the machine's other core serves requests); a
 * few more wait their turn, and beyond that an upload is refused as "rate-limited" (429) to try again.
 *
 * Settings: SYNOPSE_UPLOAD_WORKER_MB (default 1024) caps a worker's old-generation heap; a file that needs
 * more — or more than SYNOPSE_UPLOAD_WORKER_SECONDS (default 180) — is refused as "upload-too-complex" (422).
 */
import { Worker } from "node:worker_threads";
import { ContentError } from "@/lib/content/errors";
import { AppError } from "@/lib/errors";
import type { CleanedUpload, CleanRequest } from "./upload-clean";
import type { WorkerAnswer } from "./upload-worker";

function setting(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

const MAX_WAITING = 8;
let running = 0;
const waiting: Array<() => void> = [];

async function turn(): Promise<() => void> {
  if (running >= setting("SYNOPSE_UPLOAD_WORKERS", 1)) {
    if (waiting.length >= MAX_WAITING) throw new AppError("rate-limited", { retryAfter: 30 });
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

function startWorker(req: CleanRequest): Worker {
  const options = {
    workerData: req,
    resourceLimits: { maxOldGenerationSizeMb: setting("SYNOPSE_UPLOAD_WORKER_MB", 1024), maxYoungGenerationSizeMb: 64 },
  };
  // Outside Next (tests, scripts: NEXT_RUNTIME unset, this module runs as TypeScript source) the worker is
  // TypeScript too: a two-line bootstrap registers tsx's loader (which also resolves "@/…") in the worker,
  // then imports it (a worker's execArgv cannot take --import). The URL is built by hand here so that the
  // bundler does not take it for an asset.
  if (!process.env.NEXT_RUNTIME && import.meta.url.endsWith(".ts")) {
    const source = import.meta.url.replace(/upload-off-thread\.ts$/, "upload-worker.ts");
    const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`;
    return new Worker(bootstrap, { ...options, eval: true });
  }
  // In the built app: this exact form is what the bundler (Turbopack) compiles into a worker entry of its own.
  return new Worker(new URL("./upload-worker.ts", import.meta.url), options);
}

/** Clean one upload in a worker thread; ContentError for a refused file, AppError for limits. */
export async function cleanOffThread(req: CleanRequest): Promise<CleanedUpload> {
  const done = await turn();
  try {
    return await new Promise<CleanedUpload>((resolve, reject) => {
      const worker = startWorker(req);
      let settled = false;
      const settle = (f: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        f();
      };
      const timer = setTimeout(
        () => {
          settle(() => reject(new AppError("upload-too-complex")));
          void worker.terminate();
        },
        setting("SYNOPSE_UPLOAD_WORKER_SECONDS", 180) * 1000,
      );
      worker.once("message", (m: WorkerAnswer) =>
        settle(() => {
          if (m.ok) resolve(m.cleaned);
          else if ("content" in m) reject(new ContentError(m.content.file, m.content.line, m.content.code, m.content.params));
          else reject(new Error(`upload cleaning failed: ${m.failure}`));
        }),
      );
      worker.once("error", (e: Error & { code?: string }) =>
        // ERR_WORKER_OUT_OF_MEMORY: the file needs more memory than the cap allows.
        settle(() => reject(e.code === "ERR_WORKER_OUT_OF_MEMORY" ? new AppError("upload-too-complex") : e)),
      );
      worker.once("exit", (code) => settle(() => reject(new Error(`upload worker exited with ${code} before answering`))));
    });
  } finally {
    done();
  }
}
