/**
 * Server-side facts about the suggestion engine that need the disk. The indexes themselves are built and
 * queried off the request thread, per seminar (lib/links/seminar-index); nothing here builds one.
 */
import { loadLexicon } from "./lexicon";

/** Is the bilingual dictionary there? (The suggestions panel says so when it is not.) */
export function dictionaryAvailable(): boolean {
  return loadLexicon() !== null;
}
