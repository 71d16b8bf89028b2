import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import YAML from "yaml";
import { ContentError } from "./errors";
import { checkFidelity } from "./fidelity";
import { buildCorpus, buildMemorySource, diffCorpus, readRaw, writeCorpus } from "./pipeline";
import { loadCorpus } from "./store";
import { documentText } from "./text";
import { CORPUS_CLEANERS } from "@/content/cleaners";
import { builtCorpus, CONTENT_DIR } from "@/content/cleaners/testing/seeds";

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});

/**
 * A private copy of content/ (sources and the checked-in documents). `small` leaves out the two largest seeds
 * (forum, Bayerlein) to keep the many error cases fast; the checks they exercise do not depend on them.
 */
function contentCopy(small = false): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "synopse-content-"));
  temps.push(dir);
  for (const sub of ["sources", "documents"]) fs.cpSync(path.join(CONTENT_DIR, sub), path.join(dir, sub), { recursive: true });
  if (small)
    for (const stem of ["000_a3945c46a9b6b89e", "004_a014d9392aadb155"])
      for (const ext of [".txt", ".meta.yaml"]) fs.rmSync(path.join(dir, "sources", stem + ext));
  return dir;
}

/** What `npm run content:build` does: build everything, and write only if that succeeded. */
function build(dir: string): void {
  writeCorpus(dir, buildCorpus(dir, { cleaners: CORPUS_CLEANERS }));
}

function snapshot(dir: string): Record<string, string> {
  const docs = path.join(dir, "documents");
  return Object.fromEntries(
    fs
      .readdirSync(docs)
      .sort()
      .map((n) => [
        n,
        crypto
          .createHash("sha256")
          .update(fs.readFileSync(path.join(docs, n)))
          .digest("hex"),
      ]),
  );
}

describe("the corpus as checked in", () => {
  const corpus = builtCorpus();

  it("builds all five seeds", () => {
    expect(corpus.documents.map((d) => d.source.rawFile)).toEqual([
      "000_a3945c46a9b6b89e.txt",
      "001_4caae025eab4fa67.txt",
      "002_226d549f36d5af05.txt",
      "003_54a770377201e0ba.txt",
      "004_a014d9392aadb155.txt",
    ]);
  });

  it("keeps the raw seeds byte-for-byte (each pinned by the sha256 in its meta file)", () => {
    for (const d of corpus.documents) {
      const stem = d.source.rawFile.replace(/\.[^.]*$/, "");
      const meta = YAML.parse(fs.readFileSync(path.join(CONTENT_DIR, "sources", `${stem}.meta.yaml`), "utf8")) as { sha256?: string };
      const bytes = fs.readFileSync(path.join(CONTENT_DIR, "sources", d.source.rawFile));
      expect(meta.sha256, `${stem}.meta.yaml pins no sha256`).toMatch(/^[0-9a-f]{64}$/);
      expect(crypto.createHash("sha256").update(bytes).digest("hex"), d.source.rawFile).toBe(meta.sha256);
    }
  });

  it("is faithful: checkFidelity returns [] for every seed", () => {
    for (const d of corpus.documents) expect(checkFidelity(readRaw(d.source.rawPath), d.result), d.doc.meta.slug).toEqual([]);
  });

  it("versions each document by the sha256 of its plain text", () => {
    for (const { doc } of corpus.documents) expect(doc.version).toBe(crypto.createHash("sha256").update(documentText(doc).text).digest("hex").slice(0, 16));
  });

  it("matches content/documents (run npm run content:build after changing a cleaner)", () => {
    expect(diffCorpus(CONTENT_DIR, corpus)).toEqual([]);
  });

  it("gives every block raw lines and a unique id, and every metadata field the issue asks for", () => {
    for (const { doc } of corpus.documents) {
      expect(new Set(doc.blocks.map((b) => b.id)).size).toBe(doc.blocks.length);
      for (const b of doc.blocks) if (b.footnote?.status !== "missing") expect(b.lines.length, `${doc.meta.slug} ${b.id}`).toBeGreaterThan(0);
      for (const key of ["title", "author", "lang", "date", "kind", "source"]) expect(doc.meta).toHaveProperty(key);
    }
  });
});

describe("determinism", () => {
  it("builds identical bytes twice", () => {
    const a = contentCopy();
    const b = contentCopy();
    fs.rmSync(path.join(b, "documents"), { recursive: true });
    build(a);
    build(b);
    build(b);
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(snapshot(a)).toEqual(snapshot(CONTENT_DIR));
  });
});

