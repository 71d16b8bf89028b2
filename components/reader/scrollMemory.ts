/**
 * Hands the reader's pane scroll positions across a change of interface language: the [locale]
 * segment re-mounts the whole page, so the positions are saved just before and restored on mount.
 */
const KEY = "synopse:reader-scroll";
/** A saved position older than this belongs to an earlier visit, not to the language switch. */
const MAX_AGE_MS = 30_000;

interface Saved {
  layout: string;
  tops: number[];
  at: number;
  /** For panes reading a whole volume in windows: the block at the top and how far down the pane it was. */
  places?: Array<ReaderPlace | null>;
}

export interface ReaderPlace {
  blockId: string;
  offset: number;
}

/** The first block showing at the top of a windowed pane (a scroll position means nothing in another window). */
function placeIn(scroller: HTMLElement): ReaderPlace | null {
  if (!scroller.querySelector(".doc-windowed")) return null;
  const top = scroller.getBoundingClientRect().top;
  for (const el of scroller.querySelectorAll<HTMLElement>("[data-window] [data-block-id]")) {
    const r = el.getBoundingClientRect();
    if (r.bottom > top) return { blockId: el.dataset.blockId ?? "", offset: r.top - top };
  }
  return null;
}

/** The part of the URL that decides what the panes show. */
export function layoutKey(search: string): string {
  return new URLSearchParams(search).get("p") ?? "";
}

export function rememberReaderScroll(): void {
  const scrollers = document.querySelectorAll<HTMLElement>("[data-pane-scroller]");
  if (scrollers.length === 0) return;
  const saved: Saved = { layout: layoutKey(location.search), tops: [...scrollers].map((s) => s.scrollTop), at: Date.now(), places: [...scrollers].map(placeIn) };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(saved));
  } catch {
    /* storage disabled: the panes start at the top */
  }
}

/** The saved positions for this layout, once (they are forgotten when read). */
export function takeReaderScroll(): number[] | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    sessionStorage.removeItem(KEY);
    const saved = JSON.parse(raw) as Saved;
    if (saved.layout !== layoutKey(location.search) || Date.now() - saved.at > MAX_AGE_MS) return null;
    return saved.tops;
  } catch {
    return null;
  }
}

/** A windowed pane's saved place (see rememberReaderScroll), read without forgetting it (the reader takes it). */
export function peekReaderPlace(paneIndex: number): ReaderPlace | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const saved = JSON.parse(raw) as Saved;
    if (saved.layout !== layoutKey(location.search) || Date.now() - saved.at > MAX_AGE_MS) return null;
    return saved.places?.[paneIndex] ?? null;
  } catch {
    return null;
  }
}
