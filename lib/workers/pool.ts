/**
 * Long work off the request thread: one worker thread per server process runs the tasks of tasks.ts in
 * order (indexing a published 5 MB volume takes seconds of CPU; on the request thread every member's
 * requests would wait for it). The worker starts on first use and stops after a minute without work.
 *
 * The worker loads its TypeScript through tsx (spawn.ts). If no worker can be started at all, the task runs
 * in-process instead (correct, only not concurrent) and that is logged once.
 */
import { Worker } from "node:worker_threads";
import { sourceWorker, workerEntry } from "./spawn";
import type { TaskName, Tasks } from "./tasks";

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

const IDLE_MS = 60_000;
let worker: Worker | null = null;
let broken = false;
let nextId = 1;
const pending = new Map<number, Pending>();
let idleTimer: NodeJS.Timeout | null = null;
/** Counts worker starts: state kept in the worker (staged documents) belongs to one generation. */
export let workerGeneration = 0;
const startHooks: Array<(w: Worker) => void> = [];

/** Called with every newly started indexing worker (the suggestion host connects it to its query worker). */
export function onWorkerStart(hook: (w: Worker) => void): void {
  startHooks.push(hook);
  if (worker) hook(worker);
}

/** Whether tasks run in a worker thread (false: none could be started, or SYNOPSE_WORKERS=off). */
export function workersAvailable(): boolean {
  return !broken && process.env.SYNOPSE_WORKERS !== "off";
}

function start(): Worker {
  const w = sourceWorker(workerEntry("worker.ts"));
  workerGeneration++;
  w.on("message", (msg: { id: number; ok: boolean; result?: unknown; error?: string }) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new Error(msg.error));
    armIdle();
  });
  w.on("error", (e) => failAll(e));
  w.on("exit", (code) => {
    if (worker === w) worker = null;
    if (pending.size) failAll(new Error(`indexing worker exited (${code})`));
  });
  w.unref();
  for (const hook of startHooks) hook(w);
  return w;
}

/** The worker itself failed (not a task): the caller may run the task in-process instead. */
class WorkerFailure extends Error {}

function failAll(e: Error) {
  for (const p of pending.values()) p.reject(new WorkerFailure(e.message));
  pending.clear();
}

function armIdle() {
  if (idleTimer) clearTimeout(idleTimer);
  if (pending.size) return;
  idleTimer = setTimeout(() => {
    if (!pending.size && worker) void worker.terminate();
  }, IDLE_MS);
  idleTimer.unref();
}

async function inProcess<T extends TaskName>(task: T, input: Parameters<Tasks[T]>[0]): Promise<ReturnType<Tasks[T]>> {
  lastRunIn = "in-process";
  const { TASKS } = await import("./tasks");
  return (TASKS[task] as (i: typeof input) => ReturnType<Tasks[T]>)(input);
}

/** Where the last task ran (tests: the work really left the request thread). */
export let lastRunIn: "worker" | "in-process" | null = null;

/** Run a task in the worker thread; resolves with its result. */
export async function runTask<T extends TaskName>(task: T, input: Parameters<Tasks[T]>[0]): Promise<ReturnType<Tasks[T]>> {
  if (!workersAvailable()) return inProcess(task, input);
  try {
    worker ??= start();
  } catch (e) {
    broken = true;
    console.error("[workers] cannot start a worker thread; running tasks in-process", e);
    return inProcess(task, input);
  }
  const id = nextId++;
  if (idleTimer) clearTimeout(idleTimer);
  const w = worker;
  w.ref();
  try {
    const result = await new Promise<ReturnType<Tasks[T]>>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.postMessage({ id, task, input });
    });
    lastRunIn = "worker";
    return result;
  } catch (e) {
    if (!(e instanceof WorkerFailure)) throw e;
    broken = true;
    console.error("[workers] the worker thread failed; running tasks in-process from now on:", e.message);
    return inProcess(task, input);
  } finally {
    if (!pending.size) w.unref();
  }
}

/** Stop the worker (tests, shutdown). */
export async function stopWorkers(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
