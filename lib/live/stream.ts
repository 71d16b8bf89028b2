/**
 * A member's view of a seminar's event history, and the Server-Sent Events stream built on it.
 * Events are read from the Event table (never from memory), filtered by what the subscriber may see
 * at their role; the bus only says when to look. Resuming with Last-Event-ID replays exactly the rows
 * after that id.
 */
import { canRead, type Viewer } from "@/lib/annotations/access";
import type { EventPayload } from "@/lib/annotations/store";
import type { AnnotationDto } from "@/lib/annotations/types";
import { postFirstGate } from "@/lib/teaching/post-first";
import { db } from "@/lib/db/client";
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

/** What this viewer is told about one stored event, or null if it concerns nothing they may see. */
export function viewEvent(viewer: Viewer, row: { id: number; type: string; payload: string }): LiveEvent | null {
  let payload: EventPayload;
  try {
    payload = JSON.parse(row.payload) as EventPayload;
  } catch {
    return null;
  }
  const a = payload.annotation;
  if (!a) return null;
  const now = { authorId: a.author.id, visibility: a.visibility, recipientId: a.recipientId, hidden: a.hidden };
  const before = payload.before;
  const sawBefore = before ? canRead(viewer, before) : false;
  if (row.type === "annotation.deleted") {
    return sawBefore ? { id: row.id, type: "annotation.deleted", data: { id: a.id, seminarId: a.seminarId } } : null;
  }
  if (canRead(viewer, now)) return { id: row.id, type: row.type, data: a };
  // It left this viewer's sight (made private, hidden by an instructor): tell them to drop it.
  if (sawBefore) return { id: row.id, type: "annotation.removed", data: { id: a.id, seminarId: a.seminarId } };
  return null;
}

/** Visible events after `afterId`, oldest first; `cursor` is the last row examined (visible or not). */
export async function eventsAfter(viewer: Viewer, seminarId: string, afterId: number, limit = 200): Promise<{ cursor: number; events: LiveEvent[] }> {
  // Committed rows only (lib/db/read: on SQLite its own connection): a stream must never pass over the
  // Event rows of a write still in progress, which may yet be rolled back and their ids given out again.
  const rows = (
    await sqlRows<{ id: number | bigint; type: string; payload: string }>`
      SELECT "id", "type", "payload" FROM "Event" WHERE "seminarId" = ${seminarId} AND "id" > ${afterId} ORDER BY "id" LIMIT ${limit}`
  ).map((r) => ({ ...r, id: Number(r.id) }));
  const events: LiveEvent[] = [];
  for (const row of rows) {
    const e = viewEvent(viewer, row);
    if (e) events.push(e);
  }
  return { cursor: rows.length ? rows[rows.length - 1].id : afterId, events: rows.length ? await withoutPostFirstHeld(viewer, seminarId, events) : events };
}

/** "Post first" (lib/teaching/post-first): classmates' threads on a locked document are not streamed either. */
async function withoutPostFirstHeld(viewer: Viewer, seminarId: string, events: LiveEvent[]): Promise<LiveEvent[]> {
  const gate = await postFirstGate(viewer, seminarId);
  if (!gate) return events;
  const rootIds = [...new Set(events.map((e) => (e.data as Partial<AnnotationDto>).rootId).filter((id): id is string => !!id))];
  const roots = rootIds.length ? await db().annotation.findMany({ where: { id: { in: rootIds } }, select: { id: true, authorId: true, targets: { select: { documentSlug: true } } } }) : [];
  const rootOf = new Map(roots.map((r) => [r.id, { authorId: r.authorId, slugs: r.targets.map((t) => t.documentSlug) }]));
  return events.filter((e) => {
    const a = e.data as Partial<AnnotationDto>;
    if (!a.author || !a.targets) return true; // deletions and removals only name an id
    const root = a.rootId ? rootOf.get(a.rootId) : { authorId: a.author.id, slugs: a.targets.map((t) => t.documentSlug) };
    return !root || !gate.hides(root.authorId, root.slugs);
  });
}

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
              const { cursor: next, events } = await eventsAfter(opts.viewer, opts.seminarId, cursor);
              if (closed) return;
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
