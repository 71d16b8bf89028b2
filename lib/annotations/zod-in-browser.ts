/**
 * zod compiles object schemas with `new Function` where it may, and finds out by trying once. Under the pages'
 * Content-Security-Policy (no 'unsafe-eval') the browser reports that try as a violation. In the browser zod
 * is told not to try (jitless: the same parsing, without eval); the server keeps its compiled parsers.
 * Imported by ./types, the schemas the browser's code uses.
 */
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });
