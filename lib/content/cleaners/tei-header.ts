/**
 * The teiHeader as document metadata: title, author, date, language, source description and licence.
 * Each value is read from the places editions actually put it (FRUS, the DTA base format, DraCor, TEI Lite),
 * in order of precision. A language the uploader chose is never overridden.
 */
import { LANGUAGES, type DocumentMeta, type Language } from "../types";
import { localName, type ElementNode, type XmlNode } from "./tei-xml";

export function elements(node: ElementNode, name?: string): ElementNode[] {
  return node.children.filter((c): c is ElementNode => c.kind === "element" && (name === undefined || c.name === name));
}

/** All text inside a node (iterative: the tree may be deep). */
export function textOf(node: XmlNode): string {
  if (node.kind === "text") return node.value;
  if (node.kind !== "element") return "";
  let out = "";
  const stack: XmlNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === "text") out += n.value;
    else if (n.kind === "element") for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

export function collapse(s: string): string | null {
  const t = s.replace(/\s+/g, " ").trim();
  return t === "" ? null : t;
}

function path(node: ElementNode | undefined, ...names: string[]): ElementNode | undefined {
  let cur = node;
  for (const n of names) cur = cur ? elements(cur, n)[0] : undefined;
  return cur;
}

/** Every descendant element with this name, in document order (iterative). */
export function descendants(node: ElementNode | undefined, name: string): ElementNode[] {
  if (!node) return [];
  const out: ElementNode[] = [];
  const stack: ElementNode[] = [...elements(node)].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.name === name) out.push(n);
    const kids = elements(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

/**
 * ISO 639-1 for the interface's text languages, from what headers write: ISO 639-2/B and /T ("deu", "ger"),
 * 639-1 ("de"), BCP 47 with a region or script ("de-DE", "ru-Latn"), and historical German varieties the DTA
 * tags with their own 639-3 codes (Middle/Early New High German).
 */
const LANGUAGE_CODES: Record<string, Language> = {
  de: "de",
  deu: "de",
  ger: "de",
  gmh: "de",
  goh: "de",
  nds: "de",
  en: "en",
  eng: "en",
  enm: "en",
  ru: "ru",
  rus: "ru",
};

export function languageOf(code: string | undefined): Language | null {
  if (!code) return null;
  const base = code.trim().toLowerCase().split(/[-_]/)[0];
  const lang = LANGUAGE_CODES[base];
  return lang && (LANGUAGES as readonly string[]).includes(lang) ? lang : null;
}

/** "1944-07-26", "1944-07", "1944" from @when (or a leading ISO date in the text, "2022-01-07T15:32:25Z"). */
export function isoDate(value: string | null | undefined): string | null {
  const m = value?.trim().match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/);
  if (!m) return null;
  if (m[2] && (+m[2] < 1 || +m[2] > 12)) return m[1];
  if (m[3] && (+m[3] < 1 || +m[3] > 31)) return `${m[1]}-${m[2]}`;
  return m[0];
}

function dateOf(el: ElementNode | undefined): string | null {
  if (!el) return null;
  const when = isoDate(el.attrs.when);
  if (when) return when;
  // a range ("notBefore 1944-03-18, notAfter 1944-09-26"): what both ends share, down to the year
  const a = isoDate(el.attrs.notBefore ?? el.attrs.from);
  const z = isoDate(el.attrs.notAfter ?? el.attrs.to);
  if (a && z) {
    const parts = [];
    const [pa, pz] = [a.split("-"), z.split("-")];
    for (let i = 0; i < Math.min(pa.length, pz.length) && pa[i] === pz[i]; i++) parts.push(pa[i]);
    if (parts.length) return parts.join("-");
  }
  return a ?? z ?? isoDate(collapse(textOf(el)));
}

/** A person's name as read: forename(s) before surname when the edition splits them. */
function personName(el: ElementNode): string | null {
  const pers = el.name === "persName" ? el : elements(el, "persName")[0];
  if (pers) {
    const fore = elements(pers, "forename")
      .map((f) => collapse(textOf(f)))
      .filter(Boolean);
    const sur = elements(pers, "surname")
      .map((f) => collapse(textOf(f)))
      .filter(Boolean);
    if (fore.length || sur.length) return [...fore, ...sur].join(" ");
  }
  return collapse(textOf(el));
}