describe("adding a text", () => {
  it("builds a Markdown file with front matter into a document", () => {
    const dir = contentCopy(true);
    fs.writeFileSync(
      path.join(dir, "sources", "seminar-notes.md"),
      [
        "---",
        "title: Seminar notes",
        "author: A. Student",
        "lang: de",
        "date: 2024-05-03",
        "kind: essay",
        "source: Written for the seminar",
        "---",
        "",
        "## Erster Teil",
        "",
        "Ein *kurzer* Absatz mit [Link](https://example.org) und Fußnote.[^a]",
        "Zweite Zeile.",
        "",
        "> Ein Zitat.",
        "",
        "1. Punkt eins",
        "2. Punkt zwei",
        "",
        "[^a]: Die Anmerkung.",
        "",
      ].join("\n"),
    );
    build(dir);
    const doc = loadCorpus(path.join(dir, "documents")).bySlug.get("seminar-notes")!;
    expect(doc.meta).toMatchObject({
      title: "Seminar notes",
      author: "A. Student",
      lang: "de",
      date: "2024-05-03",
      kind: "essay",
      rawFile: "seminar-notes.md",
    });
    expect(doc.blocks.map((b) => [b.id, b.type, b.text])).toEqual([
      ["h1", "heading", "Erster Teil"],
      ["p1", "paragraph", "Ein kurzer Absatz mit Link und Fußnote. Zweite Zeile."],
      ["q1", "quote", "Ein Zitat."],
      ["li1", "list-item", "Punkt eins"],
      ["li2", "list-item", "Punkt zwei"],
      ["fna", "footnote", "Die Anmerkung."],
    ]);
    expect(doc.blocks[1].marks).toEqual([
      { kind: "em", start: 4, end: 10 },
      { kind: "link", start: 22, end: 26, href: "https://example.org" },
      { kind: "footnote-ref", at: 39, footnoteId: "fna", label: "a" },
    ]);
    expect(doc.blocks[0].lines).toEqual([[10, 10]]);
    expect(doc.blocks[1].lines).toEqual([[12, 13]]);
  });

  it("builds a plain text file with a meta file into a document", () => {
    const dir = contentCopy(true);
    fs.writeFileSync(path.join(dir, "sources", "brief.txt"), "Erster Absatz\nüber zwei Zeilen.[^1]\n\nZweiter Absatz.\n\n[^1]: Eine Anmerkung.\n");
    fs.writeFileSync(path.join(dir, "sources", "brief.meta.yaml"), "kind: article\nlang: de\ntitle: Ein Brief\nsource: Privatbrief\n");
    build(dir);
    const doc = loadCorpus(path.join(dir, "documents")).bySlug.get("brief")!;
    expect(doc.meta).toMatchObject({ title: "Ein Brief", author: null, date: null, lang: "de", kind: "article", rawFile: "brief.txt" });
    expect(doc.blocks.map((b) => b.text)).toEqual(["Erster Absatz über zwei Zeilen.", "Zweiter Absatz.", "Eine Anmerkung."]);
    expect(doc.blocks[2].footnote).toEqual({ label: "1", status: "ok", refs: ["p1"] });
    expect(fs.readFileSync(path.join(dir, "documents", "brief.removals.md"), "utf8")).toContain("footnote label");
  });
});

