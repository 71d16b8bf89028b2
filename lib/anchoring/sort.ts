/** Order a pane's notes by where their passages are now: anchored ones by current position, orphans last. */
import type { AnchorResult } from "./types";

/**
 * A new array, stably sorted by anchored start; at equal starts the longer (enclosing) passage comes
 * first, so nested highlights read outside-in. Orphans keep their relative order at the end.
 */
export function sortByPosition<T>(items: readonly T[], anchorOf: (item: T) => AnchorResult): T[] {
  return items
    .map((item, i) => ({ item, i, anchor: anchorOf(item) }))
    .sort((a, b) => {
      const x = a.anchor;
      const y = b.anchor;
      if (x.status === "anchored" && y.status === "anchored") return x.start - y.start || y.end - x.end || a.i - b.i;
      if (x.status === "anchored") return -1;
      if (y.status === "anchored") return 1;
      return a.i - b.i;
    })
    .map(({ item }) => item);
}
