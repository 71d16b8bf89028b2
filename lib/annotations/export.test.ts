/**
 * Exports as a reader would use them: what a student's export may contain, the W3C model's MUSTs, CSV a
 * spreadsheet reads correctly, a Markdown report in reading order, and JSON-LD that imports without loss.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDocumentCatalog, staticCatalog } from "@/lib/seminars/catalog";
import { createTestUser, setupTestDatabase, testDocument, type TestDatabase } from "./testing/db";
import type { AnnotationDto } from "./types";
import { micromark } from "micromark";
import { executableHtml, XSS_PAYLOADS } from "./testing/xss-payloads";

type Store = typeof import("./store");
type Lists = typeof import("./list");
type Exporter = typeof import("./export");
type Seminars = typeof import("@/lib/seminars");

const essay = testDocument("essay-en", ["The separate peace was never signed.", "Stalin probed Berlin twice in 1943."], "en");
const aufsatz = testDocument("aufsatz-de", ["Der Separatfrieden wurde nie geschlossen.", "Stalin sondierte zweimal."], "de");

let testDb: TestDatabase;
let store: Store;
let lists: Lists;
let exporter: Exporter;
let seminars: Seminars;
let instructor: { id: string }, alice: { id: string }, bob: { id: string }, outsider: { id: string };
let seminarId: string, otherSeminarId: string, copySeminarId: string;
const notes: Record<string, AnnotationDto> = {};

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(staticCatalog([essay, aufsatz]));
  store = await import("./store");
  lists = await import("./list");
  exporter = await import("./export");
  seminars = await import("@/lib/seminars");
  instructor = await createTestUser("Irene");
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
  outsider = await createTestUser("Olga");
  const s = await seminars.createSeminar(instructor.id, { title: "Separatfrieden 1941–1943", documents: ["essay-en", "aufsatz-de"] });
  seminarId = s.id;
  await seminars.joinByInvite(alice.id, s.inviteCode);
  await seminars.joinByInvite(bob.id, s.inviteCode);
  const other = await seminars.createSeminar(outsider.id, { title: "Another seminar", documents: ["essay-en"] });
  otherSeminarId = other.id;
  await seminars.joinByInvite(bob.id, other.inviteCode);
  const copy = await seminars.createSeminar(alice.id, { title: "Alice's copy", documents: ["essay-en", "aufsatz-de"] });
  copySeminarId = copy.id;

  // Created out of reading order on purpose: the report must sort passages by position.
  notes.later = await store.createAnnotation(alice.id, seminarId, {
    target: { documentSlug: "essay-en", blockId: "p2", blockStart: 0, blockEnd: 6 },
    body: '<p>Twice, "really"? Sources, please.</p><p>Second line, with a comma.</p>',
    tags: ["Quellenkritik", "Datierung"],
  });
  notes.earlier = await store.createAnnotation(alice.id, seminarId, {
    target: { documentSlug: "essay-en", blockId: "p1", blockStart: 4, blockEnd: 17 },
    body: "<p>=SUM(A1) is not a formula here</p>",
  });
  notes.highlight = await store.createAnnotation(alice.id, seminarId, {
    motivation: "highlighting",
    target: { documentSlug: "aufsatz-de", blockId: "p2", blockStart: 0, blockEnd: 6 },
    tags: ["Diplomatie"],
  });
  notes.link = await store.createAnnotation(alice.id, seminarId, {
    motivation: "linking",
    relation: "paraphrase",
    target: { documentSlug: "essay-en", blockId: "p1", blockStart: 4, blockEnd: 17 },
    bodyTarget: { documentSlug: "aufsatz-de", blockId: "p1", blockStart: 4, blockEnd: 18 },
    body: "<p>Same claim in German.</p>",
  });
  notes.reply = await store.createAnnotation(instructor.id, seminarId, { parentId: notes.later.id, body: "<p>Compare Mastny.</p>" });
  notes.aliceReply = await store.createAnnotation(alice.id, seminarId, { parentId: notes.reply.id, body: "<p>Will do.</p>" });
  notes.bobPrivate = await store.createAnnotation(bob.id, seminarId, {
    visibility: "private",
    target: { documentSlug: "essay-en", blockId: "p1", blockStart: 0, blockEnd: 3 },
    body: "<p>Bob's secret thought</p>",
  });
  notes.bobPublic = await store.createAnnotation(bob.id, seminarId, {
    target: { documentSlug: "essay-en", blockId: "p2", blockStart: 7, blockEnd: 13 },
    body: "<p>Bob's public note</p>",
  });
  notes.elsewhere = await store.createAnnotation(outsider.id, otherSeminarId, {
    target: { documentSlug: "essay-en", blockId: "p1", blockStart: 0, blockEnd: 3 },
    body: "<p>From another seminar</p>",
  });
});

afterAll(async () => {
  setDocumentCatalog(null);
  await testDb?.close();
});

const exportOf = (user: { id: string }, scope: "seminar" | "mine", format: "jsonld" | "csv" | "md", seminar = seminarId) =>
  exporter.exportAnnotations(user.id, seminar, { scope, format });

describe("what an export may contain", () => {
  it("a student's export never holds a classmate's private note or another seminar's notes", async () => {
    for (const format of ["jsonld", "csv", "md"] as const) {
      const { body } = await exportOf(alice, "seminar", format);
      expect(body).not.toContain("secret thought");
      expect(body).not.toContain("another seminar");
      expect(body).toContain("public note");
    }
    // Bob himself sees his private note.
    expect((await exportOf(bob, "seminar", "csv")).body).toContain("secret thought");
  });

  it('"mine" holds only the viewer\'s own notes, highlights, links and replies', async () => {
    const { body } = await exportOf(alice, "mine", "jsonld");
    const items = (JSON.parse(body).first?.items ?? []) as Array<{ id: string; creator: { id: string } }>;
    expect(items.map((i) => i.id).sort()).toEqual(
      [notes.later, notes.earlier, notes.highlight, notes.link, notes.aliceReply].map((n) => `urn:uuid:${n.id}`).sort(),
    );
    expect(new Set(items.map((i) => i.creator.id))).toEqual(new Set([`urn:synopse:user:${alice.id}`]));
  });

  it("outsiders get not-found, and a bad format is refused", async () => {
    await expect(exportOf(outsider, "seminar", "md")).rejects.toMatchObject({ code: "not-found" });
    await expect(exporter.exportAnnotations(alice.id, seminarId, { scope: "seminar", format: "pdf" as "md" })).rejects.toMatchObject({
      code: "invalid-request",
    });
  });
});

describe("JSON-LD", () => {
  it("is one AnnotationCollection meeting the Web Annotation model's MUSTs", async () => {
    const file = await exportOf(alice, "seminar", "jsonld");
    expect(file.contentType).toContain("application/ld+json");
    expect(file.filename).toMatch(/\.jsonld$/);
    const c = JSON.parse(file.body);
    expect(c["@context"]).toContain("http://www.w3.org/ns/anno.jsonld");
    expect(c.type).toBe("AnnotationCollection");
    expect(() => new URL(c.id)).not.toThrow();
    expect(c.total).toBe(7);
    expect(c.first.items).toHaveLength(7);
    expect(c.first.type).toBe("AnnotationPage");
    for (const item of c.first.items) {
      expect(() => new URL(item.id)).not.toThrow();
      expect(item.type).toBe("Annotation");
      expect(item.target).toBeDefined();
      if (typeof item.target === "string") expect(() => new URL(item.target)).not.toThrow();
      else {
        expect(() => new URL(item.target.source)).not.toThrow();
        expect(item.target.selector.find((s: { type: string }) => s.type === "TextQuoteSelector").exact).toBeTruthy();
      }
      for (const body of [item.body ?? []].flat()) expect(["TextualBody", "SpecificResource"]).toContain(body.type);
    }
  });
});

describe("CSV", () => {
  /** A small RFC 4180 reader, so the test checks what a spreadsheet would see, not our writer's code. */
  function readCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [],
      field = "",
      quoted = false;
    // A spreadsheet takes a leading byte order mark as the encoding's signature, not as text.
    for (let i = text.startsWith("\ufeff") ? 1 : 0; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ",") {
        row.push(field);
        field = "";
      } else if (ch === "\r" && text[i + 1] === "\n") {
        row.push(field);
        rows.push(row);
        row = [];
        field = "";
        i++;
      } else field += ch;
    }
    return rows;
  }

  it("has one row per annotation and survives commas, quotes and line breaks in bodies", async () => {
    const file = await exportOf(alice, "seminar", "csv");
    expect(file.contentType).toMatch(/^text\/csv/);
    const rows = readCsv(file.body);
    const header = rows[0];
    expect(header).toEqual([...exporter.CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + 7);
    const col = (name: string) => header.indexOf(name);
    const later = rows.find((r) => r[col("id")] === notes.later.id)!;
    expect(later[col("body")]).toBe('Twice, "really"? Sources, please.\nSecond line, with a comma.');
    expect(later[col("tags")]).toBe("Datierung; Quellenkritik");
    expect(later[col("quote")]).toBe("Stalin");
    expect(later[col("document")]).toBe("essay-en");
    const link = rows.find((r) => r[col("id")] === notes.link.id)!;
    expect([link[col("relation")], link[col("linked_document")], link[col("linked_quote")]]).toEqual(["paraphrase", "aufsatz-de", "Separatfrieden"]);
    const reply = rows.find((r) => r[col("id")] === notes.reply.id)!;
    expect(reply[col("parent_id")]).toBe(notes.later.id);
    // Formula-looking cells are neutralised for spreadsheets.
    expect(rows.find((r) => r[col("id")] === notes.earlier.id)![col("body")]).toBe("'=SUM(A1) is not a formula here");
  });

  it("quotes fields per RFC 4180", () => {
    expect(exporter.csvField("plain")).toBe("plain");
    expect(exporter.csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(exporter.csvField("line\nbreak")).toBe('"line\nbreak"');
  });
});

