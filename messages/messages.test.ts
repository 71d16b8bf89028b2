import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import de from "./de.json";
import en from "./en.json";
import ru from "./ru.json";

/**
 * Every interface string lives in messages/{de,en,ru}.json: each key in every locale, with the same
 * placeholders, and no user-facing text written straight into app/ or components/.
 */

type Tree = { [key: string]: string | Tree };
const LOCALES: Record<string, Tree> = { de, en, ru };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

/** The ICU argument names of a message ("{count, plural, …}" → count), ignoring "#" and nested text. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  let depth = 0;
  for (let i = 0; i < message.length; i++) {
    if (message[i] === "{") {
      depth++;
      const m = /^\{\s*([A-Za-z_][\w]*)\s*[,}]/.exec(message.slice(i));
      if (m && depth % 2 === 1) names.add(m[1]);
    } else if (message[i] === "}") depth--;
  }
  return [...names].sort();
}

describe("message files", () => {
  const flat = Object.fromEntries(Object.entries(LOCALES).map(([l, t]) => [l, flatten(t)]));
  const allKeys = new Set(Object.values(flat).flatMap((m) => [...m.keys()]));

  it.each(Object.keys(LOCALES))("%s has every key that any locale has", (locale) => {
    const missing = [...allKeys].filter((k) => !flat[locale].has(k));
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(LOCALES))("%s has no empty message and the same placeholders as English", (locale) => {
    const problems: string[] = [];
    for (const [key, value] of flat[locale]) {
      if (value.trim() === "") problems.push(`${key}: empty`);
      const english = flat.en.get(key);
      if (english !== undefined && placeholders(english).join() !== placeholders(value).join()) {
        problems.push(`${key}: {${placeholders(value)}} vs English {${placeholders(english)}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("catches a missing key (the check itself works)", () => {
    const broken = flatten({ A: { b: "x" } });
    expect([...flatten({ A: { b: "x", c: "y" } }).keys()].filter((k) => !broken.has(k))).toEqual(["A.c"]);
    expect(placeholders("{count, plural, one {# note by {author}} other {# notes}} in {place}")).toEqual(["author", "count", "place"]);
  });
});

// ---- no hard-coded user-facing text in the UI ----

const ROOT = path.resolve(__dirname, "..");
/** Attributes a person reads or hears. */
const TEXT_ATTRIBUTES = new Set(["aria-label", "aria-description", "aria-roledescription", "title", "alt", "placeholder", "label"]);
/** Letters in any script: text without letters (punctuation, "·", "↩", "—") is not language. */
const HAS_LETTER = /\p{L}/u;
/** A URL shown as an example ("https://") is the same in every language. */
const URL_LIKE = /^(https?:\/\/|mailto:)\S*$/;
const isLanguage = (text: string) => HAS_LETTER.test(text) && !URL_LIKE.test(text.trim());

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx$/.test(e.name) && !/\.test\.tsx$/.test(e.name) ? [full] : [];
  });
}

/** JSX text and string-literal text attributes that contain letters: user-facing words not taken from messages. */
export function hardCodedText(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) => `${path.relative(ROOT, fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && isLanguage(node.text)) found.push(`${where(node)} text "${node.text.trim()}"`);
    if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
      const init = node.initializer;
      const literal = ts.isStringLiteral(init)
        ? init.text
        : ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression))
          ? init.expression.text
          : null;
      if (literal !== null && isLanguage(literal)) found.push(`${where(node)} ${node.name.getText(file)}="${literal}"`);
    }
    if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) && node.expression) {
      const e = node.expression;
      if ((ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && isLanguage(e.text)) found.push(`${where(node)} text {"${e.text}"}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe("UI source", () => {
  it("has no JSX text or text attributes that bypass the message files (app/, components/)", () => {
    const files = [...sourceFiles(path.join(ROOT, "app")), ...sourceFiles(path.join(ROOT, "components"))];
    expect(files.length).toBeGreaterThan(0);
    const found = files.flatMap((f) => hardCodedText(f, fs.readFileSync(f, "utf8")));
    expect(found).toEqual([]);
  });

  it("flags literal words and accepts translations, punctuation and symbols (the scan itself works)", () => {
    const sample = `
      export function A({ t }) {
        return (<p title="Close" aria-label={t("x")}>Hello {t("y")} · {"Read more"} <span aria-hidden="true">↩</span> {count} —<input placeholder="https://" /></p>);
      }`;
    expect(hardCodedText(path.join(ROOT, "sample.tsx"), sample)).toEqual([
      'sample.tsx:3 title="Close"',
      'sample.tsx:3 text "Hello"',
      'sample.tsx:3 text {"Read more"}',
    ]);
  });
});
