/**
 * The cleaners written for the seed corpus, one per raw seed text in content/sources (`cleaner: mastny` in its
 * meta file). Each knows its one text's export artifacts, so it lives here with the corpus and not in lib/:
 * lib/content/cleaners holds only the generic cleaners (markdown, plain-text, tei) that any upload may use.
 * The corpus build (scripts/content-build.ts) and the seed tests pass CORPUS_CLEANERS to the pipeline.
 */
import { CLEANERS } from "@/lib/content/cleaners";
import type { Cleaner } from "@/lib/content/cleaners/types";
import { cleanArticle } from "./article";
import { cleanBayerlein } from "./bayerlein";
import { cleanBlog } from "./blog";
import { cleanForum } from "./forum";
import { cleanMastny } from "./mastny";

export const SEED_CLEANERS: Readonly<Record<string, Cleaner>> = {
  article: cleanArticle,
  bayerlein: cleanBayerlein,
  blog: cleanBlog,
  forum: cleanForum,
  mastny: cleanMastny,
};

/** The generic cleaners plus the seed ones: what content/sources needs. */
export const CORPUS_CLEANERS: Readonly<Record<string, Cleaner>> = { ...CLEANERS, ...SEED_CLEANERS };
