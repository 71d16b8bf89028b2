/**
 * What an annotation stores about its passage (W3C Web Annotation selectors plus Synopse's block
 * reference), and what anchoring returns. Framework-free.
 */

/** Character offsets into documentText(doc).text (UTF-16 code units, blocks joined by "\n\n"). */
export interface TextPositionSelector {
  type: "TextPositionSelector";
  start: number;
  end: number;
}

/** The passage's text with up to CONTEXT_LENGTH characters of context on either side. */
export interface TextQuoteSelector {
  type: "TextQuoteSelector";
  exact: string;
  /** Shorter than CONTEXT_LENGTH only when the passage starts near the beginning of the document. */
  prefix: string;
  /** Shorter than CONTEXT_LENGTH only when the passage ends near the end of the document. */
  suffix: string;
}

export interface PassageSelectors {
  /** The block the passage starts in. */
  blockId: string;
  /** Offset of the passage start inside that block's text. */
  blockStart: number;
  /**
   * Offset of the passage end, counted from the start of the same (first) block. For a passage spanning
   * several blocks this runs past the first block's text (separators included), so that
   * blockEnd - blockStart is always the passage length in document text.
   */
  blockEnd: number;
  position: TextPositionSelector;
  quote: TextQuoteSelector;
  /** SynopseDocument.version the selectors were made on. */
  version: string;
}

/** Which rung of the cascade found the passage, cheapest first. */
export type AnchorMethod = "position" | "block" | "exact" | "fuzzy";

export interface Anchored {
  status: "anchored";
  method: AnchorMethod;
  /** 0..1; 1 = same text at the same place with the same context. */
  score: number;
  /** Document offsets (documentText(doc).text) of the passage now. */
  start: number;
  end: number;
  blockId: string;
  blockStart: number;
  blockEnd: number;
  /** The passage's current text (may differ from quote.exact after a fuzzy match). */
  exact: string;
}

export type OrphanReason =
  /** Selectors unusable (empty quote, malformed). */
  | "invalid-selectors"
  /** Nothing resembling the quote is in the document any more. */
  | "quote-not-found"
  /** The words exist, but nowhere in a context that matches the original one: a look-alike, not the passage. */
  | "context-mismatch"
  /** Several places fit about equally well; choosing one would be a guess. */
  | "ambiguous"
  /** Something similar exists (often at the passage's old place, between its surviving context), but too different to be the same passage. */
  | "low-score";

export interface Orphan {
  status: "orphan";
  reason: OrphanReason;
  /** Best rejected candidate's score, for diagnostics (0 when there was none). */
  bestScore: number;
}

export type AnchorResult = Anchored | Orphan;
