/**
 * Subscribe to a live stream from a page, one connection per stream for all tabs of the browser:
 *  - through the browser-wide stream worker when the browser has SharedWorker and Web Locks
 *    (lib/live-client/shared-stream.worker.ts);
 *  - else, for a member's stream, through the member's leader tab over a BroadcastChannel
 *    (lib/live-client/tab-relay.ts; its code and the election library load only in such browsers);
 *  - else with an EventSource of this tab's own.
 * A subscription the worker or leader cannot replay (its history no longer reaches back to the subscriber's
 * data) falls back to its own EventSource too. Browser-side, no framework.
 */
import { LiveHub, withAfter, type LiveMessage, type Source, type StreamSpec } from "./hub";
import { tabLockName, type TabMessage, type WorkerMessage } from "./protocol";
import type { RelayMessage, TabRelay } from "./tab-relay";

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
    const s: Shared = { port: worker.port, tabId: tab().id, handlers: new Map() };
    s.port.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const entry = s.handlers.get(e.data.id);
      if (!entry) return;
      if (e.data.delivery.kind === "gap") entry.onGap();
      else entry.handler(e.data.delivery.message);
    };
    s.port.start();
    void tab().held.then(() => post(s, { op: "hello", tabId: s.tabId }));
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

/**
 * This tab's id for the worker and the leader tab, and when the tab holds the Web Lock `tabLockName(id)` it keeps
 * while it lives (the worker or the leader tab waits for that lock to drop the tab's subscriptions, so the tab
 * must hold it before it names itself to them, or their request could be granted first). Without Web Locks,
 * `held` is at once.
 */
let thisTab: { id: string; held: Promise<void> } | undefined;
function tab(): { id: string; held: Promise<void> } {
  if (thisTab) return thisTab;
  const id = typeof crypto.randomUUID === "function" ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
  const held = new Promise<void>((resolve) => {
    if (!navigator.locks) return resolve();
    void navigator.locks.request(tabLockName(id), () => {
      resolve();
      return new Promise<never>(() => {});
    });
  });
  thisTab = { id, held };
  return thisTab;
}

/** The member's leader-tab relay (one per member: tabs of different members never share a channel). */
const relays = new Map<string, Promise<TabRelay | null>>();
function relayFor(member: string): Promise<TabRelay | null> {
  let relay = relays.get(member);
  if (!relay) {
    relay = Promise.all([import("broadcast-channel"), import("./tab-relay"), tab().held]).then(
      ([{ BroadcastChannel, createLeaderElection }, { TabRelay }]) => {
        const name = `synopse-live:${member}`;
        const channel = new BroadcastChannel<RelayMessage>(name);
        const r = new TabRelay({
          tabId: tab().id,
          channel: { post: (m) => void channel.postMessage(m), listen: (h) => channel.addEventListener("message", h) },
          elect: () => {
            // broadcast-channel allows one election per channel object: each term of this tab gets its own.
            const electionChannel = new BroadcastChannel(`${name}:leader`);
            const elector = createLeaderElection(electionChannel);
            return {
              awaitLeadership: () => elector.awaitLeadership(),
              abdicate: () => void elector.die().finally(() => electionChannel.close()),
            };
          },
          openHub: () => new LiveHub(openEventSource),
          ownSource: ownEventSource,
          watchTab: navigator.locks ? (tab, gone) => void navigator.locks.request(tabLockName(tab), gone) : undefined,
        });
        window.addEventListener("pagehide", () => r.suspend());
        window.addEventListener("pageshow", (e) => {
          if (e.persisted) r.resume();
        });
        return r;
      },
      () => null,
    );
    relays.set(member, relay);
  }
  return relay;
}

/** The hub's transport in a page (the leader tab): an EventSource per stream. */
function openEventSource(url: string, after: number | undefined, onMessage: (m: LiveMessage) => void): Source {
  const source = new EventSource(withAfter(url, after));
  return {
    listen(type) {
      source.addEventListener(type, (e) => {
        const event = e as MessageEvent<string>;
        onMessage({ type, data: event.data, id: event.lastEventId || undefined });
      });
    },
    close: () => source.close(),
  };
}

/** Deliver the stream's events to `handler` until the returned function is called. */
export function subscribeLive(spec: StreamSpec, handler: Handler): () => void {
  if (typeof EventSource === "undefined") return () => {};
  const s = sharedWorker();
  if (!s) {
    if (!spec.member) return ownEventSource(spec, handler);
    let stop: (() => void) | null = null;
    let stopped = false;
    void relayFor(spec.member).then((relay) => {
      if (!stopped) stop = relay ? relay.subscribe(spec, handler) : ownEventSource(spec, handler);
    });
    return () => {
      stopped = true;
      stop?.();
    };
  }
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
