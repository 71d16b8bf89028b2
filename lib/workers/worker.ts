/**
 * The worker thread's entry (started by pool.ts): runs one task at a time and answers with its result, which
 * the structured clone algorithm copies back (Maps and Sets included).
 */
import { parentPort } from "node:worker_threads";
import { TASKS, type TaskName } from "./tasks";

parentPort?.on("message", (msg: { id: number; task: TaskName; input: never }) => {
  try {
    const started = performance.now();
    const result = TASKS[msg.task](msg.input);
    parentPort!.postMessage({ id: msg.id, ok: true, result, ms: performance.now() - started });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
