/**
 * A reader-wide signal about one pane (its text changed, it should come to the front), as a window event: the
 * reader's parts that need it (painters, the tabs) listen without knowing who sends. Browser-only, no React.
 */
export function paneEvent(name: string): { emit(paneId: string): void; on(listener: (paneId: string) => void): () => void } {
  return {
    emit: (paneId) => window.dispatchEvent(new CustomEvent(name, { detail: { paneId } })),
    on: (listener) => {
      const handler = (e: Event) => listener((e as CustomEvent<{ paneId: string }>).detail.paneId);
      window.addEventListener(name, handler);
      return () => window.removeEventListener(name, handler);
    },
  };
}
