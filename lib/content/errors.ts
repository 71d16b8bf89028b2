/**
 * A problem in a content file: where (file, 1-based line; problems with the file as a whole point at line 1)
 * and what, as a stable `code` with `params` — the key of a message in the "ContentErrors" namespace of
 * messages/{de,en,ru}.json. The upload page shows it in the reader's language; the command line
 * (content:build) prints `message`, which reads `file:line: reason` with the reason formatted from the
 * English messages, so both say the same thing.
 *
 * Element names are passed without angle brackets (`element: "table"`), the messages add them: ICU
 * would read a literal `<table>` in a message as markup.
 */
// intl-messageformat is the ICU formatter next-intl itself formats these messages with (use-intl's own
// entry points import React, which the framework-free pipeline must not).
import { IntlMessageFormat } from "intl-messageformat";
import en from "../../messages/en.json";

export const CONTENT_ERROR_CODES = [
  // the bytes
  "file-empty",
  "file-blank",
  "file-binary",
  "file-not-utf8",
  // uploads (lib/teaching/upload)
  "upload-unsupported-type",
  "upload-invalid-slug",
  "upload-needs-language",
  // the corpus folder (content:build)
  "no-sources-directory",
  "meta-without-raw-file",
  "meta-several-raw-files",
  "no-metadata",
  "meta-file-empty",
  "unknown-cleaner",
  "invalid-slug",
  "duplicate-slug",
  // metadata: YAML front matter, meta files, a TEI header
  "yaml-invalid",
  "meta-not-a-mapping",
  "meta-missing-key",
  "meta-unknown-key",
  "meta-empty-value",
  "meta-not-text",
  "meta-unknown-language",
  "meta-unknown-kind",
  "meta-invalid-date",
  "meta-invalid-slug",
  "meta-invalid",
  "language-unknown",
  // Markdown and plain text
  "front-matter-missing",
  "markdown-unsupported",
  "footnote-reference-undefined",
  "footnote-defined-twice",
  // TEI P5: well-formedness (saxes) …
  "xml-close-tag-mismatch",
  "xml-unmatched-close-tag",
  "xml-unclosed-tag",
  "xml-no-root",
  "xml-several-roots",
  "xml-text-outside-root",
  "xml-undefined-entity",
  "xml-duplicate-attribute",
  "xml-bad-attribute",
  "xml-bad-character",
  "xml-unbound-prefix",
  "xml-bad-comment",
  "xml-unexpected-end",
  "xml-malformed",
  "xml-doctype",
  "xml-too-deep",
  // … and the supported subset
  "tei-wrong-root",
  "tei-empty-body",
  // any format: elements nested deeper than the cleaner can follow (a 20,000-deep TEI file)
  "nesting-too-deep",
  // the pipeline's own checks: a cleaner's bug, not the file's fault
  "internal-cleaner-failed",
  "internal-not-faithful",
  "internal-round-trip",
  "internal-block",
  "internal-clean-document",
] as const;

export type ContentErrorCode = (typeof CONTENT_ERROR_CODES)[number];
export type ContentErrorParams = Record<string, string | number>;

const ENGLISH: Record<ContentErrorCode, string> = en.ContentErrors;
const compiled = new Map<ContentErrorCode, IntlMessageFormat>();

/** The English reason for a code (what content:build prints and API clients get as `reason`). */
export function englishReason(code: ContentErrorCode, params: ContentErrorParams = {}): string {
  let format = compiled.get(code);
  if (!format) compiled.set(code, (format = new IntlMessageFormat(ENGLISH[code] ?? code, "en")));
  return String(format.format(params));
}

export class ContentError extends Error {
  /** The English reason (the message without `file:line: `). */
  readonly reason: string;

  constructor(
    readonly file: string,
    readonly line: number,
    readonly code: ContentErrorCode,
    readonly params: ContentErrorParams = {},
  ) {
    const reason = englishReason(code, params);
    super(`${file}:${line}: ${reason}`);
    this.name = "ContentError";
    this.reason = reason;
  }
}

/**
 * A JavaScript stack overflow ("Maximum call stack size exceeded") while reading a file: its structure is
 * nested deeper than the recursive cleaners follow. It is the file's shape, not a bug, and is reported as
 * "nesting-too-deep" rather than as the engine's own words.
 */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}
