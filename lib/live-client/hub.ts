/**
 * One live connection per stream for many subscribers: the heart of the browser-wide event stream
 * (lib/live-client/shared-stream.worker.ts runs it in a SharedWorker for every tab of the browser).
 *
 * Why: over HTTP/1.1 a browser opens at most six connections per host, and a Server-Sent Events stream
 * holds one for as long as the page is open. One stream per tab (let alone one per provider) lets a few
 * reader tabs block every other page and save. The hub opens a stream once and fans its events out.
 *
 * Replay: a subscriber comes with the event id its data is current to (`after`). The hub keeps the
 * stream's recent events, so a late subscriber (a second tab, a reload) gets exactly what it missed.
 * When the buffer no longer reaches back that far, the subscriber is told "gap" and connects on its own.
 * Streams whose events carry a current value instead of a history ("latest": the unread count) replay
 * the last event of each type.
 *
 * Framework-free and transport-free: the EventSource is behind `OpenSource`, so it is tested with fakes.
 */

export interface LiveMessage {
  type: string;
  /** The event's data as sent (JSON text). */
  data: string;
  /** The event's id (a number as text), when the stream numbers its events. */
  id?: string;
}

export interface StreamSpec {
  /** The stream's address without the resume position; subscribers with the same url and member share it. */
  url: string;
  /**
   * Whose stream it is (the signed-in member's id). The server answers an events route per member, so a stream
   * opened for one member is never handed to another signed in later in the same browser.
   */
  member?: string;
  /** The event types the subscriber wants. */
  types: string[];
  /** "after": numbered events replayed after `after`; "latest": the last event of each type replayed. */
  replay: "after" | "latest";
  /** With "after": the event the subscriber's data is current to. */
  after?: number;
}

export type Delivery = { kind: "event"; message: LiveMessage } | { kind: "gap" };

export interface Source {
  listen(type: string): void;
  close(): void;
}

/** Open a stream at `url` (resuming after `after` when given); call `onMessage` for each event of a listened type. */
export type OpenSource = (url: string, after: number | undefined, onMessage: (m: LiveMessage) => void) => Source;

interface Subscriber {
  spec: StreamSpec;
  deliver: (d: Delivery) => void;
}

interface Stream {
  key: string;
  source: Source;
  types: Set<string>;
  subscribers: Map<string, Subscriber>;
  /** Numbered events newer than `floor`, oldest first. */
  buffer: LiveMessage[];
  /** Every event after this id went through the stream (and is in the buffer unless it overflowed). */
  floor: number | undefined;
  latest: Map<string, LiveMessage>;
  idleTimer?: ReturnType<typeof setTimeout>;
}

/** Streams are shared by address and member (StreamSpec.member). */
const streamKey = (spec: StreamSpec) => `${spec.member ?? ""} ${spec.url}`;

/** Append `after` as the stream's resume position (the events routes read `?after=`). */
export function withAfter(url: string, after: number | undefined): string {
  if (after === undefined) return url;
  return `${url}${url.includes("?") ? "&" : "?"}after=${after}`;
}

export class LiveHub {
  private streams = new Map<string, Stream>();
  private bySubscriber = new Map<string, Stream>();

  constructor(
    private readonly open: OpenSource,
    private readonly options: { bufferSize?: number; idleMs?: number } = {},
  ) {}

  /** Start delivering `spec`'s events to `deliver` (replaying what it missed). Ids are the caller's, unique. */
  subscribe(subscriberId: string, spec: StreamSpec, deliver: (d: Delivery) => void): void {
    this.unsubscribe(subscriberId);
    let stream = this.streams.get(streamKey(spec));
    if (stream && spec.replay === "after" && !this.canReplay(stream, spec.after)) {
      deliver({ kind: "gap" });
      return;
    }
    if (!stream) stream = this.start(spec);
    clearTimeout(stream.idleTimer);
    stream.idleTimer = undefined;
    for (const type of spec.types) {
      if (stream.types.has(type)) continue;
      stream.types.add(type);
      stream.source.listen(type);
    }
    const subscriber = { spec, deliver };
    stream.subscribers.set(subscriberId, subscriber);
    this.bySubscriber.set(subscriberId, stream);
    if (spec.replay === "after") {
      for (const m of stream.buffer) if (wants(subscriber, m)) deliver({ kind: "event", message: m });
    } else {
      for (const m of stream.latest.values()) if (wants(subscriber, m)) deliver({ kind: "event", message: m });
    }
  }

  unsubscribe(subscriberId: string): void {
    const stream = this.bySubscriber.get(subscriberId);
    if (!stream) return;
    this.bySubscriber.delete(subscriberId);
    stream.subscribers.delete(subscriberId);
    if (stream.subscribers.size > 0) return;
    // Kept open a moment: a reload or the next page of the same seminar subscribes again at once.
    stream.idleTimer = setTimeout(() => this.stop(stream), this.options.idleMs ?? 5000);
  }

  /** Close every stream at once (the tab that held them leaves); subscribers are forgotten. */
  closeAll(): void {
    for (const stream of this.streams.values()) {
      clearTimeout(stream.idleTimer);
      stream.source.close();
    }
    this.streams.clear();
    this.bySubscriber.clear();
  }

  /** How many streams are open (for diagnostics and tests). */
  get openStreams(): number {
    return this.streams.size;
  }

  private canReplay(stream: Stream, after: number | undefined): boolean {
    if (after === undefined) return true;
    return stream.floor !== undefined && after >= stream.floor;
  }

  private start(spec: StreamSpec): Stream {
    const stream: Stream = {
      key: streamKey(spec),
      types: new Set(),
      subscribers: new Map(),
      buffer: [],
      floor: spec.replay === "after" ? spec.after : undefined,
      latest: new Map(),
      source: undefined as unknown as Source,
    };
    stream.source = this.open(spec.url, spec.replay === "after" ? spec.after : undefined, (m) => this.receive(stream, m));
    this.streams.set(stream.key, stream);
    return stream;
  }

  private stop(stream: Stream): void {
    if (stream.subscribers.size > 0 || this.streams.get(stream.key) !== stream) return;
    stream.source.close();
    this.streams.delete(stream.key);
  }

  private receive(stream: Stream, m: LiveMessage): void {
    stream.latest.set(m.type, m);
    if (m.id !== undefined && /^\d+$/.test(m.id)) {
      stream.buffer.push(m);
      const max = this.options.bufferSize ?? 500;
      while (stream.buffer.length > max) stream.floor = Number(stream.buffer.shift()!.id);
    }
    for (const s of [...stream.subscribers.values()]) if (wants(s, m)) s.deliver({ kind: "event", message: m });
  }
}

function wants(s: Subscriber, m: LiveMessage): boolean {
  if (!s.spec.types.includes(m.type)) return false;
  if (s.spec.replay === "after" && s.spec.after !== undefined && m.id !== undefined && Number(m.id) <= s.spec.after) return false;
  return true;
}
