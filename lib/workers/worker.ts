/**
 * The indexing worker's entry (started by pool.ts): runs one task at a time and answers with its result
 * (copied back by the structured clone algorithm). A task names the module that defines it (a TaskModule's
 * file, exported as `workerTasks`), loaded here on first use; a "port" message hands a port to such a module
 * (the suggestion host connects lib/links' tasks to the suggestion worker this way).
 */
import os from "node:os";
import { parentPort, type MessagePort } from "node:worker_threads";
import type { TaskModule, TaskTable } from "./pool";
import { workerEntry } from "./spawn";

// Indexing may wait; members' requests may not. On Linux the nice value belongs to the calling thread, so
// this lowers the priority of this worker alone, not the server's request thread (elsewhere: best effort).
try {
  os.setPriority(10);
} catch {
  /* not permitted here: run at normal priority */
}

const modules = new Map<string, Promise<TaskModule<TaskTable>>>();

function load(file: string): Promise<TaskModule<TaskTable>> {
  let loaded = modules.get(file);
  if (!loaded) {
    loaded = import(workerEntry(file).href).then((m: { workerTasks?: TaskModule<TaskTable> }) => {
      if (!m.workerTasks) throw new Error(`${file} exports no workerTasks`);
      return m.workerTasks;
    });
    modules.set(file, loaded);
  }
  return loaded;
}

type Message = { type: "port"; file: string; port: MessagePort } | { type?: undefined; id: number; file: string; task: string; input: never };

async function handle(msg: Message): Promise<void> {
  if (msg.type === "port") {
    (await load(msg.file)).connect?.(msg.port);
    return;
  }
  try {
    const run = (await load(msg.file)).tasks[msg.task];
    if (!run) throw new Error(`${msg.file} has no task "${msg.task}"`);
    parentPort!.postMessage({ id: msg.id, ok: true, result: await run(msg.input) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
}

// One message after another, in the order sent (a document's slices arrive in order and must be staged so).
let queue = Promise.resolve();
parentPort?.on("message", (msg: Message) => {
  queue = queue.then(() => handle(msg)).catch((e) => console.error("[workers] message failed", e));
});
