"use client";

import { useState, useSyncExternalStore } from "react";

/**
 * What a painting effect found in the DOM (ranges per pane), handed to rendering: the effect measures after
 * the text is in the page and `publish`es; components re-render with the new snapshot, and event handlers
 * read the latest one with `current()`. Each snapshot is a new map, so unchanged panes keep their arrays.
 */
export function usePaintedStore<T>() {
  const [store] = useState(() => {
    let snapshot = new Map<string, T[]>();
    let version = 0;
    const listeners = new Set<() => void>();
    return {
      current: () => snapshot,
      version: () => version,
      publish: (next: Map<string, T[]>) => {
        snapshot = next;
        version += 1;
        for (const l of listeners) l();
      },
      subscribe: (l: () => void) => {
        listeners.add(l);
        return () => void listeners.delete(l);
      },
    };
  });
  const painted = useSyncExternalStore(store.subscribe, store.current, store.current);
  /** Counts paints (a dependency for whoever redraws after each). */
  const version = useSyncExternalStore(store.subscribe, store.version, store.version);
  return { painted, version, current: store.current, publish: store.publish };
}
