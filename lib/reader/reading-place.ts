/**
 * Where a reader is in each pane, for the address (`&at=`): the block at the top of the pane and how far
 * into that block the top edge is, in percent of the block's height. A block and a share of it, not pixels,
 * so a reload, a shared link, a change of interface language or another window width return to the same
 * words (a pixel offset lands paragraphs away once lines wrap differently).
 *
 *   &at=p12.35,post3-q1.0,       pane 1 at 35 % into block p12, pane 2 at the start of post3-q1, pane 3 not set
 *
 * Block ids are [a-z0-9_-] words (lib/reader/layout), so the dot and the comma need no escaping.
 * Framework-free: the reader's client writes and reads it; the tests use it directly.
 */

export const READING_PLACE_PARAM = "at";

export interface ReadingPlace {
  blockId: string;
  /** 0..99: how far into the block the pane's top edge is, in percent of the block's height */
  percent: number;
}

const PLACE = /^([a-z0-9][a-z0-9_-]{0,99})(?:\.(\d{1,2}))?$/i;

/** Per pane (at most `panes`), the place the parameter names; null for a pane it leaves out or names badly. */
export function parseReadingPlaces(value: string | null, panes: number): Array<ReadingPlace | null> {
  if (!value) return [];
  return value
    .split(",")
    .slice(0, panes)
    .map((part) => {
      const m = PLACE.exec(part.trim());
      return m ? { blockId: m[1], percent: m[2] ? Number(m[2]) : 0 } : null;
    });
}

/** The parameter's value for these places ("" when no pane has one). */
export function formatReadingPlaces(places: ReadonlyArray<ReadingPlace | null>): string {
  const parts = places.map((p) =>
    p && PLACE.test(p.blockId) ? `${p.blockId}${p.percent > 0 ? `.${Math.min(99, Math.max(0, Math.round(p.percent)))}` : ""}` : "",
  );
  while (parts.length && parts[parts.length - 1] === "") parts.pop();
  return parts.join(",");
}

/** The query string with the reading places set (or removed when empty), other parameters untouched and unescaped commas kept readable. */
export function withReadingPlaces(search: string, places: ReadonlyArray<ReadingPlace | null>): string {
  const q = new URLSearchParams(search);
  const value = formatReadingPlaces(places);
  if (value) q.set(READING_PLACE_PARAM, value);
  else q.delete(READING_PLACE_PARAM);
  return q.toString().replace(/%2C/gi, ",");
}
