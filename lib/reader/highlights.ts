/**
 * The one painter of the reader's CSS Custom Highlights: every highlight name the reader registers is
 * here, and each layer (the notes, the link ends, the "other end" of a link, the deep link of the address)
 * paints only through `paintLayer`, which replaces that layer's highlights and no one else's. Painting
 * never touches the text (React owns it); CSS styles each name with ::highlight(name). Browser-only.
 */

/** Notes: one name per tag colour, a default, the member's own, the open thread. */
export const HIGHLIGHT_NOTE = "syn-note";
export const HIGHLIGHT_MINE = "syn-mine";
export const HIGHLIGHT_ACTIVE = "syn-active";
export const tagHighlight = (index: number) => `syn-tag-${index}`;
/** Links: every painted end, and the other end of what the pointer or focus is on. */
export const HIGHLIGHT_LINK_END = "link-end";
export const HIGHLIGHT_LINK_PEER = "link-peer";
/** The passage the reader's address points to. */
export const HIGHLIGHT_DEEP_LINK = "deep-link";

export type HighlightLayer = "notes" | "link-ends" | "link-peer" | "deep-link";
export type HighlightGroups = ReadonlyMap<string, { ranges: Range[]; priority: number }>;

interface HighlightRegistry {
  set(name: string, h: unknown): void;
  delete(name: string): boolean;
}
type HighlightCtor = new (...ranges: Range[]) => { priority: number };

function registry(): { highlights: HighlightRegistry; Highlight: HighlightCtor } | null {
  const g = globalThis as unknown as { CSS?: { highlights?: HighlightRegistry }; Highlight?: HighlightCtor };
  return g.CSS?.highlights && g.Highlight ? { highlights: g.CSS.highlights, Highlight: g.Highlight } : null;
}

export const highlightsSupported = () => registry() !== null;

/** The names each layer registered last, so the next paint of that layer removes exactly those it drops. */
const owned = new Map<HighlightLayer, Set<string>>();

/** Replace a layer's highlights by `groups` (name → ranges, priority); an empty map clears the layer. */
export function paintLayer(layer: HighlightLayer, groups: HighlightGroups): void {
  const r = registry();
  if (!r) return;
  const before = owned.get(layer) ?? new Set<string>();
  const now = new Set<string>();
  for (const [name, { ranges, priority }] of groups) {
    if (ranges.length === 0) continue;
    const h = new r.Highlight(...ranges);
    h.priority = priority;
    r.highlights.set(name, h);
    now.add(name);
  }
  for (const name of before) if (!now.has(name)) r.highlights.delete(name);
  owned.set(layer, now);
}

/** A layer of one name. */
export function paintOne(layer: HighlightLayer, name: string, ranges: Range[], priority: number): void {
  paintLayer(layer, new Map([[name, { ranges, priority }]]));
}
