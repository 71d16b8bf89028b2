/**
 * Subscribe to a live stream from a page: through the browser-wide stream worker when the browser has
 * SharedWorker and Web Locks (one connection for all tabs, lib/live-client/shared-stream.worker.ts), else
 * with an EventSource of this tab's own. A subscription the worker cannot replay (its history no longer
 * reaches back to the subscriber's data) falls back to its own EventSource too. Browser-side, no framework.
 */
import { withAfter, type LiveMessage, type StreamSpec } from "./hub";
import { tabLockName, type TabMessage, type WorkerMessage } from "./protocol";

export type { LiveMessage, StreamSpec };

type Handler = (m: LiveMessage) => void;

interface Shared {
  port: MessagePort;
  tabId: string;
  handlers: Map<string, { spec: StreamSpec; handler: Handler; onGap: () => void }>;
}

let shared: Shared | null | undefined;
let counter = 0;

function sharedWorker(): Shared | null {
  if (shared !== undefined) return shared;
  shared = null;
  if (typeof SharedWorker === "undefined" || typeof navigator === "undefined" || !navigator.locks) return null;
  try {
    const worker = new SharedWorker(new URL("./shared-stream.worker.ts", import.meta.url), { name: "synopse-live" });
    const tabId = typeof crypto.randomUUID === "function" ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
    const s: Shared = { port: worker.port, tabId, handlers: new Map() };
    // Held until the tab is gone: the worker waits for this lock to drop the tab's subscriptions.
    void navigator.locks.request(tabLockName(tabId), () => new Promise<never>(() => {}));
    s.port.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const entry = s.handlers.get(e.data.id);
      if (!entry) return;
      if (e.data.delivery.kind === "gap") entry.onGap();
      else entry.handler(e.data.delivery.message);
    };
    s.port.start();
    post(s, { op: "hello", tabId });
    // A page kept in the back/forward cache comes back: subscribe again (its "bye" dropped everything).
    window.addEventListener("pagehide", () => post(s, { op: "bye" }));
    window.addEventListener("pageshow", (e) => {
      if (!e.persisted) return;
      for (const [id, { spec }] of s.handlers) post(s, { op: "subscribe", id, spec });
    });
    shared = s;
  } catch {
    shared = null;
  }
  return shared;
}

function post(s: Shared, m: TabMessage) {
  s.port.postMessage(m);
}

/** This tab's own connection (no SharedWorker, or a gap the shared stream cannot fill). */
function ownEventSource(spec: StreamSpec, handler: Handler): () => void {
  const source = new EventSource(withAfter(spec.url, spec.replay === "after" ? spec.after : undefined));
  const listener = (e: Event) => {
    const event = e as MessageEvent<string>;
    handler({ type: e.type, data: event.data, id: event.lastEventId || undefined });
  };
  for (const type of spec.types) source.addEventListener(type, listener);
  return () => source.close();
}

/** Deliver the stream's events to `handler` until the returned function is called. */
export function subscribeLive(spec: StreamSpec, handler: Handler): () => void {
  if (typeof EventSource === "undefined") return () => {};
  const s = sharedWorker();
  if (!s) return ownEventSource(spec, handler);
  const id = `${s.tabId}:${++counter}`;
  let closeOwn: (() => void) | null = null;
  s.handlers.set(id, {
    spec,
    handler,
    onGap: () => {
      s.handlers.delete(id);
      closeOwn = ownEventSource(spec, handler);
    },
  });
  post(s, { op: "subscribe", id, spec });
  return () => {
    if (closeOwn) return closeOwn();
    s.handlers.delete(id);
    post(s, { op: "unsubscribe", id });
  };
}
