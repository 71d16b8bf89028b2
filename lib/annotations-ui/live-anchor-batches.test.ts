import { describe, expect, it } from "vitest";
import type { AnnotationDto } from "@/lib/annotations/types";
import { anchorInBatches, type AnchorLiveNotes } from "./live-anchor-batches";
import { MAX_NOTES } from "./live-anchor-contract";
import type { PassageAnchor } from "./state";

const notes = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `n${i}`, targets: [] as AnnotationDto["targets"] }));
const placed: PassageAnchor = { status: "anchored", blockId: "b1", blockStart: 0, blockEnd: 3, start: 0, end: 3 };

describe("anchorInBatches", () => {
  it("never sends the server more than MAX_NOTES notes at once, and anchors them all", async () => {
    const sizes: number[] = [];
    const action: AnchorLiveNotes = async (_slug, batch) => {
      sizes.push(batch.length);
      return { ok: true, anchors: Object.fromEntries(batch.map((n) => [n.id, placed])) };
    };
    const found: Record<string, PassageAnchor> = {};
    await anchorInBatches(action, "doc", notes(MAX_NOTES * 2 + 1), (a) => Object.assign(found, a));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_NOTES);
    expect(Object.keys(found)).toHaveLength(MAX_NOTES * 2 + 1);
    expect(Object.values(found).every((a) => a.status === "anchored")).toBe(true);
  });

  it("orphans what the server refuses or fails on, and keeps the rest", async () => {
    let call = 0;
    const action: AnchorLiveNotes = async (_slug, batch) => {
      call += 1;
      if (call === 1) return { ok: false, code: "unauthenticated" };
      if (call === 2) throw new Error("offline");
      return { ok: true, anchors: Object.fromEntries(batch.map((n) => [n.id, placed])) };
    };
    const found: Record<string, PassageAnchor> = {};
    await anchorInBatches(action, "doc", notes(MAX_NOTES * 2 + 2), (a) => Object.assign(found, a));
    expect(found.n0.status).toBe("orphan");
    expect(found[`n${MAX_NOTES}`].status).toBe("orphan");
    expect(found[`n${MAX_NOTES * 2 + 1}`].status).toBe("anchored");
  });
});
