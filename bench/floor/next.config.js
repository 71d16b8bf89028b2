/**
 * The Next.js floor for the reader benchmark (bench/floor.ts): a separate, minimal Next app with no app code
 * at all — no middleware, no i18n, no database, no client components — so that the bench can show what
 * Next itself costs for the reader's HTML on this machine, measured in the same run as the reader.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** @type {import('next').NextConfig} */
const config = {
  poweredByHeader: false,
  // The app's node_modules, two folders up, are the ones to resolve.
  turbopack: { root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..") },
  // The cached route keeps its pages in memory only (like the process-lifetime caches of the app).
  experimental: { isrFlushToDisk: false },
};

export default config;
