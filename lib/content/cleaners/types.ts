import type { Block, DocumentMeta, Part, Removal } from "../types";

/**
 * A textual change the cleaner made inside a block, recorded so that fidelity can be proven:
 * in the block's gathered raw text (see lib/content/fidelity.ts) the first occurrence of `raw`
 * at or after the previous mend of the same block becomes `clean`.
 * Examples: { raw: "stra-", clean: "stra" } is wrong — mends must cover the whole change:
 * { raw: "stra-\n", clean: "stra" } when the gathered raw has "stra-\ntegic";
 * { raw: "wurden«.5", clean: "wurden«.[^5]" } (footnote marker separated);
 * { raw: "*modus vivendi*", clean: "modus vivendi" } (Markdown italics became an em mark).
 */
export interface Mend {
  blockId: string;
  raw: string;
  clean: string;
  reason: string;
}

/** What a cleaner returns for one raw source. */
export interface CleanResult {
  /** Metadata the text itself reveals (title, author, date …); merged over the source's meta file. */
  meta: Partial<DocumentMeta>;
  /** Body blocks in reading order, then footnote blocks. */
  blocks: Block[];
  parts: Part[];
  /**
   * Everything dropped. Without `blockId`: whole raw lines (must not overlap any block's `lines`).
   * With `blockId`: a piece of text deleted from inside that block's gathered raw text (like a Mend to "").
   */
  removals: Array<Removal & { blockId?: string }>;
  mends: Mend[];
  /**
   * Elements the cleaner does not know, kept as text in the nearest block, with how often each occurred
   * (TEI: the audit trail and the upload preview show them, so an instructor knows what they get).
   */
  generic?: Record<string, number>;
}

export interface CleanerContext {
  /** Raw file name, for error messages. */
  file: string;
  meta: Partial<DocumentMeta>;
}

export type Cleaner = (raw: string, ctx: CleanerContext) => CleanResult;
