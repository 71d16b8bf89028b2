"use client";

import { useSyncExternalStore } from "react";

/**
 * Each pane's scrolling element, as its Pane mounts it: the margin markers and link markers portal into
 * it and measure against it. A small store rather than a DOM query after mount, so components render with
 * the element as soon as it exists and follow it when a pane is remounted.
 */
const scrollers = new Map<string, HTMLElement>();
const listeners = new Set<() => void>();

export function registerPaneScroller(paneId: string, el: HTMLElement | null): void {
  if (el) scrollers.set(paneId, el);
  else if (scrollers.get(paneId)) scrollers.delete(paneId);
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => void listeners.delete(l);
}

/** The scrolling element of a pane, or null before it is mounted (and on the server). */
export function usePaneScroller(paneId: string): HTMLElement | null {
  return useSyncExternalStore(
    subscribe,
    () => scrollers.get(paneId) ?? null,
    () => null,
  );
}
