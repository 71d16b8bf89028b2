/**
 * Cleaners by the name a source's meta file gives (`cleaner: plain-text`). All generic: "markdown" (default for
 * `<slug>.md`), "plain-text" (default for `<slug>.txt`) and "tei" (TEI P5 XML, the default for uploaded `.xml`).
 * The cleaners written for single seed texts live with the corpus (content/cleaners), which passes them in
 * through the pipeline's `options.cleaners`.
 */
import { cleanMarkdownSource } from "./markdown-source";
import { cleanPlainText } from "./plain-text";
import { cleanTei } from "./tei";
import type { Cleaner } from "./types";

export const CLEANERS: Readonly<Record<string, Cleaner>> = {
  markdown: cleanMarkdownSource,
  "plain-text": cleanPlainText,
  tei: cleanTei,
};
