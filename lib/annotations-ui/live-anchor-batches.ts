/**
 * The browser's side of re-anchoring live notes: the reader page's server action (app/[locale]/read/actions)
 * anchors at most MAX_NOTES notes per call, so a larger set goes in batches; whatever the server refuses, or
 * a call that fails, leaves those notes orphaned rather than lost.
 */
import type { AnnotationDto } from "@/lib/annotations/types";
import { MAX_NOTES, type LiveAnchorResult, type LiveNotes } from "./live-anchor-contract";
import type { PassageAnchor } from "./state";

/** The reader page's server action that anchors live notes made on another version of a document. */
export type AnchorLiveNotes = (slug: string, notes: LiveNotes) => Promise<LiveAnchorResult>;

/** Anchor notes of one document, MAX_NOTES per call; each batch's answer is handed to `found` as it comes. */
export function anchorInBatches(
  action: AnchorLiveNotes,
  slug: string,
  notes: ReadonlyArray<Pick<AnnotationDto, "id" | "targets">>,
  found: (anchors: Record<string, PassageAnchor>) => void,
): Promise<void> {
  const calls: Array<Promise<void>> = [];
  for (let i = 0; i < notes.length; i += MAX_NOTES) {
    const batch = notes.slice(i, i + MAX_NOTES);
    const orphans = () => Object.fromEntries(batch.map((n) => [n.id, { status: "orphan" } as PassageAnchor]));
    calls.push(
      action(
        slug,
        batch.map((n) => ({ id: n.id, targets: n.targets })),
      )
        .then((r) => found(r.ok ? { ...orphans(), ...r.anchors } : orphans()))
        .catch(() => found(orphans())),
    );
  }
  return Promise.all(calls).then(() => undefined);
}
