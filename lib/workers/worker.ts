/**
 * The indexing worker's entry (started by pool.ts): runs one task at a time and answers with its result
 * (copied back by the structured clone algorithm). A "suggest-port" message connects it to the suggestion
 * worker, which receives the suggestion indexes it builds.
 */
import os from "node:os";
import { parentPort, type MessagePort } from "node:worker_threads";
import { setSuggestPort, TASKS, type TaskName } from "./tasks";

// Indexing may wait; members' requests may not. On Linux the nice value belongs to the calling thread, so
// this lowers the priority of this worker alone, not the server's request thread (elsewhere: best effort).
try {
  os.setPriority(10);
} catch {
  /* not permitted here: run at normal priority */
}

parentPort?.on("message", (msg: { type?: "suggest-port"; port?: MessagePort; id: number; task: TaskName; input: never }) => {
  if (msg.type === "suggest-port" && msg.port) {
    setSuggestPort(msg.port);
    return;
  }
  try {
    const result = TASKS[msg.task](msg.input);
    parentPort!.postMessage({ id: msg.id, ok: true, result });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
