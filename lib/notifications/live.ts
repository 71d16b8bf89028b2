/**
 * The header badge, live: a Server-Sent Events stream of one user's unread count. It sends the count when
 * it opens and again whenever it changes (`event: unread`, `data: {"unread":N}`), and nothing else.
 *
 * When to recount comes from the live bus, never from memory of this process, so it works across app
 * instances (PostgreSQL LISTEN/NOTIFY, lib/live/pg-bus):
 *  - the signals of every seminar the user belongs to — the event log sends one after each committed
 *    change (lib/live/event-log), and replies, mentions and new-note digests are written in that same transaction;
 *  - the user's own signal (./signal.ts): read elsewhere (another tab, the list page), a new text published.
 * Every recount reads the table, so a missed or duplicated signal costs nothing; after a reconnect pg-bus
 * wakes every stream, which recounts.
 */
import { eventBus, type EventBus } from "@/lib/live/bus";
import { unreadState } from "./index";
import { notificationsChannel } from "./signal";

export interface UnreadStreamOptions {
  userId: string;
  signal?: AbortSignal;
  bus?: EventBus;
  heartbeatMs?: number;
}

export function formatUnread(unread: number): string {
  return `event: unread\ndata: ${JSON.stringify({ unread })}\n\n`;
}

export function unreadCountStream(opts: UnreadStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const bus = opts.bus ?? eventBus();
  const own = notificationsChannel(opts.userId);
  const listening = new Map<string, () => void>(); // bus key → unsubscribe
  let closed = false;
  let counting = false;
  let again = false;
  let sent = -1;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const stopListening = () => {
    for (const off of listening.values()) off();
    listening.clear();
    if (heartbeat) clearInterval(heartbeat);
  };

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        stopListening();
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      const listen = (key: string) => {
        if (listening.has(key)) return false;
        listening.set(
          key,
          bus.subscribe(key, () => void recount()),
        );
        return true;
      };
      // One count at a time; signals arriving meanwhile ask for one more.
      const recount = async () => {
        if (counting) {
          again = true;
          return;
        }
        counting = true;
        try {
          do {
            again = false;
            const { unread, seminarIds } = await unreadState(opts.userId);
            if (closed) return;
            // Follow the memberships: a seminar joined since the last count starts counting; one left stops.
            // A newly heard seminar may have had a change between this count and the subscription: count again.
            for (const id of seminarIds) if (listen(id)) again = true;
            for (const [key, off] of listening) {
              if (key !== own && !seminarIds.includes(key)) {
                off();
                listening.delete(key);
              }
            }
            if (unread !== sent) {
              sent = unread;
              controller.enqueue(encoder.encode(formatUnread(unread)));
            }
          } while (again && !closed);
        } catch {
          close(); // the browser reconnects (retry:) and starts from a fresh count
        } finally {
          counting = false;
        }
      };
      opts.signal?.addEventListener("abort", close);
      listen(own);
      controller.enqueue(encoder.encode(`retry: 3000\n: connected\n\n`));
      heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(`: keep-alive\n\n`));
      }, opts.heartbeatMs ?? 25_000);
      await recount();
    },
    cancel() {
      closed = true;
      stopListening();
    },
  });
}
