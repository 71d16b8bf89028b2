import { describe as group, expect, it } from "vitest";
import type { AnnotationDto, TargetDto } from "@/lib/annotations/types";
import { describe } from "@/lib/anchoring";
import { documentFromBlocks } from "@/lib/anchoring/testing/document";
import { selectorsOf } from "@/lib/annotations/types";
import { anchorIn } from "@/lib/reader-notes/load";
import { applyEvent, colourTag, emptyState, keptForReader, linkThreadOf, parseTagInput, segmentsFor, threadsFor, upsert, type OpenDocument } from "./state";

const doc = documentFromBlocks([
  "Stalin sent out feelers for a separate peace in 1943, or so the story goes.",
  "Kleist met Clauss in Stockholm; what was said there is known only second hand.",
  "Nobody in Moscow wrote down the instructions, if there were any.",
]);
const open: OpenDocument[] = [{ slug: doc.meta.slug, version: doc.version }];

function target(blockId: string, start: number, end: number, version = doc.version): TargetDto {
  const s = describe(doc, blockId, start, end);
  return {
    role: "target",
    documentSlug: doc.meta.slug,
    documentVersion: version,
    lang: "en",
    blockId: s.blockId,
    blockStart: s.blockStart,
    blockEnd: s.blockEnd,
    start: s.position.start,
    end: s.position.end,
    exact: s.quote.exact,
    prefix: s.quote.prefix,
    suffix: s.quote.suffix,
  };
}

let n = 0;
function note(over: Partial<AnnotationDto> = {}): AnnotationDto {
  n += 1;
  return {
    id: `a${n}`,
    seminarId: "s1",
    author: { id: "u1", name: "Anna Petrova" },
    motivation: "commenting",
    visibility: "seminar",
    recipientId: null,
    parentId: null,
    rootId: null,
    relation: null,
    bodyHtml: "<p>x</p>",
    bodyText: "x",
    tags: [],
    hidden: false,
    revision: 1,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    targets: [target("p1", 0, 6)],
    ...over,
  };
}

group("live notes", () => {
  it("a note made on the shown version is placed where the server described it, without anchoring", () => {
    const a = note({ targets: [target("p2", 0, 5)] });
    const { state, toAnchor } = applyEvent(emptyState(), { type: "annotation.created", data: a }, open);
    expect(toAnchor).toEqual([]);
    expect(state.anchors[doc.meta.slug][a.id]).toMatchObject({ status: "anchored", blockId: "p2", blockStart: 0, blockEnd: 5 });
  });

  it("a note made on another version waits for the server's anchoring", () => {
    const a = note({ targets: [target("p2", 0, 5, "0000000000000000")] });
    const { state, toAnchor } = upsert(emptyState(), a, open);
    expect(state.anchors[doc.meta.slug][a.id]).toEqual({ status: "pending" });
    expect(toAnchor.map((x) => x.annotation.id)).toEqual([a.id]);
  });

  it("notes on documents not open are ignored", () => {
    const elsewhere = note({ targets: [{ ...target("p1", 0, 6), documentSlug: "other" }] });
    const s = upsert(emptyState(), elsewhere, open).state;
    expect(Object.keys(s.annotations)).toEqual([]);
  });

  it("replies join their thread, edits replace, deleting a root drops its replies", () => {
    const root = note();
    const reply = note({ parentId: root.id, rootId: root.id, motivation: "replying", targets: [] });
    const orphanReply = note({ parentId: "unknown", rootId: "unknown", motivation: "replying", targets: [] });
    let s = applyEvent(emptyState(), { type: "annotation.created", data: root }, open).state;
    s = applyEvent(s, { type: "annotation.created", data: reply }, open).state;
    s = applyEvent(s, { type: "annotation.created", data: orphanReply }, open).state;
    expect(threadsFor(s, doc.meta.slug).placed[0].replies.map((r) => r.id)).toEqual([reply.id]);
    expect(s.annotations[orphanReply.id]).toBeUndefined();

    s = applyEvent(s, { type: "annotation.updated", data: { ...root, bodyText: "changed", revision: 2 } }, open).state;
    expect(s.annotations[root.id].bodyText).toBe("changed");

    s = applyEvent(s, { type: "annotation.removed", data: { id: root.id } }, open).state;
    expect(s.annotations).toEqual({});
    expect(threadsFor(s, doc.meta.slug).placed).toEqual([]);
  });
});

