/**
 * Selecting a passage with the keyboard alone, for browsers without caret browsing (Safari) and for anyone
 * who prefers keys to a mouse: a selection inside one block's text that moves and grows by whole words or
 * sentences. Offsets are UTF-16 positions in the block's text (lib/reader/selection's blockText), like a
 * passage's. The segmentation is the platform's (Intl.Segmenter, UAX #29), in the document's language.
 *
 * lib/text/words has the same sentence rule for the server; it is not used here because it brings the
 * Snowball stemmers with it, which the reader's browser code has no use for. Framework-free.
 */

export interface TextSpan {
  start: number;
  end: number;
}

export type SelectionStep =
  "next-word" | "previous-word" | "extend-word" | "shrink-word" | "next-sentence" | "previous-sentence" | "extend-sentence" | "shrink-sentence";

export type Unit = "word" | "sentence";

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: string, unit: Unit): Intl.Segmenter {
  const key = `${lang}|${unit}`;
  let s = segmenters.get(key);
  if (!s) {
    try {
      s = new Intl.Segmenter(lang || undefined, { granularity: unit });
    } catch {
      s = new Intl.Segmenter(undefined, { granularity: unit }); // a language tag the platform does not know
    }
    segmenters.set(key, s);
  }
  return s;
}

/** The words (word-like segments: no spaces or punctuation) or sentences (trailing spaces left out) of a text. */
export function spansOf(text: string, lang: string, unit: Unit): TextSpan[] {
  const out: TextSpan[] = [];
  for (const seg of segmenter(lang, unit).segment(text)) {
    if (unit === "word") {
      if (seg.isWordLike) out.push({ start: seg.index, end: seg.index + seg.segment.length });
      continue;
    }
    const start = seg.index + (seg.segment.length - seg.segment.trimStart().length);
    const end = seg.index + seg.segment.trimEnd().length;
    if (end > start) out.push({ start, end });
  }
  return out;
}

/** The first or last word or sentence of a text (where a selection starts, or lands coming from a neighbour block). */
export function edgeSpan(text: string, lang: string, unit: Unit, edge: "first" | "last"): TextSpan | null {
  const spans = spansOf(text, lang, unit);
  return (edge === "first" ? spans[0] : spans[spans.length - 1]) ?? null;
}

/**
 * The selection after one step. "next"/"previous" select the following or preceding word or sentence alone;
 * "extend"/"shrink" move only the end, by one, never past the start. "after"/"before": the step leaves
 * the block (the caller goes on in the next or previous one).
 */
export function stepSelection(text: string, lang: string, sel: TextSpan, step: SelectionStep): TextSpan | "after" | "before" {
  const unit: Unit = step.endsWith("word") ? "word" : "sentence";
  const spans = spansOf(text, lang, unit);
  switch (step.slice(0, step.indexOf("-"))) {
    case "next": {
      const s = spans.find((x) => x.start >= sel.end) ?? (unit === "sentence" ? spans.find((x) => x.end > sel.end && x.start > sel.start) : undefined);
      return s ? { ...s } : "after";
    }
    case "previous": {
      const s =
        [...spans].reverse().find((x) => x.end <= sel.start) ?? (unit === "sentence" ? [...spans].reverse().find((x) => x.start < sel.start) : undefined);
      return s ? { ...s } : "before";
    }
    case "extend": {
      const s = spans.find((x) => x.end > sel.end);
      return s ? { start: sel.start, end: s.end } : { ...sel };
    }
    default: {
      const s = [...spans].reverse().find((x) => x.end < sel.end && x.end > sel.start);
      return s ? { start: sel.start, end: s.end } : { ...sel };
    }
  }
}
