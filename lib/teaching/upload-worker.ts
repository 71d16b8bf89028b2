/**
 * Worker-thread entry (node:worker_threads) of upload cleaning: receives a CleanRequest as workerData,
 * answers one message — the cleaned upload (its packed draft transferred, not copied) or the refusal —
 * and ends. Started by upload-off-thread.ts; bundled by `next build` as its own entry (Turbopack follows
 * `new Worker(new URL("./upload-worker.ts", import.meta.url))`).
 */
import { parentPort, workerData } from "node:worker_threads";
import { ContentError } from "@/lib/content/errors";
import { cleanUpload, type CleanRequest } from "./upload-clean";

export type WorkerAnswer =
  | { ok: true; cleaned: ReturnType<typeof cleanUpload> }
  | { ok: false; content: { file: string; line: number; code: ContentError["code"]; params: ContentError["params"] } }
  | { ok: false; failure: string };

function answer(): { message: WorkerAnswer; transfer: ArrayBuffer[] } {
  try {
    const cleaned = cleanUpload(workerData as CleanRequest);
    return { message: { ok: true, cleaned }, transfer: [cleaned.draft.buffer as ArrayBuffer] };
  } catch (e) {
    if (e instanceof ContentError) return { message: { ok: false, content: { file: e.file, line: e.line, code: e.code, params: e.params } }, transfer: [] };
    return { message: { ok: false, failure: (e as Error)?.message ?? String(e) }, transfer: [] };
  }
}

const { message, transfer } = answer();
parentPort?.postMessage(message, transfer);
