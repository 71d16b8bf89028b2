/**
 * How a pane's text reaches the browser once (issue 15): the server-component render puts the pane's HTML here
 * under a small key and passes only the key to the client component that shows it (components/reader/PaneHtml);
 * that component's server-side HTML render, which runs in the same process for the same request, reads the
 * HTML back by the key. So the text is in the page's HTML but not again in the RSC payload, whose props are
 * only the key and the address to fetch it from (a client navigation mounts the pane without server HTML).
 *
 * The store is process-wide (a symbol on globalThis): Next bundles server components and the server render of
 * client components as separate module graphs, so a module-level variable would not be shared between them.
 * The server side installs a bounded store (lib/reader/html.ts, lru-cache); this module has no dependencies,
 * because the client component imports it into the browser bundle too, where it finds nothing and returns undefined.
 */
export interface HandoffStore {
  get(key: string): string | undefined;
  set(key: string, html: string): unknown;
}

const SLOT = Symbol.for("synopse.reader.htmlHandoff");
type Slot = { [SLOT]?: HandoffStore };

/** The process's store, installed by the first caller (the same one for every module graph of the process). */
export function installHandoffStore(create: () => HandoffStore): HandoffStore {
  const g = globalThis as Slot;
  return (g[SLOT] ??= create());
}

/** The HTML handed over under `key`, on the server; undefined in a browser or when it was dropped meanwhile. */
export function handedOffHtml(key: string): string | undefined {
  if (typeof window !== "undefined") return undefined;
  return (globalThis as Slot)[SLOT]?.get(key);
}
