/** lib/search: full-text search over the corpus and the annotations a viewer may read. See search.ts. */
export {
  search,
  optionsFromParams,
  DEFAULT_LIMIT,
  type SearchOptions,
  type SearchResponse,
  type SearchGroup,
  type SearchResult,
  type W3CSelectors,
} from "./search";
export {
  indexAnnotation,
  unindexAnnotation,
  indexDocumentText,
  indexUploadedText,
  ensureCorpusIndexed,
  ensureUploadsIndexed,
  ENTRY_KINDS,
  type EntryKind,
} from "./indexer";
export { normalizeForIndex, analyze } from "./analyze";
export { parseQuery, toFts5, toTsquery, MAX_QUERY_CHARS, type ParsedQuery, type Expansion } from "./query";
export { matchSpans, makeSnippet, snippetHtml, type Snippet, type Span } from "./highlight";
