import { describe, expect, it } from "vitest";
import type { AnnotationDto, TargetDto } from "./types";
import { ANNO_CONTEXT, collectionPage, parse, parseCollection, serialize, toCollection } from "./w3c";

const ABSOLUTE_IRI = /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$/;

const passageA: TargetDto = {
  role: "target",
  documentSlug: "mastny-separate-peace",
  documentVersion: "0123456789abcdef",
  lang: "en",
  blockId: "p12",
  blockStart: 5,
  blockEnd: 19,
  start: 2040,
  end: 2054,
  exact: "separate peace",
  prefix: "rumours of a ",
  suffix: " between Berlin and Moscow",
};
const passageB: TargetDto = {
  ...passageA,
  role: "body",
  documentSlug: "fleischhauer-separatfrieden",
  lang: "de",
  blockId: "p3",
  exact: "Separatfrieden",
  documentVersion: "fedcba9876543210",
};

function dto(over: Partial<AnnotationDto>): AnnotationDto {
  return {
    id: "6f1c1c5e-2f53-4d0c-9e0f-3f1f7a2b9c01",
    seminarId: "seminar-1",
    author: { id: "user-1", name: "Alice" },
    motivation: "commenting",
    visibility: "seminar",
    recipientId: null,
    parentId: null,
    rootId: null,
    relation: null,
    bodyHtml: '<p>Compare <em>Fleischhauer</em> and <a href="https://example.org" rel="noopener noreferrer nofollow ugc" target="_blank">this</a>.</p>',
    bodyText: "Compare Fleischhauer and this.",
    tags: ["propaganda", "sources"],
    hidden: false,
    revision: 3,
    createdAt: "2026-11-22T01:02:03.000Z",
    updatedAt: "2026-11-22T02:03:04.000Z",
    targets: [passageA],
    ...over,
  };
}

const note = dto({});
const link = dto({
  id: "0b7c6a44-1a7d-4a55-8f5e-6f4bb0f8a9aa",
  motivation: "linking",
  relation: "contradicts",
  bodyHtml: "",
  bodyText: "",
  tags: [],
  targets: [passageA, passageB],
});
const reply = dto({
  id: "8e9f2f4e-3f0b-4f36-a1c2-58d5a5d3a111",
  motivation: "replying",
  parentId: note.id,
  rootId: note.id,
  visibility: "feedback",
  recipientId: "user-2",
  tags: [],
  targets: [],
});
const highlight = dto({ id: "2b1f0c8e-5a56-4c1e-b0d1-3c1f8d1e4d22", motivation: "highlighting", bodyHtml: "", bodyText: "", tags: [], hidden: true });
const named = dto({ id: "9d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f", canonical: "urn:uuid:1e6c9a3b-7d2f-4b8e-a5c1-9f0e2d4b6a88" });

