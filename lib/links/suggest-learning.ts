/**
 * What a seminar teaches its link suggestions. Links members make (and suggestions they accept, which are
 * links too) raise the weight of the evidence features the two passages share — a name key, a translation
 * pair, a glossary or name-list entry — for that seminar; a dismissed suggestion lowers them. The engine
 * multiplies each feature by 2^(w/2) (lib/links/suggest/index.ts) and shows "linked before in this seminar".
 *
 * Learning subscribes to the seminar's event log instead of being called by the annotation store (which
 * knows nothing of suggestions): before answering, `learnedWeights` reads the events after the seminar's
 * cursor (at most LEARN_BATCH per request: bounded work) and learns from the new links. Only links the
 * whole seminar may read teach it (visibility "seminar", not hidden): a private link stays private, also in
 * the weights. Two requests racing for the same events: the one that moves the cursor first learns, the
 * other skips (a conditional update), so no link counts twice.
 */
import { db } from "@/lib/db/client";
import { evidenceBetween, type SuggestIndex } from "./suggest";

/** One link moves a feature by +1 (×1.41 in the score); one dismissal by −0.5: a dismissal may mean "not
 * now" as much as "wrong", so it counts half a link. Weights stay in [−2, 2] (factor ×½ … ×2). */
export const LINK_STEP = 1;
export const DISMISS_STEP = -0.5;
const LIMIT = 2;
/** Events read per request. */
export const LEARN_BATCH = 200;

const clamp = (w: number) => Math.max(-LIMIT, Math.min(LIMIT, w));

async function adjust(seminarId: string, features: string[], step: number): Promise<void> {
  if (!features.length) return;
  const unique = [...new Set(features)].slice(0, 200);
  const existing = await db().suggestionWeight.findMany({ where: { seminarId, feature: { in: unique } } });
  const current = new Map(existing.map((r) => [r.feature, r.weight]));
  await db().$transaction(
    unique.map((feature) => {
      const weight = clamp((current.get(feature) ?? 0) + step);
      return db().suggestionWeight.upsert({
        where: { seminarId_feature: { seminarId, feature } },
        create: { seminarId, feature, weight },
        update: { weight },
      });
    }),
  );
}

type Side = { slug: string; blockId: string; start: number; end: number };

/** Learn from one link between two passages (both directions give the same pairs reversed: learn both). */
export async function learnFromLink(seminarId: string, index: SuggestIndex, a: Side, b: Side, step = LINK_STEP): Promise<string[]> {
  const forward = evidenceBetween(index, a, b).features;
  const backward = evidenceBetween(index, b, a).features;
  const features = [...forward, ...backward];
  await adjust(seminarId, features, step);
  return features;
}

/** A dismissed suggestion weakens what led to it. */
export async function learnFromDismissal(seminarId: string, index: SuggestIndex, from: { slug: string; blockId: string }, to: { slug: string; blockId: string }): Promise<void> {
  const block = index.byRef.get(`${from.slug}#${from.blockId}`);
  if (!block) return;
  const features = evidenceBetween(index, { slug: from.slug, blockId: from.blockId, start: 0, end: block.text.length }, to).features;
  await adjust(seminarId, features, DISMISS_STEP);
}

/** Learn from the seminar's links made since the last call (bounded), then return its weights. */
export async function learnedWeights(seminarId: string, index: SuggestIndex | (() => Promise<SuggestIndex>)): Promise<Map<string, number>> {
  await catchUp(seminarId, index);
  const rows = await db().suggestionWeight.findMany({ where: { seminarId }, select: { feature: true, weight: true } });
  return new Map(rows.map((r) => [r.feature, r.weight]));
}

/** `indexOf`: the index, or how to get it — asked only when there are new links to learn from. */
async function catchUp(seminarId: string, indexOf: SuggestIndex | (() => Promise<SuggestIndex>)): Promise<void> {
  const cursor = await db().suggestionLearningCursor.findUnique({ where: { seminarId } });
  const after = cursor?.lastEventId ?? 0;
  const events = await db().event.findMany({
    where: { seminarId, id: { gt: after } },
    orderBy: { id: "asc" },
    take: LEARN_BATCH,
    select: { id: true, type: true, annotationId: true },
  });
  if (!events.length) return;
  const last = events[events.length - 1].id;
  // Claim the events: whoever moves the cursor learns from them.
  if (cursor) {
    const moved = await db().suggestionLearningCursor.updateMany({ where: { seminarId, lastEventId: after }, data: { lastEventId: last } });
    if (moved.count === 0) return;
  } else {
    try {
      await db().suggestionLearningCursor.create({ data: { seminarId, lastEventId: last } });
    } catch {
      return; // another request created it first and learns from these events
    }
  }
  const created = events.filter((e) => e.type === "annotation.created" && e.annotationId).map((e) => e.annotationId!);
  if (!created.length) return;
  const index = typeof indexOf === "function" ? await indexOf() : indexOf;
  const links = await db().annotation.findMany({
    where: { id: { in: created }, seminarId, motivation: "linking", visibility: "seminar", hidden: false, deletedAt: null },
    select: { targets: { select: { role: true, documentSlug: true, blockId: true, blockStart: true, blockEnd: true } } },
  });
  for (const link of links) {
    const [a, b] = [link.targets.find((t) => t.role === "target"), link.targets.find((t) => t.role === "body")];
    if (!a || !b) continue;
    await learnFromLink(
      seminarId,
      index,
      { slug: a.documentSlug, blockId: a.blockId, start: a.blockStart, end: a.blockEnd },
      { slug: b.documentSlug, blockId: b.blockId, start: b.blockStart, end: b.blockEnd },
    );
  }
}
