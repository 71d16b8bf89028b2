import { describe, expect, it } from "vitest";
import type { AnnotationDto, TargetDto } from "@/lib/annotations/types";
import { applyLinkEvent, setEndAnchor, upsertLink } from "./live";
import type { LinkView } from "./views";

let n = 0;
const at = (role: TargetDto["role"], slug: string, version: string, blockId: string): TargetDto => ({
  role,
  documentSlug: slug,
  documentVersion: version,
  lang: slug.startsWith("ru") ? "ru" : "en",
  blockId,
  blockStart: 2,
  blockEnd: 9,
  start: 102,
  end: 109,
  exact: "passage",
  prefix: "",
  suffix: "",
});

function annotation(over: Partial<AnnotationDto> = {}): AnnotationDto {
  n += 1;
  const time = new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();
  return {
    id: `a${n}`,
    seminarId: "s1",
    author: { id: "u1", name: "Anna Petrova" },
    motivation: "linking",
    visibility: "seminar",
    recipientId: null,
    parentId: null,
    rootId: null,
    relation: "supports",
    bodyHtml: "",
    bodyText: "",
    tags: [],
    hidden: false,
    revision: 1,
    createdAt: time,
    updatedAt: time,
    targets: [at("target", "en-doc", "v1", "p3"), at("body", "ru-doc", "v7", "p9")],
    ...over,
  };
}

const shown = { "en-doc": "v1", "ru-doc": "v7" };

describe("links kept current from live events", () => {
  it("a new link made on the shown versions appears with both ends placed, nothing to fetch or anchor", () => {
    const a = annotation();
    const { links, toAnchor } = applyLinkEvent([], { type: "annotation.created", data: a }, shown);
    expect(toAnchor).toEqual([]);
    expect(links).toHaveLength(1);
    expect(links[0].relation).toBe("supports");
    expect(links[0].ends.map((e) => [e.role, e.slug, e.anchor.status === "anchored" && e.anchor.blockId])).toEqual([
      ["target", "en-doc", "p3"],
      ["body", "ru-doc", "p9"],
    ]);
  });

  it("an end in a document not shown, or on another version, is handed to the server to anchor", () => {
    const a = annotation();
    const { links, toAnchor } = applyLinkEvent([], { type: "annotation.created", data: a }, { "en-doc": "v2" });
    expect(toAnchor.map((x) => x.role)).toEqual(["target", "body"]);
    expect(links[0].ends.every((e) => e.anchor.status === "orphan")).toBe(true);
    const placed = setEndAnchor(links, a.id, "body", { status: "anchored", blockId: "p8", blockStart: 0, blockEnd: 4, start: 0, end: 4, firstBlockEnd: 4 });
    expect(placed[0].ends[1].anchor).toMatchObject({ blockId: "p8" });
    expect(placed[0].ends[0].anchor.status).toBe("orphan");
  });

  it("a note or a reply to a note leaves the list untouched (the same list, so nothing repaints)", () => {
    const before = applyLinkEvent([], { type: "annotation.created", data: annotation() }, shown).links;
    const note = annotation({ motivation: "commenting", targets: [at("target", "en-doc", "v1", "p1")] });
    expect(applyLinkEvent(before, { type: "annotation.created", data: note }, shown).links).toBe(before);
    const reply = annotation({ motivation: "replying", parentId: note.id, rootId: note.id, targets: [] });
    expect(applyLinkEvent(before, { type: "annotation.created", data: reply }, shown).links).toBe(before);
    expect(applyLinkEvent(before, { type: "annotation.deleted", data: { id: note.id } }, shown).links).toBe(before);
  });

  it("an edit changes the link's fields and keeps its anchored ends; a deletion drops it", () => {
    const a = annotation();
    let links: LinkView[] = upsertLink([], a, shown).links;
    links = setEndAnchor(links, a.id, "target", { status: "anchored", blockId: "p4", blockStart: 1, blockEnd: 3, start: 0, end: 2, firstBlockEnd: 3 });
    links = applyLinkEvent(links, { type: "annotation.updated", data: { ...a, relation: "contradicts", revision: 2, targets: a.targets } }, shown).links;
    expect(links[0]).toMatchObject({ relation: "contradicts", revision: 2 });
    expect(links[0].ends[0].anchor).toMatchObject({ blockId: "p4" });
    expect(applyLinkEvent(links, { type: "annotation.removed", data: { id: a.id } }, shown).links).toEqual([]);
  });

  it("replies join their link's thread in order, are edited in place and leave it when deleted", () => {
    const a = annotation();
    let links = upsertLink([], a, shown).links;
    const second = annotation({ motivation: "replying", parentId: a.id, rootId: a.id, bodyHtml: "<p>2</p>", targets: [] });
    const first = {
      ...annotation({ motivation: "replying", parentId: a.id, rootId: a.id, bodyHtml: "<p>1</p>", targets: [] }),
      createdAt: "2025-01-01T00:00:00.000Z",
    };
    links = applyLinkEvent(links, { type: "annotation.created", data: second }, shown).links;
    links = applyLinkEvent(links, { type: "annotation.created", data: first }, shown).links;
    expect(links[0].thread.map((r) => r.bodyHtml)).toEqual(["<p>1</p>", "<p>2</p>"]);
    expect(links[0].replies).toBe(2);
    // The same event twice (a replay) changes nothing.
    links = applyLinkEvent(links, { type: "annotation.created", data: second }, shown).links;
    links = applyLinkEvent(links, { type: "annotation.updated", data: { ...second, bodyHtml: "<p>2b</p>" } }, shown).links;
    expect(links[0].thread.map((r) => r.bodyHtml)).toEqual(["<p>1</p>", "<p>2b</p>"]);
    links = applyLinkEvent(links, { type: "annotation.deleted", data: { id: first.id } }, shown).links;
    expect(links[0].thread.map((r) => r.id)).toEqual([second.id]);
    expect(links[0].replies).toBe(1);
  });
});