describe("W3C Web Annotation Data Model", () => {
  for (const a of [note, link, reply, highlight, named]) {
    it(`${a.motivation}${a.canonical ? " with a canonical IRI" : ""}: round-trips without loss`, () => {
      const json = JSON.parse(JSON.stringify(serialize(a)));
      expect(parse(json)).toEqual(a);
    });
  }

  it("meets the model's MUST requirements", () => {
    for (const a of [note, link, reply, highlight]) {
      const json = serialize(a) as Record<string, any>;
      const context = Array.isArray(json["@context"]) ? json["@context"] : [json["@context"]];
      expect(context).toContain(ANNO_CONTEXT);
      expect(json.id).toMatch(ABSOLUTE_IRI);
      expect(json.id).toBe(`urn:uuid:${a.id}`);
      expect([json.type].flat()).toContain("Annotation");
      expect(json.target).toBeDefined();
      expect(json.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(json.creator.id).toMatch(ABSOLUTE_IRI);
      const targets = [json.target].flat();
      for (const t of targets) {
        if (typeof t === "string") {
          expect(t).toMatch(ABSOLUTE_IRI);
          continue;
        }
        expect(t.type).toBe("SpecificResource");
        expect(t.source).toMatch(ABSOLUTE_IRI);
        for (const s of t.selector) {
          expect(typeof s.type).toBe("string");
          if (s.type === "TextQuoteSelector") expect(typeof s.exact).toBe("string");
          if (s.type === "TextPositionSelector") expect(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end >= s.start).toBe(true);
          if (s.type === "FragmentSelector") expect(typeof s.value).toBe("string");
        }
      }
      for (const b of [json.body ?? []].flat()) {
        if (b.type === "TextualBody") expect(typeof b.value).toBe("string");
        if (b.type === "SpecificResource") expect(b.source).toMatch(ABSOLUTE_IRI);
      }
    }
  });

  it("a link targets passage A and has passage B as body, each with its language, plus the relation", () => {
    const json = serialize(link) as Record<string, any>;
    expect(json.motivation).toBe("linking");
    expect(json.target).toMatchObject({ type: "SpecificResource", language: "en" });
    const bodies = [json.body].flat();
    expect(bodies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "SpecificResource", language: "de" }),
        expect.objectContaining({ type: "TextualBody", purpose: "classifying", value: "contradicts" }),
      ]),
    );
  });

  it("a reply targets the parent annotation's IRI", () => {
    expect((serialize(reply) as Record<string, unknown>).target).toBe(`urn:uuid:${note.id}`);
  });

  it("reads the standard parts of someone else's annotation", () => {
    const foreign = {
      "@context": ANNO_CONTEXT,
      id: "https://hypothes.is/a/abc123",
      type: "Annotation",
      motivation: "commenting",
      body: { type: "TextualBody", value: "Plain <text>", format: "text/plain" },
      target: {
        type: "SpecificResource",
        source: "https://example.org/essays/separate-peace",
        selector: { type: "TextQuoteSelector", exact: "separate peace" },
      },
    };
    const a = parse(foreign);
    expect(a.targets[0]).toMatchObject({ documentSlug: "separate-peace", exact: "separate peace" });
    expect(a.bodyHtml).toBe("<p>Plain &lt;text></p>");
    expect(() => parse({ ...foreign, "@context": "http://example.org/other" })).toThrow();
    expect(() => parse({ ...foreign, target: undefined })).toThrow();
  });

  it("serves the canonical IRI as given, and only when there is one", () => {
    expect(serialize(named).canonical).toBe(named.canonical);
    expect("canonical" in serialize(note)).toBe(false);
    expect(() => parse({ ...serialize(note), canonical: { id: "urn:x" } })).toThrow(/canonical/);
  });

  it("takes a target given as { source, selector } without a type, as Hypothesis sends it", () => {
    // Shaped like a Hypothesis annotation: a list of targets, each a source with several selectors and no "type".
    const hypothesis = {
      "@context": ANNO_CONTEXT,
      id: "https://hypothes.is/a/xyz789",
      type: "Annotation",
      motivation: "commenting",
      body: [{ type: "TextualBody", value: "Untyped target", format: "text/markdown" }],
      target: [
        {
          source: "https://example.org/essays/separate-peace",
          selector: [
            { type: "RangeSelector", startContainer: "/div[1]/p[3]", startOffset: 0, endContainer: "/div[1]/p[3]", endOffset: 14 },
            { type: "TextPositionSelector", start: 2040, end: 2054 },
            { type: "TextQuoteSelector", exact: "separate peace", prefix: "rumours of a ", suffix: " between Berlin" },
          ],
        },
      ],
    };
    const a = parse(hypothesis);
    expect(a.targets).toEqual([
      expect.objectContaining({
        role: "target",
        documentSlug: "separate-peace",
        start: 2040,
        end: 2054,
        exact: "separate peace",
        prefix: "rumours of a ",
        suffix: " between Berlin",
      }),
    ]);
    // A link's passage B may come untyped too.
    const linkJson = serialize(link) as { body: Array<Record<string, unknown>> };
    const untypedBody = linkJson.body.map(({ type, ...rest }) => (type === "SpecificResource" ? rest : { type, ...rest }));
    expect(parse({ ...linkJson, body: untypedBody }).targets.map((t) => t.role)).toEqual(["target", "body"]);
    // Still refused: no source, or another type.
    expect(() => parse({ ...hypothesis, target: [{ selector: hypothesis.target[0].selector }] })).toThrow();
    expect(() => parse({ ...hypothesis, target: [{ ...hypothesis.target[0], type: "Image" }] })).toThrow();
  });

  it("pages an AnnotationCollection and reads it back", () => {
    const many = Array.from({ length: 5 }, (_, i) => dto({ id: `00000000-0000-4000-8000-00000000000${i}` }));
    const id = "https://synopse.example/api/w3c/seminar-1/";
    const first = { id: `${id}?page=0`, next: `${id}?page=a` };
    const collection = toCollection(many.slice(0, 2), { first, last: `${id}?page=last` }, { id, label: "Seminar", total: 5 }) as Record<string, any>;
    expect(collection.type).toBe("AnnotationCollection");
    expect(collection.total).toBe(5);
    expect(collection.first.items).toHaveLength(2);
    expect([collection.first.next, collection.first.prev, collection.last]).toEqual([`${id}?page=a`, undefined, `${id}?page=last`]);
    expect(toCollection(many.slice(0, 2), { first, last: `${id}?page=last`, minimal: true }, { id }).first).toBe(first.id);
    const last = collectionPage(many.slice(4), { id: `${id}?page=last`, prev: `${id}?page=upto.b` }, { id, total: 5 }) as Record<string, any>;
    expect(last.type).toBe("AnnotationPage");
    expect(last.items).toHaveLength(1);
    expect(last.next).toBeUndefined();
    expect(last.prev).toBe(`${id}?page=upto.b`);
    expect(last.partOf).toEqual({ id, total: 5 });
    expect(parseCollection(collection).map((a) => a.id)).toEqual(many.slice(0, 2).map((a) => a.id));
    expect(toCollection([], { first: { id: `${id}?page=0` }, last: `${id}?page=0` }, { id, total: 0 })).not.toHaveProperty("first");
  });
});