group("link threads", () => {
  /** A link from passage A in the open document to passage B in another one. */
  const link = (over: Partial<AnnotationDto> = {}) =>
    note({
      motivation: "linking",
      relation: "contradicts",
      bodyHtml: "<p>Mastný doubts what the forum takes as fact.</p>",
      bodyText: "Mastný doubts what the forum takes as fact.",
      targets: [target("p2", 0, 17), { ...target("p1", 0, 6), role: "body", documentSlug: "mastny" }],
      ...over,
    });
  const replyTo = (root: AnnotationDto, over: Partial<AnnotationDto> = {}) =>
    note({ motivation: "replying", parentId: root.id, rootId: root.id, targets: [], ...over });

  it("a link with a passage in an open document is discussed in the reader, but not listed or painted as a note", () => {
    const l = link();
    const { state, toAnchor } = applyEvent(emptyState(), { type: "annotation.created", data: l }, open);
    expect(toAnchor).toEqual([]);
    expect(linkThreadOf(state, l.id)).toEqual({ root: l, replies: [] });
    expect(threadsFor(state, doc.meta.slug)).toEqual({ placed: [], orphans: [] });
    expect(state.anchors[doc.meta.slug]?.[l.id]).toBeUndefined();
  });

  it("the end in the open document may be either passage; a link between two closed documents is not kept", () => {
    const fromElsewhere = link({
      targets: [
        { ...target("p1", 0, 6), documentSlug: "mastny" },
        { ...target("p2", 0, 17), role: "body" },
      ],
    });
    const between = link({
      targets: [
        { ...target("p1", 0, 6), documentSlug: "mastny" },
        { ...target("p2", 0, 17), role: "body", documentSlug: "kowalski" },
      ],
    });
    let s = upsert(emptyState(), fromElsewhere, open).state;
    s = upsert(s, between, open).state;
    expect(linkThreadOf(s, fromElsewhere.id)?.root.id).toBe(fromElsewhere.id);
    expect(linkThreadOf(s, between.id)).toBeNull();
  });

  it("replies arriving live join the open link's thread in the order they were written; a deleted link takes them along", () => {
    const l = link();
    const later = replyTo(l, { author: { id: "u2", name: "Ben Fischer" }, createdAt: "2026-02-01T10:05:00.000Z" });
    const earlier = replyTo(l, { createdAt: "2026-02-01T10:00:00.000Z" });
    let s = applyEvent(emptyState(), { type: "annotation.created", data: l }, open).state;
    s = applyEvent(s, { type: "annotation.created", data: later }, open).state;
    s = applyEvent(s, { type: "annotation.created", data: earlier }, open).state;
    expect(linkThreadOf(s, l.id)?.replies.map((r) => r.id)).toEqual([earlier.id, later.id]);

    s = applyEvent(s, { type: "annotation.updated", data: { ...earlier, bodyText: "corrected", revision: 2 } }, open).state;
    expect(linkThreadOf(s, l.id)?.replies[0].bodyText).toBe("corrected");
    s = applyEvent(s, { type: "annotation.deleted", data: { id: later.id } }, open).state;
    expect(linkThreadOf(s, l.id)?.replies.map((r) => r.id)).toEqual([earlier.id]);

    s = applyEvent(s, { type: "annotation.removed", data: { id: l.id } }, open).state;
    expect(linkThreadOf(s, l.id)).toBeNull();
    expect(s.annotations).toEqual({});
  });

  it("a note's thread is not a link's thread", () => {
    const n1 = note();
    const s = upsert(emptyState(), n1, open).state;
    expect(linkThreadOf(s, n1.id)).toBeNull();
    expect(linkThreadOf(s, "unknown")).toBeNull();
  });

  it("the page keeps note and link threads with their replies, and anchors only the notes", () => {
    const n1 = note();
    const l = link();
    const tagOnly = note({ motivation: "tagging" as AnnotationDto["motivation"] });
    const list = [n1, l, tagOnly, replyTo(n1), replyTo(l), replyTo(tagOnly)];
    const { kept, noteRoots } = keptForReader(list);
    expect(kept.map((a) => a.id)).toEqual([list[0], list[1], list[3], list[4]].map((a) => a.id));
    expect(noteRoots.map((a) => a.id)).toEqual([n1.id]);
  });
});

