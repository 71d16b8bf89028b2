/**
 * The Document model: what every part of Synopse (reader, anchoring, annotations, links, search)
 * reads. Produced by the content pipeline (lib/content/pipeline), stored as Markdown in
 * content/documents/, parsed back by lib/content/markdown. Framework-free.
 */

export type Language = "de" | "en" | "ru";
export const LANGUAGES: readonly Language[] = ["de", "en", "ru"] as const;

export type DocumentKind = "forum" | "essay" | "article" | "blog";
export const DOCUMENT_KINDS: readonly DocumentKind[] = ["forum", "essay", "article", "blog"] as const;

export interface DocumentMeta {
  /** URL-safe, unique across the corpus, e.g. "letters-from-lyon-1871". */
  slug: string;
  title: string | null;
  subtitle?: string | null;
  /** Magazine rubric above the title ("Analyse"). */
  kicker?: string | null;
  author: string | null;
  lang: Language;
  /** ISO-like, as precise as the source allows: "1972-12", "2020-05", or null. */
  date: string | null;
  kind: DocumentKind;
  /** Human-readable citation of where the text comes from. */
  source: string;
  /** File name of the untouched raw source inside content/sources/. */
  rawFile: string;
  /** The licence the text is published under, as its edition states it (a TEI header's licence). */
  licence?: string | null;
}

/** Inline formatting over a block's plain text; offsets are UTF-16 code units into Block.text. */
export type Mark =
  | { kind: "em"; start: number; end: number }
  | { kind: "strong"; start: number; end: number }
  | { kind: "link"; start: number; end: number; href: string | null }
  /** A footnote marker sitting at `at` (between characters); not part of the text itself. */
  | { kind: "footnote-ref"; at: number; footnoteId: string; label: string }
  | EditionMark;

/**
 * What a critical edition (TEI) says about its text, kept beside the plain text rather than in it. Block.text is
 * always the READING text (corrected, regularised, expanded, deletions left out, supplied text in): the one text
 * anchoring, search and links work on. What only the DIPLOMATIC view shows (the original spelling, the
 * abbreviation, the deleted words) lives in `written` of a variant mark and is never part of Block.text, so a
 * passage has the same offsets in both views and a note made in one shows in the other.
 */
export type EditionMark =
  /** [start, end) of the reading text stands for `written` in the source: sic/corr, orig/reg, abbr/expan; a
   * deletion ("del") is an empty range at the place of the deleted words. */
  | { kind: "variant"; start: number; end: number; type: VariantType; written: string }
  /** The editor's hand in the reading text: added (add), supplied by the editor, unclear in the source,
   * marked as written so (sic without a correction) or corrected (corr without the original). */
  | { kind: "edit"; start: number; end: number; type: EditType }
  /** Text the source lost or the editor left out (TEI gap), with the edition's reason ("illegible"). */
  | { kind: "gap"; at: number; reason: string | null }
  /** A page begins here (TEI pb), with its number as printed. */
  | { kind: "page"; at: number; n: string | null }
  /**
   * A named person, place, organisation or a date, with its identity: `ref` = the edition's authority link
   * (GND, VIAF, Wikidata …) as written, `when` = a normalised ISO date (TEI @when). Evidence for search and
   * link suggestions: the same ref, or the same date, in another text.
   */
  | { kind: "entity"; start: number; end: number; type: EntityType; ref: string | null; when: string | null }
  /** One cell of a table row (block type "table-row"). */
  | { kind: "cell"; start: number; end: number };

export type VariantType = "sic" | "orig" | "abbr" | "del";
export type EditType = "add" | "supplied" | "unclear" | "sic" | "corr";
export type EntityType = "person" | "place" | "org" | "name" | "date";
export const EDITION_MARK_KINDS: ReadonlySet<string> = new Set(["variant", "edit", "gap", "page", "entity", "cell"]);

export type BlockType =
  | "heading" // section heading (level 2..4); an essay whose sections open with a small-caps lead-in instead has no heading blocks, see `section`
  | "paragraph"
  | "quote" // block quote; `quoteOf` names the quoted post/block when known
  | "list-item"
  | "link" // a line that was the visible text of a hyperlink (URL possibly lost)
  | "epigraph"
  | "signoff"
  | "separator"
  | "bio"
  | "footnote"
  // from TEI editions:
  | "note" // a note in its own place (an archival source note, a margin note), not a footnote
  | "verse" // lines of verse (TEI lg/l), one per line of the text
  | "table-row" // a table row; its cells are "cell" marks
  | "figure"; // a figure's description

export interface Block {
  /** Stable across re-runs of the pipeline: "p12", "post3-q1", "fn12", "h2". */
  id: string;
  type: BlockType;
  /** Plain text, no markup. Footnote markers are NOT in the text; see Mark "footnote-ref". */
  text: string;
  marks: Mark[];
  /** 1-based inclusive raw line span(s) in the raw source this block was made from. */
  lines: Array<[number, number]>;
  /** Heading level (2 = section). */
  level?: number;
  /** Forum post / blog part this block belongs to ("post3", "comment1"). */
  part?: string;
  /** For quotes: the part id whose text this repeats; null = quoted from outside the file. */
  quoteOf?: string | null;
  /** For quotes shown with an attribution ("unknown member", "Victor Schiff, Anfang 1933"). */
  attribution?: string | null;
  /** For list items: the label as written ("1.", "-"). */
  label?: string;
  /** For footnotes: its number/label and whether the source kept it. */
  footnote?: { label: string; status: "ok" | "missing" | "truncated"; refs: string[] };
  /** Section number (1-based) for documents with sections. */
  section?: number;
  /**
   * What the block is in its edition, when more than its type: a heading's division ("letter", "document",
   * "chapter"), a letter part ("dateline", "salute", "signed", "closer" …), a note's kind ("source"), a speaker.
   */
  role?: string;
}

/** A forum post, blog post, comment or bio: who wrote a run of blocks. */
export interface Part {
  id: string;
  kind: "post" | "comment" | "bio";
  n: number;
  author: string | null;
  authorTitle?: string | null;
  /** explicit = header in the source; inferred = from sign-off/dialogue; unknown = not revealed. */
  authorConfidence: "explicit" | "inferred" | "unknown";
  edited?: boolean;
  lines: [number, number];
}

/** Something the cleaner dropped from the raw text, with the reason: the fidelity audit trail. */
export interface Removal {
  lines: [number, number];
  text: string;
  reason: string;
}

export interface SynopseDocument {
  meta: DocumentMeta;
  /** sha256 (hex, first 16) of the document's plain text: annotations record the version they were made on. */
  version: string;
  /** Body blocks in reading order, then footnote blocks in numeric order. */
  blocks: Block[];
  parts: Part[];
}
