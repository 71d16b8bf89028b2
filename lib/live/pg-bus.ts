/**
 * The live event bus for several app instances on one PostgreSQL database: LISTEN/NOTIFY.
 *
 * Each instance keeps ONE dedicated connection that LISTENs on a single channel. `publish` (called by
 * the event log after a write's transaction committed, ./event-log) sends `NOTIFY synopse_events, 'seminarId:eventId'`
 * through that connection; PostgreSQL delivers it to every listening instance — this one included — and
 * each re-dispatches it to its own SSE streams through an in-process bus. Only the signal travels; the
 * streams read the Event rows themselves (see bus.ts), so a lost signal is never lost data:
 *  - while the connection is down, publish signals local streams directly and remembers the newest event
 *    per seminar; after reconnecting it re-announces those, and it wakes every local stream once, so
 *    whatever other instances wrote in the gap is read from the table;
 *  - reconnects back off exponentially (100 ms … 5 s) and never give up.
 * Hand-written rather than a library (e.g. pg-listen) because the reconnect-and-catch-up rule is the part
 * that matters here and is ~40 lines on top of `pg`.
 */
import pg from "pg";
import { createInProcessBus, type EventBus, type EventSignalListener } from "./bus";

export const CHANNEL = "synopse_events";

export interface PgBusOptions {
  connectionString: string;
  channel?: string;
  /** Called on connection trouble (default: a one-line console warning). */
  log?: (message: string) => void;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface PgEventBus extends EventBus {
  /** Resolves once the first LISTEN is in place (rejects never: it keeps retrying). */
  ready(): Promise<void>;
  /** Whether the listening connection is up right now. */
  connected(): boolean;
  /** The PostgreSQL backend pid of the listening connection (null while down): for tests and diagnostics. */
  backendPid(): number | null;
  close(): Promise<void>;
}

/** `seminarId:eventId` → parts, or null for anything else (a foreign NOTIFY on the channel). */
export function parseSignal(payload: string | undefined): { seminarId: string; eventId: number } | null {
  if (!payload) return null;
  const i = payload.lastIndexOf(":");
  if (i <= 0) return null;
  const digits = payload.slice(i + 1);
  const eventId = Number(digits);
  if (!/^\d{1,15}$/.test(digits) || !Number.isSafeInteger(eventId)) return null;
  return { seminarId: payload.slice(0, i), eventId };
}

export function createPgBus(options: PgBusOptions): PgEventBus {
  const channel = options.channel ?? CHANNEL;
  const log = options.log ?? ((m: string) => console.warn(`[live] ${m}`));
  const minBackoff = options.minBackoffMs ?? 100;
  const maxBackoff = options.maxBackoffMs ?? 5000;
  const local = createInProcessBus();
  const subscribed = new Map<string, number>(); // seminarId → local subscriber count
  const unannounced = new Map<string, number>(); // published while disconnected: seminarId → newest event id

  let client: pg.Client | null = null;
  let isConnected = false;
  let closed = false;
  let backoff = minBackoff;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((r) => (resolveReady = r));

  const wakeAllLocal = () => {
    for (const seminarId of subscribed.keys()) local.publish(seminarId, 0);
  };

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, backoff);
    backoff = Math.min(backoff * 2, maxBackoff);
  };

  const dropClient = (c: pg.Client, reason: string) => {
    if (client !== c) return;
    client = null;
    if (isConnected) log(`listener connection lost (${reason}); reconnecting`);
    isConnected = false;
    c.removeAllListeners("notification");
    c.end().catch(() => {});
    scheduleReconnect();
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const c = new pg.Client({ connectionString: options.connectionString, keepAlive: true });
    client = c;
    c.on("error", (e) => dropClient(c, e.message));
    c.on("end", () => dropClient(c, "connection ended"));
    c.on("notification", (msg) => {
      if (msg.channel !== channel) return;
      const signal = parseSignal(msg.payload);
      if (signal) local.publish(signal.seminarId, signal.eventId);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (e) {
      dropClient(c, (e as Error).message);
      return;
    }
    if (client !== c || closed) return;
    isConnected = true;
    backoff = minBackoff;
    resolveReady();
    // Re-announce what was written here while we were deaf, then let every local stream re-read.
    const pending = [...unannounced];
    unannounced.clear();
    for (const [seminarId, eventId] of pending) notify(seminarId, eventId);
    wakeAllLocal();
  }

  function notify(seminarId: string, eventId: number) {
    const c = client;
    if (!c || !isConnected) {
      unannounced.set(seminarId, Math.max(eventId, unannounced.get(seminarId) ?? 0));
      local.publish(seminarId, eventId);
      return;
    }
    c.query("SELECT pg_notify($1, $2)", [channel, `${seminarId}:${eventId}`]).catch(() => {
      // The connection broke under us: local streams hear it now, others after the reconnect.
      unannounced.set(seminarId, Math.max(eventId, unannounced.get(seminarId) ?? 0));
      local.publish(seminarId, eventId);
    });
  }

  void connect();

  return {
    publish: notify,
    subscribe(seminarId: string, listener: EventSignalListener) {
      subscribed.set(seminarId, (subscribed.get(seminarId) ?? 0) + 1);
      const off = local.subscribe(seminarId, listener);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        off();
        const n = (subscribed.get(seminarId) ?? 1) - 1;
        if (n <= 0) subscribed.delete(seminarId);
        else subscribed.set(seminarId, n);
      };
    },
    ready: () => readyPromise,
    connected: () => isConnected,
    backendPid: () => (isConnected && client ? ((client as unknown as { processID?: number }).processID ?? null) : null),
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const c = client;
      client = null;
      isConnected = false;
      if (c) await c.end().catch(() => {});
    },
  };
}
