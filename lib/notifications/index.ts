/**
 * Notifications inside the app: replies to my notes, mentions (@Name in a note), new documents in my
 * seminars, and new notes and links in my seminars — the last as one digest row per seminar and
 * document that counts up until read, so a busy seminar does not flood the list.
 *
 * Rows are written in the same transaction as the change that causes them (./subscriber, for the
 * annotation store's announced writes, and the upload call these with their transaction), so a notification
 * never points at something that was rolled back. Nobody is told about something they may not read (lib/annotations/access), and nobody about
 * their own actions.
 *
 * Open badges follow live (./live.ts): they recount on their seminars' signals, which the live event log
 * sends after a write's transaction (lib/live/event-log), and on the user's own signal (./signal.ts), sent here after reading and by
 * the upload after publishing.
 */
import { Prisma } from "@/generated/prisma/client";
import { canReadInThread, type AudienceFields, type Viewer } from "@/lib/annotations/access";
import type { AnnotationDto } from "@/lib/annotations/types";
import { db } from "@/lib/db/client";
import { sqlRows } from "@/lib/db/read";
import { lockSeminarWrites } from "@/lib/db/seminar-lock";
import type { Role } from "@/lib/seminars";
import { announceNotifications } from "./signal";

type Tx = Prisma.TransactionClient;

export type NotificationType = "reply" | "mention" | "activity" | "document";
export const NOTIFICATION_TYPES: readonly NotificationType[] = ["reply", "mention", "activity", "document"];

export interface NotificationDto {
  id: string;
  type: NotificationType;
  seminarId: string;
  seminarTitle: string;
  annotationId: string | null;
  documentSlug: string | null;
  actorName: string | null;
  count: number;
  /** A short excerpt of the note (replies, mentions). */
  excerpt: string | null;
  createdAt: string;
  updatedAt: string;
  read: boolean;
}

