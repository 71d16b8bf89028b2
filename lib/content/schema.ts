/**
 * zod schemas for metadata: the clean documents' front matter, source meta files and the front matter of
 * user-added Markdown sources. Shared by markdown.ts (parse) and pipeline.ts (validate before writing).
 */
import { z } from "zod";
import YAML, { LineCounter, isMap, isScalar, isSeq, type Document as YamlDocument, type Node as YamlNode } from "yaml";
import { ContentError, type ContentErrorCode, type ContentErrorParams } from "./errors";
import { DOCUMENT_KINDS, LANGUAGES } from "./types";

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** As precise as the source allows: "1972", "1972-12", "1972-12-01". */
export const DATE_PATTERN = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;

const slug = z.string().regex(SLUG_PATTERN, "slug must be lower-case letters, digits and single hyphens, e.g. letters-from-lyon-1871");
const lang = z.enum(LANGUAGES as unknown as ["de", "en", "ru"], {
  error: (issue) => `unknown language ${JSON.stringify(issue.input)}: use one of ${LANGUAGES.join(", ")}`,
});
const kind = z.enum(DOCUMENT_KINDS as unknown as ["forum", "essay", "article", "blog"], {
  error: (issue) => `unknown kind ${JSON.stringify(issue.input)}: use one of ${DOCUMENT_KINDS.join(", ")}`,
});
const date = z.union([z.string(), z.number().transform(String)]).pipe(z.string().regex(DATE_PATTERN, "date must be YYYY, YYYY-MM or YYYY-MM-DD"));
const text = z.string().trim().min(1);

export const DocumentMetaSchema = z.strictObject({
  slug,
  title: text.nullable(),
  subtitle: text.nullable().optional(),
  kicker: text.nullable().optional(),
  author: text.nullable(),
  lang,
  date: date.nullable(),
  kind,
  source: text,
  rawFile: text,
  licence: text.nullable().optional(),
});

export const PartSchema = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(["post", "comment", "bio"]),
  n: z.number().int().positive(),
  author: z.string().nullable(),
  authorTitle: z.string().nullable().optional(),
  authorConfidence: z.enum(["explicit", "inferred", "unknown"]),
  edited: z.boolean().optional(),
  lines: z.tuple([z.number().int().positive(), z.number().int().positive()]),
});

/** Front matter of a clean document in content/documents/. */
export const DocumentFrontMatterSchema = DocumentMetaSchema.extend({
  version: z.string().regex(/^[0-9a-f]{16}$/, "version must be 16 hex digits"),
  parts: z.array(PartSchema).default([]),
});

/** A source's `<stem>.meta.yaml`: what the raw text does not say itself, and which cleaner reads it. */
export const SourceMetaSchema = z.strictObject({
  slug: slug.optional(),
  kind,
  lang,
  cleaner: z.string().min(1).optional(),
  title: text.nullable().optional(),
  subtitle: text.nullable().optional(),
  kicker: text.nullable().optional(),
  author: text.nullable().optional(),
  date: date.nullable().optional(),
  source: text,
  /** sha256 of the raw file as it was received: raw sources are kept byte-for-byte, and a test holds them to it */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "sha256 must be 64 hex digits")
    .optional(),
});
export type SourceMeta = z.infer<typeof SourceMetaSchema>;

/** Front matter of a user-added `<slug>.md` source. */
export const MarkdownSourceFrontMatterSchema = z.strictObject({
  title: text,
  author: text.nullable().optional(),
  lang,
  date: date.nullable().optional(),
  kind,
  source: text,
  subtitle: text.nullable().optional(),
  kicker: text.nullable().optional(),
});

/** Parse YAML text; syntax errors become ContentErrors at the right line (`lineOffset` = lines before the YAML). */
export function parseYaml(yamlText: string, file: string, lineOffset = 0): { value: unknown; doc: YamlDocument; lines: LineCounter } {
  const lines = new LineCounter();
  const doc = YAML.parseDocument(yamlText, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = (e.linePos?.[0].line ?? 1) + lineOffset;
    throw new ContentError(file, line, "yaml-invalid", { detail: e.message.split("\n")[0] });
  }
  return { value: doc.toJS(), doc, lines };
}

/** Validate YAML data with a zod schema; the first issue becomes a ContentError at the offending key's line. */
export function validateYaml<S extends z.ZodType>(
  schema: S,
  parsed: { value: unknown; doc: YamlDocument; lines: LineCounter },
  file: string,
  lineOffset = 0,
): z.infer<S> {
  if (parsed.value === null || typeof parsed.value !== "object" || Array.isArray(parsed.value)) {
    throw new ContentError(file, 1 + lineOffset, "meta-not-a-mapping");
  }
  const result = schema.safeParse(parsed.value, { reportInput: true });
  if (result.success) return result.data;
  const problem = metaIssue(result.error.issues[0]);
  const line = lineOfPath(parsed.doc, parsed.lines, problem.path) + lineOffset;
  throw new ContentError(file, line, problem.code, problem.params);
}

/** A metadata problem (the first zod issue) as an error code with its parameters, and the path of the key. */
export function metaIssue(issue: z.core.$ZodIssue): { code: ContentErrorCode; params: ContentErrorParams; path: Array<string | number> } {
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  if (issue.code === "unrecognized_keys")
    return { code: "meta-unknown-key", params: { key: [...path, issue.keys[0]].join(".") }, path: [...path, issue.keys[0]] };
  const key = path.join(".");
  const last = path[path.length - 1];
  const at = (code: ContentErrorCode, params: ContentErrorParams = {}) => ({ code, params: { key, ...params }, path });
  if (issue.input === undefined) return at("meta-missing-key");
  if (issue.input === null || (issue.code === "too_small" && issue.origin === "string")) return at("meta-empty-value");
  if (issue.code === "invalid_value" && (last === "lang" || last === "kind")) {
    return at(last === "lang" ? "meta-unknown-language" : "meta-unknown-kind", { value: String(issue.input), allowed: issue.values.map(String).join(", ") });
  }
  if (issue.code === "invalid_format" && last === "date") return at("meta-invalid-date");
  if (issue.code === "invalid_format" && last === "slug") return at("meta-invalid-slug");
  if (issue.code === "invalid_type" && issue.expected === "string") return at("meta-not-text");
  return at("meta-invalid", { detail: issue.message });
}

/** The line of the deepest existing node on `path` (the key's line for a missing value; 1 when nothing matches). */
function lineOfPath(doc: YamlDocument, lines: LineCounter, path: Array<string | number>): number {
  let node: unknown = doc.contents;
  let line = 1;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) break;
      const keyNode = pair.key as YamlNode;
      if (keyNode.range) line = lines.linePos(keyNode.range[0]).line;
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key];
      const n = node as YamlNode | undefined;
      if (n?.range) line = lines.linePos(n.range[0]).line;
    } else break;
  }
  return line;
}
