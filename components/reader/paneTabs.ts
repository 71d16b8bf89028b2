/**
 * On a phone-sized screen the panes stack behind tabs and only one shows. Whatever takes the reader to a
 * passage in another pane (a link's other end) asks for that pane first: `showPane` brings its tab to the
 * front at once (the reader re-renders synchronously), so the passage can be measured and scrolled to.
 * Side by side it does nothing. Browser-only, no React.
 */
const SHOW_PANE_EVENT = "synopse:show-pane";

export function showPane(paneId: string): void {
  window.dispatchEvent(new CustomEvent(SHOW_PANE_EVENT, { detail: { paneId } }));
}

/** The reader listens (and switches tabs); returns the unsubscribe function. */
export function onShowPane(listener: (paneId: string) => void): () => void {
  const handler = (e: Event) => listener((e as CustomEvent<{ paneId: string }>).detail.paneId);
  window.addEventListener(SHOW_PANE_EVENT, handler);
  return () => window.removeEventListener(SHOW_PANE_EVENT, handler);
}
