/**
 * Long work off the request thread: one worker thread per server process runs tasks in order (indexing a
 * published 5 MB volume takes seconds of CPU; on the request thread every member's requests would wait for
 * it). The worker starts on first use and stops after a minute without work.
 *
 * The tasks belong to the modules whose work they are (lib/search/worker-tasks, lib/links/worker-tasks): a
 * task module names its own file, which the worker loads by that name (worker.ts), so this pool knows none of
 * them and they all use it. The worker loads TypeScript through tsx (spawn.ts). If no worker can be started
 * at all, the task runs in-process instead (correct, only not concurrent) and that is logged once.
 */
import type { MessagePort, Worker } from "node:worker_threads";
import { sourceWorker, workerEntry } from "./spawn";

/** A module's tasks: functions of plain data (their input and result cross threads by structured clone). */
export type TaskTable = Record<string, (input: never) => unknown>;

export interface TaskModule<T extends TaskTable> {
  /** The module's file under the project root; it exports this object as `workerTasks`. */
  file: string;
  tasks: T;
  /** Receives a port another thread sent to this module (worker.ts), e.g. to hand results on directly. */
  connect?: (port: MessagePort) => void;
}

/** Blocks per message when a document travels to a worker: each copy is small, so no thread stalls long on one. */
export const SLICE_BLOCKS = 1000;

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

/** Hands a port to a task module inside a worker thread (its `connect`); the port moves to that thread. */
export function sendPort(w: Worker, module: Pick<TaskModule<TaskTable>, "file">, port: MessagePort): void {
  w.postMessage({ type: "port", file: module.file, port }, [port]);
}

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
  const w = sourceWorker(workerEntry("lib/workers/worker.ts"));
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

type Input<T extends TaskTable, K extends keyof T> = Parameters<T[K]>[0];
type Output<T extends TaskTable, K extends keyof T> = Awaited<ReturnType<T[K]>>;

async function inProcess<T extends TaskTable, K extends keyof T & string>(module: TaskModule<T>, task: K, input: Input<T, K>): Promise<Output<T, K>> {
  lastRunIn = "in-process";
  return (module.tasks[task] as (i: Input<T, K>) => Output<T, K>)(input);
}

/** Where the last task ran (tests: the work really left the request thread). */
export let lastRunIn: "worker" | "in-process" | null = null;

/** Run a module's task in the worker thread; resolves with its result. */
export async function runTask<T extends TaskTable, K extends keyof T & string>(module: TaskModule<T>, task: K, input: Input<T, K>): Promise<Output<T, K>> {
  if (!workersAvailable()) return inProcess(module, task, input);
  try {
    worker ??= start();
  } catch (e) {
    broken = true;
    console.error("[workers] cannot start a worker thread; running tasks in-process", e);
    return inProcess(module, task, input);
  }
  const id = nextId++;
  if (idleTimer) clearTimeout(idleTimer);
  const w = worker;
  w.ref();
  try {
    const result = await new Promise<Output<T, K>>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.postMessage({ id, file: module.file, task, input });
    });
    lastRunIn = "worker";
    return result;
  } catch (e) {
    if (!(e instanceof WorkerFailure)) throw e;
    broken = true;
    console.error("[workers] the worker thread failed; running tasks in-process from now on:", e.message);
    return inProcess(module, task, input);
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
