import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES, clientMessages, type ClientScope } from "@/i18n/clientMessages";
import en from "./en.json";

/**
 * The server hands client components only some message namespaces (i18n/clientMessages.ts): the site's in the
 * locale layout, a page's own through <ClientMessages scopes={[…]}>. A client component reading a namespace its
 * page does not pass would show raw keys in production. So, for every route file under app/: follow its imports;
 * every file that is client code ("use client", or imported from client code) may call useTranslations only with
 * a namespace of the site or of a scope that the route's server files pass to ClientMessages.
 */

const ROOT = path.resolve(__dirname, "..");
const ROUTE_FILES = /^(page|layout|not-found|error|global-error|template|default|loading)\.tsx?$/;

interface SourceFacts {
  imports: string[];
  client: boolean;
  /** useTranslations("X…") namespaces; "*" for a call whose namespace is not a string literal. */
  namespaces: string[];
  /** Scopes named in <ClientMessages scopes={["a", "b"]}>. */
  scopes: string[];
}

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const facts = new Map<string, SourceFacts>();

function factsOf(file: string): SourceFacts {
  const known = facts.get(file);
  if (known) return known;
  const text = fs.readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const first = source.statements[0];
  const client = !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use client";
  // Static and dynamic imports (next/dynamic's import("…") included).
  const imports = ts
    .preProcessFile(text, true, true)
    .importedFiles.map((i) => resolveImport(file, i.fileName))
    .filter((f): f is string => f !== null);
  const namespaces: string[] = [];
  const scopes: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "useTranslations") {
      const arg = node.arguments[0];
      namespaces.push(arg && ts.isStringLiteralLike(arg) ? arg.text.split(".")[0] : "*");
    }
    if ((ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) && node.tagName.getText(source) === "ClientMessages") {
      for (const attr of node.attributes.properties) {
        if (!ts.isJsxAttribute(attr) || attr.name.getText(source) !== "scopes") continue;
        const init = attr.initializer;
        const expr = init && ts.isJsxExpression(init) ? init.expression : undefined;
        if (expr && ts.isArrayLiteralExpression(expr)) for (const el of expr.elements) scopes.push(ts.isStringLiteralLike(el) ? el.text : "*");
        else scopes.push("*");
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const result = { imports, client, namespaces, scopes };
  facts.set(file, result);
  return result;
}

/** Namespaces the route's client code uses (with the file using each) and the scopes its server code passes. */
function analyseRoute(entry: string): { used: Map<string, string>; scopes: Set<string> } {
  const used = new Map<string, string>();
  const scopes = new Set<string>();
  const seen = new Set<string>();
  const walk = (file: string, inClient: boolean) => {
    const f = factsOf(file);
    const client = inClient || f.client;
    const key = `${file}|${client}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (client) for (const ns of f.namespaces) if (!used.has(ns)) used.set(ns, path.relative(ROOT, file));
    if (!client) for (const s of f.scopes) scopes.add(s);
    for (const next of f.imports) walk(next, client);
  };
  walk(entry, false);
  return { used, scopes };
}

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return ROUTE_FILES.test(e.name) ? [full] : [];
  });
}

const routes = routeFiles(path.join(ROOT, "app"));
const scopeNames = Object.keys(CLIENT_NAMESPACES).filter((s) => s !== "site") as ClientScope[];

describe("message namespaces passed to client components", () => {
  it("finds the app's routes and their client components", () => {
    const reader = routes.find((f) => f.endsWith(path.join("read", "page.tsx")));
    expect(reader).toBeDefined();
    // The reader's panes and notes are client components reading the Reader and Annotations namespaces.
    const { used } = analyseRoute(reader!);
    expect([...used.keys()]).toEqual(expect.arrayContaining(["Reader", "Annotations", "LocaleSwitcher"]));
  });

  it.each(routes.map((f) => [path.relative(ROOT, f), f]))("%s: every namespace its client code uses is passed", (_name, file) => {
    const { used, scopes } = analyseRoute(file);
    const unknownScopes = [...scopes].filter((s) => !scopeNames.includes(s as ClientScope));
    expect(unknownScopes, "ClientMessages scopes must be array literals of names in i18n/clientMessages.ts").toEqual([]);
    const passed = new Set<string>([...CLIENT_NAMESPACES.site, ...[...scopes].flatMap((s) => CLIENT_NAMESPACES[s as ClientScope])]);
    const missing = [...used]
      .filter(([ns]) => !passed.has(ns))
      .map(([ns, file]) => (ns === "*" ? `useTranslations without a literal namespace in ${file}` : `${ns} (used in ${file})`));
    expect(missing, "add the namespace to the page's scope in i18n/clientMessages.ts, or wrap the component in <ClientMessages scopes={[…]}>").toEqual([]);
  });

  it("lists no namespace that no client component uses, and only namespaces that exist", () => {
    const usedAnywhere = new Set(routes.flatMap((f) => [...analyseRoute(f).used.keys()]));
    for (const [scope, namespaces] of Object.entries(CLIENT_NAMESPACES)) {
      for (const ns of namespaces) {
        expect(Object.keys(en), `${scope}: ${ns}`).toContain(ns);
        expect(usedAnywhere.has(ns), `${scope}: ${ns} is passed but no client component uses it`).toBe(true);
      }
    }
  });

  it("passes the site's namespaces plus the page's, and nothing else", () => {
    const messages = en as unknown as Record<string, unknown>;
    const reader = clientMessages(messages, ["reader"]);
    expect(Object.keys(reader).sort()).toEqual([...CLIENT_NAMESPACES.site, ...CLIENT_NAMESPACES.reader].sort());
    expect(reader.Reader).toBe(messages.Reader);
    expect(Object.keys(clientMessages(messages)).sort()).toEqual([...CLIENT_NAMESPACES.site].sort());
    // Far less than every message: that is the point.
    expect(JSON.stringify(reader).length).toBeLessThan(JSON.stringify(messages).length * 0.6);
  });
});
