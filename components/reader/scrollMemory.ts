/**
 * Where the reader is, and what it has open, across a change of interface language and in the address.
 *
 * - Position: per pane, the block at the top and how far into it (lib/reader/reading-place), never pixels:
 *   written into the address (`&at=`) as the reader scrolls, so a reload or a shared link returns there too.
 * - A change of language re-mounts the whole page (the [locale] segment): the positions at the moment of the
 *   click, the open notes panels (and what they show) and the open outlines are handed over through
 *   sessionStorage, each part taken once by the component that restores it.
 */
import { formatReadingPlaces, parseReadingPlaces, READING_PLACE_PARAM, withReadingPlaces, type ReadingPlace } from "@/lib/reader/reading-place";

const KEY = "synopse:reader-handoff";
/** A handoff older than this belongs to an earlier visit, not to the language switch. */
const MAX_AGE_MS = 30_000;

interface Saved {
  layout: string;
  at: number;
  parts: Record<string, unknown>;
}

/** The part of the URL that decides what the panes show. */
export function layoutKey(search: string): string {
  return new URLSearchParams(search).get("p") ?? "";
}

const scrollers = () => [...document.querySelectorAll<HTMLElement>("[data-pane-scroller]")];

/** The block showing at the top of a pane and how far into it the pane's top edge is. */
export function placeIn(scroller: HTMLElement): ReadingPlace | null {
  const top = scroller.getBoundingClientRect().top;
  for (const el of scroller.querySelectorAll<HTMLElement>("[data-doc-root] [data-block-id]")) {
    const r = el.getBoundingClientRect();
    if (r.bottom <= top + 1 || r.height === 0) continue;
    const blockId = el.dataset.blockId ?? "";
    if (!blockId) continue;
    return { blockId, percent: r.top >= top ? 0 : Math.min(99, Math.floor(((top - r.top) / r.height) * 100)) };
  }
  return null;
}

/** Scroll a pane so that its top edge is at the place (the block must be in the DOM). */
export function scrollToPlace(scroller: HTMLElement, block: HTMLElement, percent: number): void {
  const r = block.getBoundingClientRect();
  scroller.scrollTop += r.top - scroller.getBoundingClientRect().top + (r.height * percent) / 100;
}

/** Every pane's place, left to right. */
export function currentPlaces(): Array<ReadingPlace | null> {
  return scrollers().map(placeIn);
}

/**
 * The current address's query with every pane's place as it is now (on a page without panes, the query as it
 * is). A pane whose text is still arriving (fetched after a client navigation) has no place yet: it keeps the
 * one the address names, so a reload or a copied link during that moment still returns there.
 */
export function addressWithCurrentPlaces(): string {
  const current = currentPlaces();
  if (current.length === 0) return location.search.replace(/^\?/, "");
  const named = placesFromAddress(current.length);
  return withReadingPlaces(
    location.search,
    current.map((place, i) => place ?? named[i] ?? null),
  );
}

/** Put the panes' places into the address (replacing the history entry: scrolling adds no Back steps). */
export function writePlacesToAddress(): void {
  const search = addressWithCurrentPlaces();
  if ("?" + search === location.search) return;
  replaceAddress(`${location.pathname}?${search}${location.hash}`);
}

/**
 * Replace the address without a navigation. Next's own history state is passed back, so its router leaves the
 * address alone: with another state it would take the change as a navigation of its own, which cancels one
 * that is under way (a click on a link just after scrolling). Links that must carry the newest address, like
 * the language switch, read it when clicked (addressWithCurrentPlaces), not from useSearchParams.
 */
export function replaceAddress(url: string): void {
  window.history.replaceState(window.history.state, "", url);
}

/** The places the address names (a reload, a shared link). */
export function placesFromAddress(panes: number): Array<ReadingPlace | null> {
  return parseReadingPlaces(new URLSearchParams(location.search).get(READING_PLACE_PARAM), panes);
}

/** The address's `at` value for the current places (for links made from the current view). */
export function currentPlacesParam(): string {
  return formatReadingPlaces(currentPlaces());
}

// ---- the handoff across a change of language ----

/** Parts other components contribute (the notes panels), read at the moment of the click. */
const contributors = new Map<string, () => unknown>();
export function contributeToHandoff(part: string, read: () => unknown): () => void {
  contributors.set(part, read);
  return () => {
    if (contributors.get(part) === read) contributors.delete(part);
  };
}

/** Called by the language switch just before it navigates. */
export function rememberReaderState(): void {
  const panes = scrollers();
  if (panes.length === 0) return;
  const parts: Record<string, unknown> = {
    places: panes.map(placeIn),
    outlines: panes.map((s) => !!s.closest(".pane")?.querySelector<HTMLDetailsElement>("details.outline")?.open),
  };
  for (const [part, read] of contributors) parts[part] = read();
  const saved: Saved = { layout: layoutKey(location.search), at: Date.now(), parts };
  loaded = null; // the page the switch leads to reads this one (the script stays loaded across the navigation)
  try {
    sessionStorage.setItem(KEY, JSON.stringify(saved));
  } catch {
    /* storage disabled: the address still holds the places */
  }
}

let loaded: { saved: Saved | null; taken: Set<string> } | null = null;

/** One part of the handoff for this page, once (null when there is none, it is stale, or it was taken). */
export function takeHandoffPart<T>(part: string): T | null {
  if (!loaded) {
    let saved: Saved | null = null;
    try {
      const raw = sessionStorage.getItem(KEY);
      sessionStorage.removeItem(KEY);
      saved = raw ? (JSON.parse(raw) as Saved) : null;
    } catch {
      saved = null;
    }
    loaded = { saved, taken: new Set() };
  }
  const saved = loaded.saved;
  if (!saved || saved.layout !== layoutKey(location.search) || Date.now() - saved.at > MAX_AGE_MS) return null;
  if (loaded.taken.has(part) || !(part in saved.parts)) return null;
  loaded.taken.add(part);
  return saved.parts[part] as T;
}
