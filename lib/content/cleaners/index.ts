/**
 * Cleaners by the name a source's meta file gives (`cleaner: mastny`). Generic ones: "markdown" (default for
 * `<slug>.md`), "plain-text" (default for `<slug>.txt`) and "tei" (TEI P5 XML, the default for uploaded `.xml`).
 */
import { cleanArticle } from "./article";
import { cleanBayerlein } from "./bayerlein";
import { cleanBlog } from "./blog";
import { cleanForum } from "./forum";
import { cleanMarkdownSource } from "./markdown-source";
import { cleanMastny } from "./mastny";
import { cleanPlainText } from "./plain-text";
import { cleanTei } from "./tei";
import type { Cleaner } from "./types";

export const CLEANERS: Readonly<Record<string, Cleaner>> = {
  article: cleanArticle,
  bayerlein: cleanBayerlein,
  blog: cleanBlog,
  forum: cleanForum,
  markdown: cleanMarkdownSource,
  mastny: cleanMastny,
  "plain-text": cleanPlainText,
  tei: cleanTei,
};
