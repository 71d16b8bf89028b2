/** How much one call of the reader's live-anchoring action may ask for (lib/annotations-ui/live-anchor). */
export const MAX_NOTES = 20;
export const MAX_QUOTE_TOTAL = 100_000;