describe("Markdown report", () => {
  it("groups by document, then passage in text order, with quotes, notes, replies and links under both ends", async () => {
    const { body, contentType } = await exportOf(alice, "seminar", "md");
    expect(contentType).toMatch(/^text\/markdown/);
    expect(body.startsWith("# Separatfrieden 1941–1943\n")).toBe(true);
    const at = (s: string) => {
      const i = body.indexOf(s);
      expect(i, s).toBeGreaterThanOrEqual(0);
      return i;
    };
    // Documents in the seminar's order; in each, passages by position (p1 before p2 though created later).
    const [firstDoc, secondDoc] = (await seminars.getSeminar(alice.id, seminarId)).documents;
    expect(at(`## ${firstDoc}`)).toBeLessThan(at(`## ${secondDoc}`));
    const essaySection = body.slice(at("## essay-en"), at("## aufsatz-de") > at("## essay-en") ? at("## aufsatz-de") : undefined);
    const passages = [...essaySection.matchAll(/^### Passage .*\n\n> (.*)$/gm)].map((m) => m[1]);
    expect(passages).toEqual(["separate peac", "Stalin", "probed"]);
    expect(at("Language: de")).toBeGreaterThan(at("## aufsatz-de"));
    // The note with its tags and its reply thread, indented.
    expect(body).toMatch(/- \*\*Note\*\* by Alice · \d{4}-\d{2}-\d{2} · tags: #Datierung, #Quellenkritik\n\n {2}Twice, "really"\? Sources, please\./);
    expect(body).toMatch(/\n {2}- \*\*Reply\*\* by Irene[^\n]*\n\n {4}Compare Mastny\./);
    expect(body).toMatch(/\n {4}- \*\*Reply\*\* by Alice[^\n]*\n\n {6}Will do\./);
    // The link under both documents, with its relation and the other passage.
    // The relation by its name, not its slug.
    expect(body).toContain("paraphrase or translation → *aufsatz-de*");
    expect(body).toContain("← paraphrase or translation *essay-en*");
    expect(at("← paraphrase or translation *essay-en*")).toBeGreaterThan(at("## aufsatz-de"));
  });

  it("keeps one's own replies in a \"mine\" report even when the thread is someone else's", async () => {
    const { body } = await exportOf(alice, "mine", "md");
    expect(body).not.toContain("Compare Mastny.");
    expect(body).toMatch(/## Replies in other threads\n\n- \*\*Reply\*\* by Alice[^\n]*\n\n {2}Will do\./);
  });
});

describe("Markdown report keeps what was written (issue 17, item 9)", () => {
  let reportSeminar: string;
  beforeAll(async () => {
    const s = await seminars.createSeminar(alice.id, { title: "Report check", documents: ["essay-en", "aufsatz-de"] });
    reportSeminar = s.id;
    await store.createAnnotation(alice.id, s.id, {
      target: { documentSlug: "essay-en", blockId: "p1", blockStart: 4, blockEnd: 17 },
      body: '<p>See <a href="https://history.state.gov/frus1943">FRUS 1943</a>, <strong>vol. III</strong>.</p><ol><li><p>first reading</p></li><li><p>second reading</p></li></ol><ul><li>a point</li></ul>',
    });
    await store.createAnnotation(alice.id, s.id, {
      motivation: "linking",
      relation: "same-event",
      target: { documentSlug: "essay-en", blockId: "p2", blockStart: 0, blockEnd: 6 },
      bodyTarget: { documentSlug: "aufsatz-de", blockId: "p2", blockStart: 0, blockEnd: 6 },
    });
  });

  it("keeps a citation's URL, numbered and bulleted lists, and names relations in words", async () => {
    const { body } = await exportOf(alice, "seminar", "md", reportSeminar);
    expect(body).toContain("See [FRUS 1943](https://history.state.gov/frus1943), **vol. III**.");
    expect(body).toMatch(/\n {2}1\. first reading\n {2}2\. second reading\n/);
    expect(body).toMatch(/\n {2}- a point\n/);
    expect(body).toContain("same event → *aufsatz-de*");
    expect(body).not.toContain("same-event");
    // Rendered as a reader sees it: a real link and list items.
    const html = micromark(body);
    expect(html).toContain('<a href="https://history.state.gov/frus1943">FRUS 1943</a>');
    expect(html).toMatch(/<ol>\s*<li>first reading<\/li>/);
  });

  it("speaks the reader's language when asked", async () => {
    const { body } = await exporter.exportAnnotations(alice.id, reportSeminar, { scope: "seminar", format: "md", locale: "de" });
    expect(body).toContain("**Notiz** von Alice");
    expect(body).toContain("dasselbe Ereignis → *aufsatz-de*");
    expect(body).toMatch(/### Stelle ¶ p1, Zeichen \d+–\d+/);
    const ru = await exporter.exportAnnotations(alice.id, reportSeminar, { scope: "seminar", format: "md", locale: "ru" });
    expect(ru.body).toContain("**Связь** автор: Alice");
  });
});

describe("CSV for spreadsheets (issue 17, item 9)", () => {
  it("starts with a UTF-8 byte order mark, so Excel reads umlauts and Cyrillic", async () => {
    const { body } = await exportOf(alice, "seminar", "csv");
    expect(body.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(body, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(body.slice(1).startsWith("id,created,author")).toBe(true);
  });
});

describe("import keeps authors who are members (issue 17, item 9)", () => {
  it("an instructor's import keeps members' names by account and lists the others as re-attributed", async () => {
    const exported = JSON.parse((await exportOf(instructor, "seminar", "jsonld")).body);
    const next = await seminars.createSeminar(instructor.id, { title: "Next term", documents: ["essay-en", "aufsatz-de"] });
    await seminars.joinByInvite(alice.id, next.inviteCode); // Bob is not in the new seminar
    const result = await exporter.importAnnotations(instructor.id, next.id, exported);
    expect(result.skipped).toEqual([]);
    const imported = await lists.listAnnotations(instructor.id, next.id);
    const authorOf = (text: string) => imported.find((a) => a.bodyText.startsWith(text))?.author.name;
    expect(authorOf("Twice")).toBe("Alice");
    expect(authorOf("Compare Mastny")).toBe("Irene");
    expect(authorOf("Will do")).toBe("Alice");
    expect(authorOf("Bob's public note")).toBe("Irene");
    expect(result.reattributed).toEqual([
      expect.objectContaining({ author: "Bob", why: "not-member", kind: "note", quote: "probed", documentSlug: "essay-en" }),
    ]);
    expect(result.authorsKept).toBe(result.imported - 1);
  });

  it("a student's import never writes in a classmate's name, and says so", async () => {
    const exported = JSON.parse((await exportOf(bob, "seminar", "jsonld")).body);
    const again = await seminars.createSeminar(instructor.id, { title: "Third term", documents: ["essay-en", "aufsatz-de"] });
    await seminars.joinByInvite(alice.id, again.inviteCode);
    await seminars.joinByInvite(bob.id, again.inviteCode);
    const result = await exporter.importAnnotations(bob.id, again.id, exported);
    const imported = await lists.listAnnotations(bob.id, again.id);
    expect(new Set(imported.map((a) => a.author.name))).toEqual(new Set(["Bob"]));
    expect(result.authorsKept).toBe(2); // Bob's own public and private notes
    expect(result.reattributed.map((r) => [r.author, r.why])).toContainEqual(["Alice", "not-instructor"]);
    expect(result.reattributed.find((r) => r.kind === "reply" && r.author === "Irene")?.quote).toBe("Compare Mastny.");
  });
});

describe("Markdown report against script injection (issue 14, item 13)", () => {
  // The report opened in a viewer that passes raw HTML and any URL through (micromark's "dangerous" options).
  const render = (md: string) => micromark(md, { allowDangerousHtml: true, allowDangerousProtocol: true });
  const MARKDOWN_TAGS = ["h1", "h2", "h3", "p", "ul", "li", "blockquote", "strong", "em", "code", "br"];

  it("writes display names, titles, tags, quotes and note text as text: no payload runs when rendered", async () => {
    const executed: string[] = [];
    for (const [i, payload] of XSS_PAYLOADS.entries()) {
      const slug = `doc-${i}`;
      setDocumentCatalog(staticCatalog([{ ...essay, meta: { ...essay.meta, slug, title: payload } }]));
      const root: AnnotationDto = {
        ...notes.link,
        id: `root-${i}`,
        author: { ...notes.link.author, name: payload },
        tags: [payload, `${payload}-2`],
        bodyText: `${payload}\n\n${payload}`,
        targets: notes.link.targets.map((t) => ({ ...t, documentSlug: t.role === "target" ? slug : `${payload}`, exact: payload })),
      };
      const reply: AnnotationDto = { ...notes.reply, id: `reply-${i}`, parentId: root.id, author: { ...notes.reply.author, name: payload }, bodyText: payload };
      const md = await exporter.toMarkdown(payload, [slug], [root, reply]);
      const found = executableHtml(render(md), MARKDOWN_TAGS);
      if (found) executed.push(`${JSON.stringify(payload)} → ${found}`);
      // Nothing was lost on the way: every payload is still there as text.
      expect(render(md).replace(/<[^>]+>/g, "")).toContain(
        payload
          .split("\n")[0]
          .replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!)
          .slice(0, 8),
      );
    }
    setDocumentCatalog(staticCatalog([essay, aufsatz]));
    expect(executed).toEqual([]);
  });

  it("the check itself catches what raw interpolation let through before", () => {
    expect(executableHtml(render("- **Note** by <img src=x onerror=alert(1)>"), MARKDOWN_TAGS)).toMatch(/onerror/);
    expect(executableHtml(render("[x](javascript:alert(1))"), MARKDOWN_TAGS)).toMatch(/javascript/);
  });
});

describe("import", () => {
  const comparable = (list: AnnotationDto[]) => {
    const byId = new Map(list.map((a) => [a.id, a]));
    const key = (a: AnnotationDto): string =>
      JSON.stringify([
        a.motivation,
        a.visibility,
        a.relation,
        a.bodyHtml,
        a.tags,
        a.targets.map((t) => [
          t.role,
          t.documentSlug,
          t.documentVersion,
          t.lang,
          t.blockId,
          t.blockStart,
          t.blockEnd,
          t.start,
          t.end,
          t.exact,
          t.prefix,
          t.suffix,
        ]),
        a.parentId ? key(byId.get(a.parentId)!) : null,
      ]);
    return list.map(key).sort();
  };

  it("JSON-LD exported, imported into another seminar and exported again loses nothing", async () => {
    const first = await exportOf(alice, "mine", "jsonld");
    const own = (await lists.listAnnotations(alice.id, seminarId)).filter((a) => a.author.id === alice.id);
    const result = await exporter.importAnnotations(alice.id, copySeminarId, JSON.parse(first.body));
    // Alice's reply answers the instructor's reply, which is not in her own export: it cannot be attached.
    expect(result).toMatchObject({
      imported: 4,
      authorsKept: 4,
      reattributed: [],
      skipped: [{ index: expect.any(Number), code: "invalid-parent", kind: "reply", quote: "Will do." }],
    });
    const copied = await lists.listAnnotations(alice.id, copySeminarId);
    expect(comparable(copied)).toEqual(comparable(own.filter((a) => a.id !== notes.aliceReply.id)));
  });

  it("a whole seminar's export keeps its reply threads", async () => {
    const s = await seminars.createSeminar(bob.id, { title: "Bob's copy", documents: ["essay-en", "aufsatz-de"] });
    const exported = await exportOf(alice, "seminar", "jsonld");
    const result = await exporter.importAnnotations(bob.id, s.id, JSON.parse(exported.body));
    expect(result).toMatchObject({ imported: 7, skipped: [] });
    const again = JSON.parse((await exportOf(bob, "seminar", "jsonld", s.id)).body);
    const original = JSON.parse(exported.body);
    const strip = (items: Array<Record<string, unknown>>) => {
      const ids = new Map(items.map((i, n) => [i.id as string, n]));
      return items
        .map((i) => {
          const { id: _id, created: _c, modified: _m, creator: _cr, "synopse:seminar": _s, "synopse:author": _a, "synopse:root": root, target, ...rest } = i;
          return JSON.stringify({
            ...rest,
            target: typeof target === "string" ? `#${ids.get(target)}` : target,
            root: root ? ids.get(`urn:uuid:${root}`) : null,
          });
        })
        .sort();
    };
    expect(strip(again.first.items)).toEqual(strip(original.first.items));
  });

  it("accepts a single annotation or an array, and reports what it skipped", async () => {
    const { body } = await exportOf(alice, "mine", "jsonld");
    const item = JSON.parse(body).first.items.find((i: { motivation: string }) => i.motivation === "highlighting");
    const single = await exporter.importAnnotations(alice.id, copySeminarId, { "@context": "http://www.w3.org/ns/anno.jsonld", ...item });
    expect(single).toMatchObject({ imported: 1, skipped: [] });
    const wrongQuote = structuredClone(item);
    wrongQuote.target.selector = [{ type: "TextQuoteSelector", exact: "words that are not in the text" }];
    const batch = await exporter.importAnnotations(alice.id, copySeminarId, [
      { "@context": "http://www.w3.org/ns/anno.jsonld", ...wrongQuote },
      { type: "Nonsense" },
    ]);
    expect(batch).toMatchObject({
      imported: 0,
      skipped: [
        { index: 0, code: "quote-mismatch", kind: "note", quote: "words that are not in the text", documentSlug: "aufsatz-de" },
        { index: 1, code: "invalid-request", quote: "", detail: expect.stringContaining("context") },
      ],
    });
  });

  it("keeps each annotation's canonical IRI through export and import, and invents none", async () => {
    const source = await seminars.createSeminar(alice.id, { title: "Canonical source", documents: ["essay-en"] });
    const canonical = "urn:uuid:6f1c2d9e-4b7a-4f3e-9a51-2c8d7e0b1a44";
    const named = await store.createAnnotation(alice.id, source.id, {
      target: { documentSlug: "essay-en", blockId: "p2", blockStart: 0, blockEnd: 6 },
      body: "<p>Named elsewhere</p>",
      canonical,
    });
    const reply = await store.createAnnotation(alice.id, source.id, {
      parentId: named.id,
      body: "<p>A reply with its own</p>",
      canonical: "https://annotations.example.org/a/17",
    });
    await store.createAnnotation(alice.id, source.id, {
      target: { documentSlug: "essay-en", blockId: "p1", blockStart: 0, blockEnd: 3 },
      body: "<p>No canonical</p>",
    });
    expect([named.canonical, reply.canonical]).toEqual([canonical, "https://annotations.example.org/a/17"]);

    const exported = JSON.parse((await exporter.exportAnnotations(alice.id, source.id, { scope: "seminar", format: "jsonld" })).body);
    const byBody = (items: Array<Record<string, unknown>>) =>
      Object.fromEntries(items.map((i) => [JSON.stringify((i.body as { value: string }).value), i.canonical ?? null]));
    const expected = {
      '"<p>Named elsewhere</p>"': canonical,
      '"<p>A reply with its own</p>"': "https://annotations.example.org/a/17",
      '"<p>No canonical</p>"': null,
    };
    expect(byBody(exported.first.items)).toEqual(expected);

    const copy = await seminars.createSeminar(bob.id, { title: "Canonical copy", documents: ["essay-en"] });
    expect(await exporter.importAnnotations(bob.id, copy.id, exported)).toMatchObject({ imported: 3, skipped: [] });
    const imported = await lists.listAnnotations(bob.id, copy.id);
    // The copies are new annotations (new ids) that still say which annotation they are.
    expect(imported.map((a) => a.id)).not.toContain(named.id);
    expect(Object.fromEntries(imported.map((a) => [JSON.stringify(a.bodyHtml), a.canonical ?? null]))).toEqual(expected);
    const again = JSON.parse((await exporter.exportAnnotations(bob.id, copy.id, { scope: "seminar", format: "jsonld" })).body);
    expect(byBody(again.first.items)).toEqual(expected);
  });

  it("refuses a canonical that is not an absolute IRI", async () => {
    const { body } = await exportOf(alice, "mine", "jsonld");
    const item = JSON.parse(body).first.items.find((i: { motivation: string }) => i.motivation === "highlighting");
    const result = await exporter.importAnnotations(alice.id, copySeminarId, [
      { "@context": "http://www.w3.org/ns/anno.jsonld", ...item, canonical: "not an iri" },
      { "@context": "http://www.w3.org/ns/anno.jsonld", ...item, canonical: 42 },
    ]);
    expect(result).toMatchObject({
      imported: 0,
      skipped: [
        { index: 0, code: "invalid-request" },
        { index: 1, code: "invalid-request" },
      ],
    });
  });

  it("only members may import, and imports belong to the importer", async () => {
    const { body } = await exportOf(alice, "mine", "jsonld");
    await expect(exporter.importAnnotations(outsider.id, copySeminarId, JSON.parse(body))).rejects.toMatchObject({ code: "not-found" });
  });
});
