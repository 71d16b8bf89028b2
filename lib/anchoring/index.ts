/**
 * Anchoring: describe a passage so it can be found again, and find it again after the document changed.
 * Framework-free. See types.ts for the stored shape and anchor.ts for the cascade.
 */
export { describe, describeRange, CONTEXT_LENGTH } from "./describe";
export { anchor, anchorMany } from "./anchor";
export { sortByPosition } from "./sort";
export { AnchoringError, isAnchoringError, type AnchoringErrorCode } from "./errors";
export type { AnchorMethod, AnchorResult, Anchored, Orphan, OrphanReason, PassageSelectors, TextPositionSelector, TextQuoteSelector } from "./types";