function normalizeName(s: string): string {
  return s.normalize("NFC").toLocaleLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Members named with "@Name" in the text. Names may contain spaces ("@Anna Schmidt"): every member whose
 * full name follows an "@" (case-insensitive, at a word boundary) is mentioned; the longest name wins when one
 * name is a prefix of another ("@Anna Schmidt" does not also mention "Anna").
 */
export function findMentions(text: string, members: ReadonlyArray<{ userId: string; name: string }>): string[] {
  const lower = normalizeName(text.replace(/\s+/g, " "));
  const byLength = [...members].filter((m) => m.name.trim()).sort((a, b) => b.name.length - a.name.length);
  const found = new Set<string>();
  let at = lower.indexOf("@");
  while (at >= 0) {
    const rest = lower.slice(at + 1);
    const hit = byLength.find((m) => {
      const n = normalizeName(m.name);
      return rest.startsWith(n) && !/[\p{L}\p{N}]/u.test(rest.charAt(n.length));
    });
    if (hit) found.add(hit.userId);
    at = lower.indexOf("@", at + 1);
  }
  return [...found];
}

/** Notifications for a just-created annotation (call inside its transaction). */
export async function notifyForAnnotation(tx: Tx, a: AnnotationDto): Promise<void> {
  await notifyForAnnotations(tx, [a]);
}

/**
 * Notifications for annotations created together in one transaction (the annotation store writes
 * concurrent saves as one batch): the same rows as notifyForAnnotation for each in turn, with a handful
 * of queries for the whole batch instead of a handful per annotation.
 */
export async function notifyForAnnotations(tx: Tx, list: readonly AnnotationDto[]): Promise<void> {
  const seminarIds = [...new Set(list.map((a) => a.seminarId))];
  // Two batches of one seminar bump the same members' digests, each in its own order: serialize them with the
  // lock their events take anyway (lib/db/seminar-lock), instead of meeting in a deadlock. The annotation
  // writes' "notify" phase holds it already (lib/annotations/events); taking it again costs nothing.
  await lockSeminarWrites(tx, seminarIds);
  // The batch's hot statements are raw SQL (bound parameters, same text on SQLite and PostgreSQL): Prisma's
  // ORM calls cost 4–6 ms of CPU each here, more than everything else a batch of saves does.
  const allMembers = (
    await tx.$queryRaw<Array<{ seminarId: string; userId: string; role: string; name: string }>>`
      SELECT m."seminarId" AS "seminarId", m."userId" AS "userId", m."role" AS "role", u."name" AS "name"
      FROM "Membership" m JOIN "user" u ON u."id" = m."userId" WHERE m."seminarId" IN (${Prisma.join(seminarIds)})`
  ).map((m) => ({ ...m, user: { name: m.name } }));
  const rows: Prisma.NotificationCreateManyInput[] = [];
  // Digest bumps per seminar and document: how many of the batch's notes each member is told about.
  const digests = new Map<string, { seminarId: string; slug: string; counts: Map<string, number>; since: Date }>();

  for (const a of list) {
    const members = allMembers.filter((m) => m.seminarId === a.seminarId);
    const audience = { authorId: a.author.id, visibility: a.visibility, recipientId: a.recipientId, hidden: a.hidden, rootId: a.rootId };
    // A reply is read through its thread (access.ts): nobody is told of a reply in a thread they cannot see.
    const root = a.rootId ? await tx.annotation.findUnique({ where: { id: a.rootId }, select: audienceSelect }) : null;
    const mayRead = (m: { userId: string; role: string }) => canReadInThread({ userId: m.userId, role: m.role as Role } satisfies Viewer, audience, root);
    const told = new Set<string>([a.author.id]);
    const slug = a.targets[0]?.documentSlug ?? null;

    if (a.parentId) {
      const parent = a.parentId === a.rootId ? root : await tx.annotation.findUnique({ where: { id: a.parentId }, select: { authorId: true } });
      for (const authorId of [parent?.authorId, a.parentId === a.rootId ? null : root?.authorId]) {
        const m = members.find((x) => x.userId === authorId);
        if (!m || told.has(m.userId) || !mayRead(m)) continue;
        told.add(m.userId);
        rows.push({ userId: m.userId, type: "reply", seminarId: a.seminarId, annotationId: a.id, documentSlug: await rootSlug(tx, a), actorId: a.author.id });
      }
    }
    for (const userId of findMentions(
      a.bodyText,
      members.map((m) => ({ userId: m.userId, name: m.user.name })),
    )) {
      const m = members.find((x) => x.userId === userId)!;
      if (told.has(userId) || !mayRead(m)) continue;
      told.add(userId);
      rows.push({ userId, type: "mention", seminarId: a.seminarId, annotationId: a.id, documentSlug: slug ?? (await rootSlug(tx, a)), actorId: a.author.id });
    }

    // New notes and links (not replies or bare highlights): one unread digest per member, seminar and document.
    if (!a.parentId && (a.motivation === "commenting" || a.motivation === "linking") && slug) {
      const key = `${a.seminarId}\n${slug}`;
      let digest = digests.get(key);
      if (!digest) digests.set(key, (digest = { seminarId: a.seminarId, slug, counts: new Map(), since: new Date(a.createdAt) }));
      if (new Date(a.createdAt) < digest.since) digest.since = new Date(a.createdAt);
      for (const m of members) if (!told.has(m.userId) && mayRead(m)) digest.counts.set(m.userId, (digest.counts.get(m.userId) ?? 0) + 1);
    }
  }
  if (rows.length) await tx.notification.createMany({ data: rows });
  for (const d of digests.values()) if (d.counts.size) await bumpDigest(tx, d.counts, d.seminarId, d.slug, d.since);
}

/**
 * A note or link was deleted (call inside its transaction): take it out of the unread digests that counted
 * it, so "12 new notes" does not stay after 10 of them are gone. A digest counted the note when it was open
 * (unread) for that member, seminar and document when the note was written and the member could read it; a
 * digest left at 0 goes away. Returns the members whose badge changed (announce after the commit).
 */
export async function withdrawFromDigests(tx: Tx, a: AnnotationDto): Promise<string[]> {
  const slug = a.targets[0]?.documentSlug;
  if (a.parentId || !(a.motivation === "commenting" || a.motivation === "linking") || !slug) return [];
  // The same lock as the bumps: a save and a delete of one seminar never update digests in opposite orders.
  await lockSeminarWrites(tx, [a.seminarId]);
  const members = await tx.$queryRaw<Array<{ userId: string; role: string }>>`
    SELECT m."userId" AS "userId", m."role" AS "role" FROM "Membership" m WHERE m."seminarId" = ${a.seminarId}`;
  const audience = { authorId: a.author.id, visibility: a.visibility, recipientId: a.recipientId, hidden: a.hidden, rootId: null };
  const counted = members
    .filter((m) => m.userId !== a.author.id && canReadInThread({ userId: m.userId, role: m.role as Role }, audience, null))
    .map((m) => m.userId);
  if (!counted.length) return [];
  const open = await tx.notification.findMany({
    where: {
      userId: { in: counted },
      type: "activity",
      seminarId: a.seminarId,
      documentSlug: slug,
      readAt: null,
      createdAt: { lte: new Date(a.createdAt) },
      count: { gt: 0 },
    },
    select: { id: true, userId: true, count: true },
  });
  if (!open.length) return [];
  await tx.notification.updateMany({ where: { id: { in: open.map((o) => o.id) } }, data: { count: { decrement: 1 } } });
  const emptied = open.filter((o) => o.count <= 1).map((o) => o.id);
  if (emptied.length) await tx.notification.deleteMany({ where: { id: { in: emptied } } });
  return [...new Set(open.map((o) => o.userId))];
}

/** The columns canRead needs (access.ts). */
const audienceSelect = { authorId: true, visibility: true, recipientId: true, hidden: true, deletedAt: true } satisfies Record<keyof AudienceFields, true>;

async function rootSlug(tx: Tx, a: AnnotationDto): Promise<string | null> {
  if (a.targets[0]) return a.targets[0].documentSlug;
  if (!a.rootId) return null;
  const t = await tx.target.findFirst({ where: { annotationId: a.rootId, role: "target" }, select: { documentSlug: true } });
  return t?.documentSlug ?? null;
}

/**
 * Adds `counts` (member → notes) to each member's open digest, or opens one with that count. A digest opens
 * as of its first note's creation (`since`), so a deleted note can tell which open digests counted it.
 */
async function bumpDigest(tx: Tx, counts: ReadonlyMap<string, number>, seminarId: string, documentSlug: string, since: Date): Promise<void> {
  const now = new Date();
  const userIds = [...counts.keys()];
  const open = await tx.$queryRaw<Array<{ id: string; userId: string }>>`
    SELECT "id", "userId" FROM "Notification"
    WHERE "userId" IN (${Prisma.join(userIds)}) AND "seminarId" = ${seminarId} AND "documentSlug" = ${documentSlug} AND "type" = 'activity' AND "readAt" IS NULL`;
  // One UPDATE per distinct increment: usually one or two (a batch's authors count their own note less).
  const byIncrement = new Map<number, string[]>();
  for (const o of open) byIncrement.set(counts.get(o.userId)!, [...(byIncrement.get(counts.get(o.userId)!) ?? []), o.id]);
  for (const [k, ids] of byIncrement)
    await tx.$executeRaw`UPDATE "Notification" SET "count" = "count" + ${k}, "updatedAt" = ${now} WHERE "id" IN (${Prisma.join(ids)})`;
  const have = new Set(open.map((o) => o.userId));
  const fresh = userIds.filter((u) => !have.has(u));
  if (fresh.length)
    await tx.notification.createMany({
      data: fresh.map((userId) => ({
        userId,
        type: "activity",
        seminarId,
        documentSlug,
        count: counts.get(userId)!,
        createdAt: since < now ? since : now,
        updatedAt: now,
      })),
    });
}

/**
 * Every other member learns that a text was added to the seminar (call inside the publishing transaction).
 * Returns who was told: announce them (./signal) once the transaction committed.
 */
export async function notifyNewDocument(tx: Tx, input: { seminarId: string; slug: string; actorId: string }): Promise<string[]> {
  const members = await tx.membership.findMany({ where: { seminarId: input.seminarId, userId: { not: input.actorId } }, select: { userId: true } });
  if (members.length)
    await tx.notification.createMany({
      data: members.map((m) => ({ userId: m.userId, type: "document", seminarId: input.seminarId, documentSlug: input.slug, actorId: input.actorId })),
    });
  return members.map((m) => m.userId);
}

/** The badge's number and the seminars it counts (a live badge listens to exactly those). */
export async function unreadState(userId: string): Promise<{ unread: number; seminarIds: string[] }> {
  const seminarIds = (await db().membership.findMany({ where: { userId }, select: { seminarId: true } })).map((s) => s.seminarId);
  const unread = await db().notification.count({ where: { userId, readAt: null, seminarId: { in: seminarIds } } });
  return { unread, seminarIds };
}

/** Unread notifications of seminars the user still belongs to (the header badge). */
export async function unreadCount(userId: string): Promise<number> {
  // The header asks on every page: one joined count outside Prisma's pipeline (lib/db/read), as unreadState counts.
  const rows = await sqlRows<{ n: number | bigint }>`
    SELECT COUNT(*) AS "n" FROM "Notification" n
    JOIN "Membership" m ON m."seminarId" = n."seminarId" AND m."userId" = n."userId"
    WHERE n."userId" = ${userId} AND n."readAt" IS NULL`;
  return Number(rows[0]?.n ?? 0);
}

/** The newest notifications, unread first; annotations the user can no longer read are left out. */
export async function listNotifications(userId: string, limit = 100): Promise<NotificationDto[]> {
  const rows = await db().notification.findMany({
    where: { userId },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: limit,
  });
  const seminarIds = [...new Set(rows.map((r) => r.seminarId))];
  const memberships = await db().membership.findMany({
    where: { userId, seminarId: { in: seminarIds } },
    select: { seminarId: true, role: true, seminar: { select: { title: true } } },
  });
  const seminarOf = new Map(memberships.map((m) => [m.seminarId, m]));
  const annotationIds = rows.map((r) => r.annotationId).filter((x): x is string => !!x);
  const annotations = await db().annotation.findMany({
    where: { id: { in: annotationIds } },
    select: { ...audienceSelect, id: true, rootId: true, bodyText: true },
  });
  const annotationOf = new Map(annotations.map((a) => [a.id, a]));
  // Checked against the thread as it is now: a reply in a thread hidden or closed since shows no excerpt.
  const rootIds = [...new Set(annotations.map((a) => a.rootId).filter((id): id is string => !!id))];
  const roots = rootIds.length ? await db().annotation.findMany({ where: { id: { in: rootIds } }, select: { ...audienceSelect, id: true } }) : [];
  const rootOf = new Map(roots.map((r) => [r.id, r]));
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x))];
  const actors = await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  const actorOf = new Map(actors.map((u) => [u.id, u.name]));
  const out: NotificationDto[] = [];
  const spent: string[] = [];
  for (const r of rows) {
    const m = seminarOf.get(r.seminarId);
    const a = r.annotationId ? annotationOf.get(r.annotationId) : undefined;
    if (!m || (r.annotationId && (!a || !canReadInThread({ userId, role: m.role as Role }, a, a.rootId ? rootOf.get(a.rootId) : null)))) {
      // about something the user can no longer see: spent, so the badge does not count it forever
      if (!r.readAt) spent.push(r.id);
      continue;
    }
    out.push({
      id: r.id,
      type: r.type as NotificationType,
      seminarId: r.seminarId,
      seminarTitle: m.seminar.title,
      annotationId: r.annotationId,
      documentSlug: r.documentSlug,
      actorName: r.actorId ? (actorOf.get(r.actorId) ?? null) : null,
      count: r.count,
      excerpt: a ? (a.bodyText.length > 160 ? `${a.bodyText.slice(0, 159)}…` : a.bodyText) : null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      read: r.readAt !== null,
    });
  }
  if (spent.length) {
    await db().notification.updateMany({ where: { id: { in: spent } }, data: { readAt: new Date() } });
    announceNotifications([userId]);
  }
  return out;
}

/** Mark these notifications (the ones a page showed) read; only the user's own. */
export async function markRead(userId: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db().notification.updateMany({ where: { userId, id: { in: [...ids] }, readAt: null }, data: { readAt: new Date() } });
  if (r.count) announceNotifications([userId]); // the badge in the user's other tabs and devices
  return r.count;
}

export async function markAllRead(userId: string): Promise<number> {
  const r = await db().notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
  if (r.count) announceNotifications([userId]);
  return r.count;
}
