/**
 * A member's view of a seminar's event history, and the Server-Sent Events stream built on it.
 *
 * An Event row says only that annotation X changed (and who could see X just before); it holds no text.
 * What a member is sent is decided when it is sent: X is read as it is now, with its thread's root
 * (lib/annotations/current), and checked with the same rule as a single GET (canReadInThread), with the
 * member's role as it is now. So a live event, a reconnect with Last-Event-ID and a replay from 0 all show
 * exactly what the member may see at that moment: never a deleted note, never text edited away, never a
 * reply in a thread that was hidden or closed. The bus only says when to look.
 */
import { canRead, canReadInThread, type Viewer } from "@/lib/annotations/access";
import { currentAnnotations, type CurrentAnnotation } from "@/lib/annotations/current";
import type { EventPayload } from "./event-log";
import type { AnnotationDto } from "@/lib/annotations/types";
import type { Role } from "@/lib/seminars";
import { postFirstGate } from "@/lib/annotations/post-first";
import { sqlRows } from "@/lib/db/read";
import { eventBus, type EventBus } from "./bus";

export interface LiveEvent {
  id: number;
  type: string;
  data: unknown;
}

/** Latest event id of a seminar (0 when none): where a client that just loaded a list starts. */
export async function latestEventId(seminarId: string): Promise<number> {
  const rows = await sqlRows<{ id: number | bigint | null }>`SELECT MAX("id") AS "id" FROM "Event" WHERE "seminarId" = ${seminarId}`;
  return Number(rows[0]?.id ?? 0);
}

export interface EventRow {
  id: number;
  type: string;
  annotationId: string | null;
  /** EventPayload (JSON): who could see the annotation just before the change. */
  payload: string;
  createdAt: Date;
}

/**
 * What this viewer is told now about one stored event, or null. `current` is the annotation as it is now
 * (undefined when its row is gone); `memberSince` is when the viewer joined the seminar.
 */
export function viewEvent(viewer: Viewer, memberSince: Date, row: EventRow, current: CurrentAnnotation | undefined): LiveEvent | null {
  if (!current) return null;
  const { dto, audience, root } = current;
  if (canReadInThread(viewer, audience, root)) return { id: row.id, type: row.type, data: dto };
  // Not visible now (deleted, hidden, closed, or its thread is). Say only "drop it", and only to whoever may
  // hold it in a pane: someone who could see it just before this change, as a member already then. A reply
  // whose root they cannot see now needs no word: the root's own event drops the whole thread.
  if (row.type === "annotation.created" || row.createdAt < memberSince) return null;
  if (root && !canRead(viewer, root)) return null;
  let before: EventPayload["before"];
  try {
    before = (JSON.parse(row.payload) as EventPayload).before;
  } catch {
    return null;
  }
  if (!before || !canRead(viewer, { ...before, authorId: audience.authorId })) return null;
  return { id: row.id, type: row.type === "annotation.deleted" ? "annotation.deleted" : "annotation.removed", data: { id: dto.id, seminarId: dto.seminarId } };
}

/**
 * Visible events after `afterId`, oldest first; `cursor` is the last row examined (visible or not). The
 * viewer's role is read again here (a member made instructor or student since sees accordingly); `member`
 * is false once they no longer belong to the seminar, and nothing is sent then.
 */
export async function eventsAfter(
  viewer: Viewer,
  seminarId: string,
  afterId: number,
  limit = 200,
): Promise<{ cursor: number; events: LiveEvent[]; member: boolean }> {
  // Committed rows only (lib/db/read: on SQLite its own connection). Ids become visible in id order within
  // a seminar (./event-log.ts), so moving the cursor past what was read never skips a row.
  const rows = (
    await sqlRows<{ id: number | bigint; type: string; annotationId: string | null; payload: string; createdAt: unknown }>`
      SELECT "id", "type", "annotationId", "payload", "createdAt" FROM "Event" WHERE "seminarId" = ${seminarId} AND "id" > ${afterId} ORDER BY "id" LIMIT ${limit}`
  ).map((r) => ({ ...r, id: Number(r.id), createdAt: toDate(r.createdAt) }));
  if (rows.length === 0) return { cursor: afterId, events: [], member: true };
  const cursor = rows[rows.length - 1].id;
  const membership = (
    await sqlRows<{
      role: string;
      createdAt: unknown;
    }>`SELECT "role", "createdAt" FROM "Membership" WHERE "seminarId" = ${seminarId} AND "userId" = ${viewer.userId}`
  )[0];
  if (!membership) return { cursor, events: [], member: false };
  const now: Viewer = { userId: viewer.userId, role: membership.role as Role };
  const memberSince = toDate(membership.createdAt);
  const current = await currentAnnotations(rows.map((r) => r.annotationId).filter((id): id is string => !!id));
  const gate = await postFirstGate(now, seminarId);
  const events: LiveEvent[] = [];
  for (const row of rows) {
    const annotation = row.annotationId ? current.get(row.annotationId) : undefined;
    const e = viewEvent(now, memberSince, row, annotation);
    if (!e) continue;
    // "Post first" (lib/teaching/post-first): classmates' threads on a locked document are not streamed either.
    if (gate && annotation && e.data === annotation.dto) {
      const root = annotation.root ?? { authorId: annotation.audience.authorId, slugs: annotation.dto.targets.map((t) => t.documentSlug) };
      if (gate.hides(root.authorId, root.slugs)) continue;
    }
    events.push(e);
    if (annotation && e.data === annotation.dto && !annotation.audience.rootId && cameIntoSight(now, row, annotation)) {
      events.push(...(await repliesNowVisible(now, annotation.dto.id)).map((data) => ({ id: row.id, type: "annotation.updated", data })));
    }
  }
  return { cursor, events, member: true };
}