group("threads in reading order", () => {
  it("sorts by where the passages are now, orphans apart", () => {
    const late = note({ targets: [target("p3", 0, 6)] });
    const early = note({ targets: [target("p1", 7, 11)] });
    const gone = note();
    let s = upsert(emptyState(), late, open).state;
    s = upsert(s, early, open).state;
    s = upsert(s, gone, open).state;
    s = { ...s, anchors: { [doc.meta.slug]: { ...s.anchors[doc.meta.slug], [gone.id]: { status: "orphan" } } } };
    const { placed, orphans } = threadsFor(s, doc.meta.slug);
    expect(placed.map((t) => t.root.id)).toEqual([early.id, late.id]);
    expect(orphans.map((t) => t.root.id)).toEqual([gone.id]);
  });
});

group("server-side anchoring for the reader", () => {
  it("finds a passage again after the text changed, and reports a vanished one as an orphan", () => {
    const kept = note({ targets: [target("p2", 0, 28)] }); // "Kleist met Clauss in Stockh"
    const lost = note({ targets: [target("p3", 0, 25)] });
    const edited = documentFromBlocks([
      "A new opening paragraph pushes everything down.",
      "Stalin sent out feelers for a separate peace in 1943, or so the story goes.",
      "Kleist met Clauss in Stockholm; what was said there is known only second hand.",
    ]);
    const anchors = anchorIn({ ...edited, meta: { ...edited.meta, slug: doc.meta.slug } }, [kept, lost]);
    expect(anchors[kept.id]).toMatchObject({ status: "anchored", blockId: "p3", blockStart: 0, blockEnd: 28 });
    expect(anchors[kept.id]).not.toHaveProperty("current"); // moved, but the same words
    expect(anchors[lost.id]).toEqual({ status: "orphan" });
  });

  it("gives the current wording of a passage found in an edited text with other words", () => {
    const followed = note({ targets: [target("p2", 0, 28)] }); // "Kleist met Clauss in Stockh"
    const edited = documentFromBlocks([
      "Stalin sent out feelers for a separate peace in 1943, or so the story goes.",
      "Kleist met Clauß in Stockholm; what was said there is known only second hand.",
      "Nobody in Moscow wrote down the instructions, if there were any.",
    ]);
    const anchors = anchorIn({ ...edited, meta: { ...edited.meta, slug: doc.meta.slug } }, [followed]);
    expect(anchors[followed.id]).toMatchObject({ status: "anchored", blockId: "p2" });
    const current = (anchors[followed.id] as { current?: string }).current;
    expect(current).toContain("Clauß");
    expect(current).not.toContain("Clauss");
  });

  it("turns a stored target back into the selectors it was made from", () => {
    const t = target("p2", 4, 17);
    expect(selectorsOf(t)).toEqual(describe(doc, "p2", 4, 17));
  });
});

group("passages across blocks", () => {
  const blocks = [
    { id: "p1", length: 10 },
    { id: "p2", length: 5 },
    { id: "p3", length: 8 },
  ];
  it("cuts a passage into one piece per block, skipping the separators", () => {
    // From offset 6 of p1 to offset 3 of p3: 10 + 2 + 5 + 2 + 3 = 22 from p1's start.
    expect(segmentsFor(blocks, { blockId: "p1", blockStart: 6, blockEnd: 22 })).toEqual([
      { blockId: "p1", start: 6, end: 10 },
      { blockId: "p2", start: 0, end: 5 },
      { blockId: "p3", start: 0, end: 3 },
    ]);
  });
  it("keeps a passage inside one block as it is, and places nothing for an unknown block", () => {
    expect(segmentsFor(blocks, { blockId: "p2", blockStart: 1, blockEnd: 4 })).toEqual([{ blockId: "p2", start: 1, end: 4 }]);
    expect(segmentsFor(blocks, { blockId: "p9", blockStart: 0, blockEnd: 4 })).toEqual([]);
  });
});

group("tags", () => {
  const vocabulary = [{ name: "Propaganda" }, { name: "Quellenkritik" }];
  it("colours a note by its first vocabulary tag, whatever the case", () => {
    expect(colourTag(["frage", "quellenkritik", "PROPAGANDA"], vocabulary)).toBe(0);
    expect(colourTag(["frage"], vocabulary)).toBe(-1);
  });
  it("reads free tags from a comma-separated field", () => {
    expect(parseTagInput(" Stockholm ,  Kleist   Clauss;; , ")).toEqual(["Stockholm", "Kleist Clauss"]);
  });
});
