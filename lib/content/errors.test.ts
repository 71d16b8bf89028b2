/**
 * Problems in content files are codes with parameters and a line, so the upload page can say them in the
 * instructor's language: every code has a well-formed message in en, de and ru, and the cleaners report
 * the codes (with what the instructor needs to find the spot) rather than English sentences only.
 */
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import { CONTENT_ERROR_CODES, ContentError, type ContentErrorCode, type ContentErrorParams } from "./errors";
import { cleanMarkdownSource } from "./cleaners/markdown-source";
import { cleanTei } from "./cleaners/tei";
import { buildMemorySource } from "./pipeline";
import { SAMPLE_TEI } from "./testing/tei-sample";

const MESSAGES = { de: de.ContentErrors, en: en.ContentErrors, ru: ru.ContentErrors } as Record<string, Record<string, string>>;

function problemOf(run: () => unknown): { line: number; code: ContentErrorCode; params: ContentErrorParams; message: string } {
  try {
    run();
  } catch (e) {
    if (e instanceof ContentError) return { line: e.line, code: e.code, params: e.params, message: e.message };
    throw e;
  }
  throw new Error("no error");
}

/** What the upload page shows: the message of the code in that language, with the parameters filled in. */
function say(locale: "de" | "en" | "ru", p: { code: ContentErrorCode; params: ContentErrorParams }): string {
  return String(new IntlMessageFormat(MESSAGES[locale][p.code], locale).format(p.params));
}

const tei = (raw: string) => problemOf(() => cleanTei(raw, { file: "up.xml", meta: {} }));

describe("content error messages", () => {
  it.each(["de", "en", "ru"])("%s has a well-formed message for every code, and no message without a code", (locale) => {
    expect(Object.keys(MESSAGES[locale]).sort()).toEqual([...CONTENT_ERROR_CODES].sort());
    const params = new Proxy({}, { get: (_t, key) => (key === "construct" ? "table" : `«${String(key)}»`), has: () => true }) as ContentErrorParams;
    for (const code of CONTENT_ERROR_CODES) {
      const params_ = Object.fromEntries([...MESSAGES.en[code].matchAll(/\{(\w+)/g)].map((m) => [m[1], params[m[1]]]));
      const text = say(locale as "de", { code, params: params_ });
      expect(typeof text, `${locale} ${code}`).toBe("string");
      expect(text, `${locale} ${code}`).not.toMatch(/[{}]/);
    }
  });

  it("the English message is what the command line prints after file and line", () => {
    const p = tei(SAMPLE_TEI.replace("<lb/>", "<lb>"));
    expect(p.message).toBe(`up.xml:21: ${say("en", p)}`);
  });
});

describe("TEI problems name the line and what is wrong there", () => {
  it("a closing tag that does not match: which tag was found, which element is open", () => {
    const p = tei(SAMPLE_TEI.replace("<lb/>", "<lb>"));
    expect(p).toMatchObject({ line: 21, code: "xml-close-tag-mismatch", params: { found: "p", expected: "lb" } });
    expect(say("de", p)).toBe("Fehlerhaftes XML: Das schließende Tag </p> passt nicht zum offenen Element <lb>.");
    expect(say("ru", p)).toBe("Ошибка в XML: закрывающий тег </p> не соответствует открытому элементу <lb>.");
  });

  it("an element never closed: the line of its start tag, not the end of the file", () => {
    const p = tei("<TEI>\n<text>\n<body>\n<p>Anfang\n<hi>offen\n");
    expect(p).toMatchObject({ code: "xml-unclosed-tag", line: 5, params: { element: "hi" } });
    expect(say("de", p)).toBe("Fehlerhaftes XML: <hi> wird hier geöffnet, aber nie geschlossen.");
  });

  it("an undefined entity is named", () => {
    const p = tei("<TEI>\n<text>\n<body><p>a &nbsp; b</p></body></text></TEI>");
    expect(p).toMatchObject({ line: 3, code: "xml-undefined-entity", params: { entity: "nbsp" } });
    expect(say("de", p)).toContain("&nbsp;");
  });

  it("not TEI, unsafe or too deep: the line and a translated reason", () => {
    expect(tei("<html><body/></html>")).toMatchObject({ line: 1, code: "tei-wrong-root", params: { element: "html" } });
    const doctype = tei(`<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x "y">]>\n<TEI><text><body><p>a</p></body></text></TEI>`);
    expect(doctype).toMatchObject({ line: 2, code: "xml-doctype" });
    expect(say("de", doctype)).toContain("DOCTYPE");
    const deep = tei(`<TEI><text><body>\n${"<hi>".repeat(20_000)}x${"</hi>".repeat(20_000)}</body></text></TEI>`);
    expect(deep).toMatchObject({ line: 2, code: "xml-too-deep" });
    expect(say("ru", deep)).toMatch(/глубже \d+ уровней/);
  });

  it("a TEI file that does not say its language asks for one (when the uploader gave none)", () => {
    const noLanguage = SAMPLE_TEI.replace('<profileDesc><langUsage><language ident="de">Deutsch</language></langUsage></profileDesc>', "");
    const p = problemOf(() =>
      buildMemorySource({ fileName: "brief.xml", bytes: Buffer.from(noLanguage), slug: "brief", meta: { kind: "essay", source: "x" } }),
    );
    expect(p.code).toBe("language-unknown");
    expect(() =>
      buildMemorySource({ fileName: "brief.xml", bytes: Buffer.from(noLanguage), slug: "brief", meta: { kind: "essay", source: "x", lang: "de" } }),
    ).not.toThrow();
  });
});

describe("Markdown problems", () => {
  const md = (...body: string[]) => ["---", "title: T", "lang: de", "kind: essay", "source: S", "---", "", ...body, ""].join("\n");
  const clean = (raw: string) => problemOf(() => cleanMarkdownSource(raw, { file: "t.md", meta: {} }));

  it("front matter: the key and its line", () => {
    expect(clean(md("Text.").replace("lang: de", "lang: fr"))).toMatchObject({
      line: 3,
      code: "meta-unknown-language",
      params: { key: "lang", value: "fr", allowed: "de, en, ru" },
    });
    expect(clean(md("Text.").replace("source: S\n", ""))).toMatchObject({ code: "meta-missing-key", params: { key: "source" } });
    expect(clean(md("Text.").replace("title: T", "title:"))).toMatchObject({ line: 2, code: "meta-empty-value", params: { key: "title" } });
    expect(clean(md("Text.").replace("kind: essay", "kind: essay\ncolour: red"))).toMatchObject({
      line: 5,
      code: "meta-unknown-key",
      params: { key: "colour" },
    });
    expect(clean("Just text.\n")).toMatchObject({ line: 1, code: "front-matter-missing" });
  });

  it("unsupported constructs are named in the reader's language", () => {
    const p = clean(md("| a | b |", "| - | - |", "| 1 | 2 |"));
    expect(p).toMatchObject({ line: 8, code: "markdown-unsupported", params: { construct: "table" } });
    expect(say("de", p)).toMatch(/^Nicht unterstütztes Markdown \(Tabelle\)/);
    expect(say("ru", p)).toMatch(/^Неподдерживаемый Markdown \(таблица\)/);
  });
});
