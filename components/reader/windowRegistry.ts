/**
 * How the rest of the reader reaches text that a windowed pane (components/reader/WindowedDocument.tsx) has
 * not loaded yet: `revealBlock` loads the window holding a block and hands back its element, and
 * `onPaneContent` tells painters (notes, links) that a pane's text changed, so they paint the new part;
 * `readBlock` reads a block from a window without putting that window in the pane (a footnote whose first
 * marker, and so its text, is in a part not loaded). For a pane that shows its whole document, both are just
 * getElementById. Browser-only, no React.
 */
import { blockDomId } from "@/lib/reader/dom-ids";
import { paneEvent } from "./paneEvents";

type Revealer = (blockId: string) => Promise<void>;
/** The HTML of the window holding a block, fetched but not shown. */
type WindowFetcher = (blockId: string) => Promise<string | null>;

const revealers = new Map<string, Revealer>();
const fetchers = new Map<string, WindowFetcher>();

/** A windowed pane offers to load the window of a block, and to fetch one for reading; returns the unregister function. */
export function registerWindowedPane(paneId: string, reveal: Revealer, fetchWindow?: WindowFetcher): () => void {
  revealers.set(paneId, reveal);
  if (fetchWindow) fetchers.set(paneId, fetchWindow);
  return () => {
    if (revealers.get(paneId) === reveal) revealers.delete(paneId);
    if (fetchers.get(paneId) === fetchWindow) fetchers.delete(paneId);
  };
}

/** Whether a pane shows its document in windows (and may lack a block that exists). */
export function isWindowedPane(paneId: string): boolean {
  return revealers.has(paneId);
}

/** A block's element if the pane shows it now. */
const shownBlock = (paneId: string, blockId: string) => document.getElementById(blockDomId(paneId, blockId));

/** The element of a block in a pane, loading its window first if the pane shows its document in windows. */
export async function revealBlock(paneId: string, blockId: string): Promise<HTMLElement | null> {
  const shown = shownBlock(paneId, blockId);
  const reveal = revealers.get(paneId);
  if (shown || !reveal) return shown;
  try {
    await reveal(blockId);
  } catch {
    return null;
  }
  return shownBlock(paneId, blockId);
}

/**
 * A block's element to read from: the one in the pane, or else a detached copy from the window that holds it
 * (fetched, parsed, never inserted: the pane's parts and the reader's place stay as they are).
 */
export async function readBlock(paneId: string, blockId: string): Promise<HTMLElement | null> {
  const shown = shownBlock(paneId, blockId);
  const fetchWindow = fetchers.get(paneId);
  if (shown || !fetchWindow) return shown;
  try {
    const html = await fetchWindow(blockId);
    return html === null ? null : new DOMParser().parseFromString(html, "text/html").getElementById(blockDomId(paneId, blockId));
  } catch {
    return null;
  }
}

const paneContent = paneEvent("synopse:pane-content");

/** Windows were added to or dropped from a pane. */
export const announcePaneContent: (paneId: string) => void = paneContent.emit;

/** Listen for pane text changes; returns the unsubscribe function. */
export const onPaneContent: (listener: (paneId: string) => void) => () => void = paneContent.on;

/** Panes whose text is on its way (components/reader/PaneHtml, mounted by a client navigation), until it is in. */
const arriving = new Map<string, Promise<void>>();

/** A pane's text is being fetched and will be in the DOM when `inDom` resolves; returns the unregister function. */
export function registerArrivingText(paneId: string, inDom: Promise<void>): () => void {
  arriving.set(paneId, inDom);
  return () => {
    if (arriving.get(paneId) === inDom) arriving.delete(paneId);
  };
}

/** null when every one of these panes has its text; else a promise of the moment they all have. */
export function textsArriving(paneIds: readonly string[]): Promise<void> | null {
  const waits = paneIds.flatMap((id) => arriving.get(id) ?? []);
  return waits.length === 0 ? null : Promise.all(waits).then(() => undefined);
}
