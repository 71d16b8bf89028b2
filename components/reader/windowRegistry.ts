/**
 * How the rest of the reader reaches text that a windowed pane (components/reader/WindowedDocument.tsx) has
 * not loaded yet: `revealBlock` loads the window holding a block and hands back its element, and
 * `onPaneContent` tells painters (notes, links) that a pane's text changed, so they paint the new part.
 * For a pane that shows its whole document, `revealBlock` is just getElementById. Browser-only, no React.
 */
type Revealer = (blockId: string) => Promise<void>;

const revealers = new Map<string, Revealer>();
const PANE_CONTENT_EVENT = "synopse:pane-content";

/** A windowed pane offers to load the window of a block; returns the unregister function. */
export function registerWindowedPane(paneId: string, reveal: Revealer): () => void {
  revealers.set(paneId, reveal);
  return () => {
    if (revealers.get(paneId) === reveal) revealers.delete(paneId);
  };
}

/** Whether a pane shows its document in windows (and may lack a block that exists). */
export function isWindowedPane(paneId: string): boolean {
  return revealers.has(paneId);
}

/** The element of a block in a pane, loading its window first if the pane shows its document in windows. */
export async function revealBlock(paneId: string, blockId: string): Promise<HTMLElement | null> {
  const domId = `${paneId}-${blockId}`;
  const present = document.getElementById(domId);
  if (present) return present;
  const reveal = revealers.get(paneId);
  if (!reveal) return null;
  try {
    await reveal(blockId);
  } catch {
    return null;
  }
  return document.getElementById(domId);
}

/** Windows were added to or dropped from a pane. */
export function announcePaneContent(paneId: string): void {
  window.dispatchEvent(new CustomEvent(PANE_CONTENT_EVENT, { detail: { paneId } }));
}

/** Listen for pane text changes; returns the unsubscribe function. */
export function onPaneContent(listener: (paneId: string) => void): () => void {
  const handler = (e: Event) => listener((e as CustomEvent<{ paneId: string }>).detail.paneId);
  window.addEventListener(PANE_CONTENT_EVENT, handler);
  return () => window.removeEventListener(PANE_CONTENT_EVENT, handler);
}