/** Whether this change made a root visible to the viewer (shown again, or its audience widened to them). */
function cameIntoSight(viewer: Viewer, row: EventRow, root: CurrentAnnotation): boolean {
  if (row.type !== "annotation.unhidden" && row.type !== "annotation.updated") return false;
  try {
    const before = (JSON.parse(row.payload) as EventPayload).before;
    return !!before && !canRead(viewer, { ...before, authorId: root.audience.authorId });
  } catch {
    return false;
  }
}

/** Most replies sent when a thread comes into sight (a longer thread shows the rest on the next page load). */
const MAX_REPLIES_BROUGHT_BACK = 500;

/**
 * A thread that comes (back) into sight brings its replies: the panes dropped them with the root, and no event
 * of their own will send them again. Sent as updates of the same event id, readable ones only.
 */
async function repliesNowVisible(viewer: Viewer, rootId: string): Promise<AnnotationDto[]> {
  const ids = (
    await sqlRows<{
      id: string;
    }>`SELECT "id" FROM "Annotation" WHERE "rootId" = ${rootId} AND "deletedAt" IS NULL ORDER BY "createdAt", "id" LIMIT ${MAX_REPLIES_BROUGHT_BACK}`
  ).map((r) => r.id);
  const current = await currentAnnotations(ids);
  return ids
    .map((id) => current.get(id))
    .filter((a): a is CurrentAnnotation => !!a && canReadInThread(viewer, a.audience, a.root))
    .map((a) => a.dto);
}

const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string | number));

export function formatSse(e: LiveEvent): string {
  return `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

export interface StreamOptions {
  viewer: Viewer;
  seminarId: string;
  /** Resume after this event id (Last-Event-ID); undefined = only new events from now on. */
  after?: number;
  signal?: AbortSignal;
  bus?: EventBus;
  heartbeatMs?: number;
}

/** A text/event-stream body: replay after `after`, then live events until the client goes away. */
export function seminarEventStream(opts: StreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const bus = opts.bus ?? eventBus();
  let cursor = 0;
  let closed = false;
  let pumping = false;
  let again = false;
  let unsubscribe = () => {};
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        if (heartbeat) clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      // Reads everything after the cursor; a signal arriving mid-read schedules one more pass.
      const pump = async () => {
        if (pumping) {
          again = true;
          return;
        }
        pumping = true;
        try {
          do {
            again = false;
            for (;;) {
              const { cursor: next, events, member } = await eventsAfter(opts.viewer, opts.seminarId, cursor);
              if (closed) return;
              if (!member) return close(); // left or removed from the seminar: nothing more to send
              for (const e of events) controller.enqueue(encoder.encode(formatSse(e)));
              if (next === cursor) break;
              cursor = next;
            }
          } while (again && !closed);
        } catch {
          close();
        } finally {
          pumping = false;
        }
      };
      opts.signal?.addEventListener("abort", close);
      // Subscribe before the first read, so nothing committed in between is missed.
      unsubscribe = bus.subscribe(opts.seminarId, () => void pump());
      cursor = opts.after ?? (await latestEventId(opts.seminarId));
      controller.enqueue(encoder.encode(`retry: 3000\n: connected\n\n`));
      heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(`: keep-alive\n\n`));
      }, opts.heartbeatMs ?? 25_000);
      await pump();
    },
    cancel() {
      closed = true;
      unsubscribe();
      if (heartbeat) clearInterval(heartbeat);
    },
  });
}