const SOURCE_LIMIT = 600;

export function headerMeta(header: ElementNode | undefined, root: ElementNode, told: Partial<DocumentMeta>): Partial<DocumentMeta> {
  const meta: Partial<DocumentMeta> = {};
  const fileDesc = path(header, "fileDesc");
  const titleStmt = path(fileDesc, "titleStmt");
  const titles = titleStmt ? elements(titleStmt, "title").filter((t) => collapse(textOf(t))) : [];
  const main =
    titles.find(
      (t) => (t.attrs.type === "main" || !t.attrs.type) && (!t.attrs["xml:lang"] || languageOf(t.attrs["xml:lang"]) === languageOf(root.attrs["xml:lang"])),
    ) ??
    titles.find((t) => t.attrs.type === "complete" || t.attrs.type === "main" || !t.attrs.type) ??
    titles[0];
  if (main) meta.title = collapse(textOf(main));
  const sub = titles.find((t) => t.attrs.type === "sub" && (!t.attrs["xml:lang"] || t.attrs["xml:lang"] === main?.attrs["xml:lang"]));
  if (sub) meta.subtitle = collapse(textOf(sub));
  const authors = titleStmt
    ? elements(titleStmt, "author")
        .map(personName)
        .filter((a): a is string => !!a)
    : [];
  if (authors.length) meta.author = authors.join(", ");

  const profile = path(header, "profileDesc");
  const text = elements(root, "text")[0];
  const language = descendants(path(profile, "langUsage"), "language")[0];
  const lang = languageOf(language?.attrs.ident) ?? languageOf(text?.attrs["xml:lang"]) ?? languageOf(root.attrs["xml:lang"]);
  if (lang) meta.lang = lang;

  const sourceDesc = path(fileDesc, "sourceDesc");
  const bibl = sourceDesc ? elements(sourceDesc).find((e) => e.name === "bibl" || e.name === "biblStruct" || e.name === "msDesc") : undefined;
  const source = collapse(textOf(bibl ?? sourceDesc ?? { kind: "text", start: 0, end: 0, value: "" }));
  if (source) meta.source = source.length > SOURCE_LIMIT ? `${source.slice(0, SOURCE_LIMIT - 1)}…` : source;

  // The text's own date first (when it was written or sent), the edition's publication date last.
  const publicationStmt = path(fileDesc, "publicationStmt");
  const pubDates = publicationStmt ? elements(publicationStmt, "date") : [];
  const sent = descendants(path(profile, "correspDesc"), "correspAction").find((a) => a.attrs.type === "sent");
  const date =
    dateOf(descendants(path(profile, "creation"), "date")[0]) ??
    dateOf(sent ? descendants(sent, "date")[0] : undefined) ??
    descendants(sourceDesc, "date")
      .map(dateOf)
      .find((d) => d !== null) ??
    dateOf(pubDates.find((d) => /content|creation/.test(d.attrs.type ?? ""))) ??
    pubDates.map(dateOf).find((d) => d !== null) ??
    null;
  if (date) meta.date = date;

  const licence = descendants(publicationStmt, "licence")[0] ?? descendants(publicationStmt, "availability")[0];
  if (licence) {
    const words = collapse(textOf(licence));
    const target = (licence.attrs.target ?? descendants(licence, "ref").find((r) => r.attrs.target)?.attrs.target)?.trim();
    const both = [words && words !== "Licence" ? words : null, target && !(words ?? "").includes(target) ? target : null].filter(Boolean).join(" — ");
    if (both) meta.licence = both;
  }

  // The language the uploader chose wins (the header's is for when they left it "as the file says"); title,
  // author and source from the file win over the form's, which asks for them only "when the file does not give one".
  if (told.lang) delete meta.lang;
  return meta;
}

export { localName };
