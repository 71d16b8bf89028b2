/**
 * The live event bus: "seminar S has new events up to id N". Only that signal travels; subscribers
 * read the Event rows themselves (lib/live/stream.ts), so every transport — this in-process bus for a
 * single SQLite server, PostgreSQL LISTEN/NOTIFY for several app instances — carries the same tiny
 * message, and a missed signal costs nothing: the next one (or a reconnect with Last-Event-ID)
 * catches up from the table.
 */

export type EventSignalListener = (latestEventId: number) => void;

export interface EventBus {
  /** Announce that events up to `latestEventId` were committed for the seminar. */
  publish(seminarId: string, latestEventId: number): void;
  /** Listen for a seminar's signals; returns the unsubscribe function. */
  subscribe(seminarId: string, listener: EventSignalListener): () => void;
}

/** One process, one Map of listener sets. */
export function createInProcessBus(): EventBus {
  const listeners = new Map<string, Set<EventSignalListener>>();
  return {
    publish(seminarId, latestEventId) {
      for (const listener of listeners.get(seminarId) ?? []) {
        try {
          listener(latestEventId);
        } catch {
          // One broken subscriber must not stop the others.
        }
      }
    },
    subscribe(seminarId, listener) {
      let set = listeners.get(seminarId);
      if (!set) listeners.set(seminarId, (set = new Set()));
      set.add(listener);
      return () => {
        set!.delete(listener);
        if (set!.size === 0) listeners.delete(seminarId);
      };
    },
  };
}

const g = globalThis as unknown as { __synopseBus?: EventBus };

/** The process-wide bus (kept on globalThis so dev-server reloads share it). */
export function eventBus(): EventBus {
  if (!g.__synopseBus) g.__synopseBus = createInProcessBus();
  return g.__synopseBus;
}

/** Swap the transport (e.g. a LISTEN/NOTIFY bus for PostgreSQL deployments, or a test double). */
export function setEventBus(bus: EventBus): void {
  g.__synopseBus = bus;
}