describe("malformed input stops the build with file and line, and leaves content/documents untouched", () => {
  const FM = (lines: string[]) => ["---", ...lines, "---", "", "Body text.", ""].join("\n");
  const VALID = ["title: T", "lang: en", "kind: essay", "source: S"];
  const cases: Array<{ name: string; files: Record<string, string | Buffer>; at: string; message: RegExp }> = [
    { name: "missing front matter", files: { "no-fm.md": "Just a paragraph.\n" }, at: "sources/no-fm.md:1:", message: /missing front matter/ },
    {
      name: "invalid front matter (YAML syntax)",
      files: { "bad-yaml.md": FM(["title: T", "lang: [en", "kind: essay", "source: S"]) },
      at: "sources/bad-yaml.md:",
      message: /invalid YAML/,
    },
    {
      name: "front matter without a required key",
      files: { "no-source.md": FM(["title: T", "lang: en", "kind: essay"]) },
      at: "sources/no-source.md:2:",
      message: /missing required key "source"/,
    },
    { name: "unknown key in front matter", files: { "extra.md": FM([...VALID, "colour: red"]) }, at: "sources/extra.md:6:", message: /unknown key "colour"/ },
    {
      name: "unknown language (front matter)",
      files: { "french.md": FM(["title: T", "lang: fr", "kind: essay", "source: S"]) },
      at: "sources/french.md:3:",
      message: /unknown language "fr"/,
    },
    {
      name: "unknown language (meta file)",
      files: { "note.txt": "Text.\n", "note.meta.yaml": "kind: essay\nsource: S\nlang: klingon\n" },
      at: "sources/note.meta.yaml:3:",
      message: /unknown language "klingon"/,
    },
    { name: "bad date", files: { "dated.md": FM([...VALID, "date: May 2020"]) }, at: "sources/dated.md:6:", message: /date must be YYYY/ },
    { name: "empty file", files: { "empty.md": "" }, at: "sources/empty.md:1:", message: /file is empty/ },
    {
      name: "blank file",
      files: { "blank.txt": "\n  \n", "blank.meta.yaml": "kind: essay\nlang: en\nsource: S\n" },
      at: "sources/blank.txt:1:",
      message: /file is empty/,
    },
    {
      name: "binary file",
      files: { "scan.txt": Buffer.from([0x61, 0x62, 0x0a, 0x63, 0x00, 0xff]), "scan.meta.yaml": "kind: essay\nlang: en\nsource: S\n" },
      at: "sources/scan.txt:2:",
      message: /binary file/,
    },
    {
      name: "invalid UTF-8",
      files: { "latin1.md": Buffer.concat([Buffer.from(FM(VALID)), Buffer.from([0x0a, 0x4d, 0xfc, 0x6c, 0x6c, 0x0a])]) },
      at: "sources/latin1.md:10:",
      message: /not valid UTF-8/,
    },
    {
      name: "footnote reference without a note (Markdown)",
      files: { "notes.md": ["---", ...VALID, "---", "", "Text with a note.[^1]", "", "More text.[^2]", "", "[^1]: Only one.", ""].join("\n") },
      at: "sources/notes.md:10:",
      message: /footnote reference \[\^2\] has no footnote/,
    },
    {
      name: "footnote reference without a note (plain text)",
      files: { "plain.txt": "Para one.\n\nPara two[^x] here.\n", "plain.meta.yaml": "kind: essay\nlang: en\nsource: S\n" },
      at: "sources/plain.txt:3:",
      message: /footnote reference \[\^x\] has no footnote/,
    },
    {
      name: "duplicate slug",
      files: { "mastny-separate-peace.md": FM(VALID) },
      at: "sources/mastny-separate-peace.md:1:",
      message: /duplicate slug "mastny-separate-peace": already used by .*003_54a770377201e0ba\.meta\.yaml/,
    },
    {
      name: "duplicate slug declared in a meta file",
      files: { "copy.txt": "Text.\n", "copy.meta.yaml": "# a copy\nslug: alliierte-zusammenarbeit-1944-45\nkind: article\nlang: de\nsource: S\n" },
      at: "sources/copy.meta.yaml:2:",
      message: /duplicate slug "alliierte-zusammenarbeit-1944-45"/,
    },
    { name: "file name that is not a slug", files: { "My Notes.md": FM(VALID) }, at: "sources/My Notes.md:1:", message: /not a valid slug/ },
    { name: "plain text without metadata", files: { "orphan.txt": "Text.\n" }, at: "sources/orphan.txt:1:", message: /no metadata: add orphan\.meta\.yaml/ },
    {
      name: "meta file without raw file",
      files: { "ghost.meta.yaml": "kind: essay\nlang: en\nsource: S\n" },
      at: "sources/ghost.meta.yaml:1:",
      message: /no raw file ghost\.\*/,
    },
    {
      name: "unknown cleaner",
      files: { "odd.txt": "Text.\n", "odd.meta.yaml": "kind: essay\nlang: en\nsource: S\ncleaner: magic\n" },
      at: "sources/odd.meta.yaml:4:",
      message: /unknown cleaner "magic"/,
    },
    {
      name: "unsupported Markdown",
      files: { "table.md": ["---", ...VALID, "---", "", "| a | b |", "| - | - |", "| 1 | 2 |", ""].join("\n") },
      at: "sources/table.md:8:",
      message: /unsupported Markdown \(table\)/,
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const dir = contentCopy(true);
      const before = snapshot(dir);
      for (const [name, content] of Object.entries(c.files)) fs.writeFileSync(path.join(dir, "sources", name), content);
      let error: unknown = null;
      try {
        build(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ContentError);
      const message = (error as ContentError).message;
      expect(message).toContain(path.join(dir, c.at.split(":")[0]) + ":" + c.at.split(":").slice(1).join(":"));
      expect(message).toMatch(c.message);
      expect(snapshot(dir)).toEqual(before);
      expect(fs.readdirSync(dir).filter((n) => n.startsWith(".documents"))).toEqual([]);
    });
  }
});

describe("every document has a name", () => {
  const upload = (text: string) =>
    buildMemorySource({
      fileName: "clipping.txt",
      bytes: Buffer.from(text),
      slug: "clipping",
      meta: { kind: "article", lang: "de", source: "Zeitungsausschnitt" },
    }).doc.meta;

  it("supplies a bracketed title from the opening words of a text that has none", () => {
    expect(upload("Am 3. Oktober 1990 trat die DDR der Bundesrepublik bei, nach langen Verhandlungen.\n\nZweiter Absatz.\n").title).toBe(
      "[Am 3. Oktober 1990 trat die DDR der …]",
    );
    expect(upload("Kurz und bündig.\n").title).toBe("[Kurz und bündig.]");
    expect(upload("Erstens, zweitens, drittens, viertens, fünftens, sechstens, siebtens, achtens, neuntens.\n").title).toBe(
      "[Erstens, zweitens, drittens, viertens, fünftens, sechstens, siebtens, achtens …]",
    );
  });

  it("keeps a corpus meta file's supplied title and spelling over what the print says", () => {
    const meta = new Map(builtCorpus().documents.map((d) => [d.doc.meta.slug, d.doc.meta]));
    expect(meta.get("alliierte-zusammenarbeit-1944-45")?.title).toBe("[Die Zusammenarbeit der Anti-Hitler-Koalition 1944/45]");
    expect(meta.get("mastny-separate-peace")?.author).toBe("Vojtěch Mastný");
  });
});
