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
import type { EvidenceSide } from "./suggest-queries";

/**
 * The learnable features between each pair of passages, from the seminar's index (lib/links/seminar-index:
 * asked of the suggestion worker, so no index is built on the request thread to learn).
 */
export type EvidenceOf = (pairs: Array<{ from: EvidenceSide; to: { slug: string; blockId: string } }>) => Promise<string[][]>;

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

/** Learn from links between passages (both directions give the same pairs reversed: learn both). */
export async function learnFromLinks(seminarId: string, evidenceOf: EvidenceOf, links: Array<[Side, Side]>, step = LINK_STEP): Promise<string[]> {
  if (!links.length) return [];
  const found = await evidenceOf(
    links.flatMap(([a, b]) => [
      { from: a, to: b },
      { from: b, to: a },
    ]),
  );
  const all: string[] = [];
  for (let i = 0; i < links.length; i++) {
    const features = [...found[2 * i], ...found[2 * i + 1]];
    await adjust(seminarId, features, step);
    all.push(...features);
  }
  return all;
}

/** A dismissed suggestion weakens what led to it (the evidence from the whole block of the passage). */
export async function learnFromDismissal(
  seminarId: string,
  evidenceOf: EvidenceOf,
  from: { slug: string; blockId: string },
  to: { slug: string; blockId: string },
): Promise<void> {
  const [features] = await evidenceOf([{ from, to }]);
  await adjust(seminarId, features ?? [], DISMISS_STEP);
}

/** Learn from the seminar's links made since the last call (bounded), then return its weights. */
export async function learnedWeights(seminarId: string, evidenceOf: EvidenceOf): Promise<Map<string, number>> {
  await catchUp(seminarId, evidenceOf);
  const rows = await db().suggestionWeight.findMany({ where: { seminarId }, select: { feature: true, weight: true } });
  return new Map(rows.map((r) => [r.feature, r.weight]));
}

async function catchUp(seminarId: string, evidenceOf: EvidenceOf): Promise<void> {
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
  const links = await db().annotation.findMany({
    where: { id: { in: created }, seminarId, motivation: "linking", visibility: "seminar", hidden: false, deletedAt: null },
    select: { targets: { select: { role: true, documentSlug: true, blockId: true, blockStart: true, blockEnd: true } } },
  });
  const pairs: Array<[Side, Side]> = [];
  for (const link of links) {
    const [a, b] = [link.targets.find((t) => t.role === "target"), link.targets.find((t) => t.role === "body")];
    if (!a || !b) continue;
    pairs.push([
      { slug: a.documentSlug, blockId: a.blockId, start: a.blockStart, end: a.blockEnd },
      { slug: b.documentSlug, blockId: b.blockId, start: b.blockStart, end: b.blockEnd },
    ]);
  }
  await learnFromLinks(seminarId, evidenceOf, pairs);
}
