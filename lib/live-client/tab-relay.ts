/**
 * The browser's one connection per live stream where there is no SharedWorker (Chrome on Android, some private
 * modes) or no Web Locks for it: one tab of the browser, the leader, holds the connections in a LiveHub
 * (lib/live-client/hub.ts) and relays their events to the other tabs over a BroadcastChannel. Each member has
 * a channel and a leader of their own (lib/live-client/connect.ts names the channel by member), so tabs of two
 * people signed in one after the other in one browser never share a stream.
 *
 * Who leads is decided by broadcast-channel's leader election (Web Locks where the browser has them, which hand
 * leadership to the next tab when the leader closes; its own messages otherwise). What no library does is the
 * relaying with replay, so it is written here: a follower keeps each subscription's position (the id of the
 * last event it got, as Last-Event-ID does); when a new leader takes over it asks everyone for their
 * subscriptions, gathers them for a moment and opens each stream at the oldest position, so every follower
 * gets exactly what it missed while no one led. A subscription the leader cannot replay ("gap") connects on its own.
 *
 * Framework- and transport-free: the channel, the election, the hub and the tab's own EventSource are passed
 * in, so it is tested with fakes (tab-relay.test.ts).
 */
import { LiveHub, type Delivery, type LiveMessage, type StreamSpec } from "./hub";

export type RelayMessage =
  /** A follower's subscription, sent to whoever leads (and again when a new leader asks). */
  | { op: "subscribe"; tabId: string; id: string; spec: StreamSpec }
  | { op: "unsubscribe"; id: string }
  /** A tab is going away: the leader drops its subscriptions. */
  | { op: "bye"; tabId: string }
  /** A tab has just become the leader: every follower sends its subscriptions again. */
  | { op: "leader"; tabId: string }
  | { op: "delivery"; id: string; delivery: Delivery };

export interface RelayChannel {
  post(m: RelayMessage): void;
  /** Messages of the other tabs (a BroadcastChannel does not hear itself). */
  listen(handler: (m: RelayMessage) => void): void;
}

export interface Election {
  /** Resolves when this tab leads (perhaps never). */
  awaitLeadership(): Promise<void>;
  /** Stop leading or waiting to lead (the tab goes away): another tab takes over. */
  abdicate(): void;
}

export interface RelayOptions {
  tabId: string;
  channel: RelayChannel;
  /** A fresh election for this tab (again after it comes back from the back/forward cache). */
  elect: () => Election;
  /** The hub a leader holds its connections in. */
  openHub: () => LiveHub;
  /** This tab's own connection, for a subscription the leader cannot replay. */
  ownSource: (spec: StreamSpec, handler: (m: LiveMessage) => void) => () => void;
  /** Where the browser can tell: call `gone` once the tab `tabId` is closed (the leader then drops its subscriptions). */
  watchTab?: (tabId: string, gone: () => void) => void;
  /** How long a new leader gathers subscriptions before it opens streams (ms). */
  settleMs?: number;
}

interface Subscription {
  spec: StreamSpec;
  handler: (m: LiveMessage) => void;
  /** The tab's own connection after a gap. */
  closeOwn?: () => void;
}

interface Pending {
  id: string;
  spec: StreamSpec;
  deliver: (d: Delivery) => void;
}

export class TabRelay {
  private subscriptions = new Map<string, Subscription>();
  private counter = 0;
  private election: Election | null = null;
  /** Set while this tab leads. */
  private hub: LiveHub | null = null;
  /** Subscriptions a new leader gathers before it opens streams; null once it has. */
  private gathering: Pending[] | null = null;
  private followers = new Map<string, Set<string>>();
  private watched = new Set<string>();
  private active = false;

  constructor(private readonly options: RelayOptions) {
    options.channel.listen((m) => this.onMessage(m));
    this.start();
  }

  get leading(): boolean {
    return this.hub !== null;
  }

  /** Deliver the stream's events to `handler` until the returned function is called. */
  subscribe(spec: StreamSpec, handler: (m: LiveMessage) => void): () => void {
    const id = `${this.options.tabId}:${++this.counter}`;
    const subscription: Subscription = { spec: { ...spec }, handler };
    this.subscriptions.set(id, subscription);
    if (this.hub) this.lead(id, subscription.spec, (d) => this.receive(id, d));
    else this.options.channel.post({ op: "subscribe", tabId: this.options.tabId, id, spec: subscription.spec });
    return () => {
      subscription.closeOwn?.();
      if (!this.subscriptions.delete(id)) return;
      if (this.hub) this.hub.unsubscribe(id);
      else this.options.channel.post({ op: "unsubscribe", id });
    };
  }

  /** The page goes away (pagehide): give up leading, tell the leader. */
  suspend(): void {
    if (!this.active) return;
    this.active = false;
    this.election?.abdicate();
    this.election = null;
    this.hub?.closeAll();
    this.hub = null;
    this.gathering = null;
    this.followers.clear();
    this.options.channel.post({ op: "bye", tabId: this.options.tabId });
  }

  /** The page is shown again from the back/forward cache: stand for election and subscribe again. */
  resume(): void {
    if (this.active) return;
    this.start();
    for (const [id, s] of this.subscriptions) this.options.channel.post({ op: "subscribe", tabId: this.options.tabId, id, spec: s.spec });
  }

  private start(): void {
    this.active = true;
    const election = this.options.elect();
    this.election = election;
    void election.awaitLeadership().then(
      () => {
        if (this.election === election && this.active) this.becomeLeader();
      },
      () => {},
    );
  }

  private becomeLeader(): void {
    this.hub = this.options.openHub();
    this.gathering = [];
    for (const [id, s] of this.subscriptions) if (!s.closeOwn) this.gathering.push({ id, spec: s.spec, deliver: (d) => this.receive(id, d) });
    this.options.channel.post({ op: "leader", tabId: this.options.tabId });
    setTimeout(() => this.openGathered(), this.options.settleMs ?? 150);
  }

  /** Oldest position first: the stream opens there and can replay to everyone after it. */
  private openGathered(): void {
    const gathered = this.gathering;
    this.gathering = null;
    if (!gathered || !this.hub) return;
    const position = (p: Pending) => (p.spec.replay === "after" && p.spec.after !== undefined ? p.spec.after : Infinity);
    gathered.sort((a, b) => position(a) - position(b));
    for (const p of gathered) this.hub.subscribe(p.id, p.spec, p.deliver);
  }

  private lead(id: string, spec: StreamSpec, deliver: (d: Delivery) => void): void {
    if (this.gathering) {
      this.gathering = this.gathering.filter((p) => p.id !== id);
      this.gathering.push({ id, spec, deliver });
    } else this.hub?.subscribe(id, spec, deliver);
  }

  private onMessage(m: RelayMessage): void {
    if (!this.active) return;
    switch (m.op) {
      case "delivery":
        this.receive(m.id, m.delivery);
        return;
      case "leader":
        // Another tab leads now (this one too, if elections without locks ever overlap: ids keep it exact).
        for (const [id, s] of this.subscriptions) if (!s.closeOwn) this.options.channel.post({ op: "subscribe", tabId: this.options.tabId, id, spec: s.spec });
        return;
    }
    if (!this.hub) return;
    switch (m.op) {
      case "subscribe": {
        let ids = this.followers.get(m.tabId);
        if (!ids) this.followers.set(m.tabId, (ids = new Set()));
        ids.add(m.id);
        this.lead(m.id, m.spec, (delivery) => this.options.channel.post({ op: "delivery", id: m.id, delivery }));
        if (this.options.watchTab && !this.watched.has(m.tabId)) {
          this.watched.add(m.tabId);
          this.options.watchTab(m.tabId, () => this.dropTab(m.tabId));
        }
        return;
      }
      case "unsubscribe":
        this.gathering = this.gathering?.filter((p) => p.id !== m.id) ?? null;
        this.hub.unsubscribe(m.id);
        return;
      case "bye":
        this.dropTab(m.tabId);
        return;
    }
  }

  private dropTab(tabId: string): void {
    this.watched.delete(tabId);
    const ids = this.followers.get(tabId);
    this.followers.delete(tabId);
    for (const id of ids ?? []) {
      this.gathering = this.gathering?.filter((p) => p.id !== id) ?? null;
      this.hub?.unsubscribe(id);
    }
  }

  /** An event or a gap for one of this tab's subscriptions; an event it already had is skipped. */
  private receive(id: string, delivery: Delivery): void {
    const s = this.subscriptions.get(id);
    if (!s || s.closeOwn) return;
    if (delivery.kind === "gap") {
      if (this.hub) this.hub.unsubscribe(id);
      else this.options.channel.post({ op: "unsubscribe", id });
      s.closeOwn = this.options.ownSource(s.spec, (m) => this.handle(s, m));
      return;
    }
    this.handle(s, delivery.message);
  }

  /** Keep the subscription's position (Last-Event-ID): a new leader replays from there, and nothing twice. */
  private handle(s: Subscription, m: LiveMessage): void {
    if (s.spec.replay === "after" && m.id !== undefined && /^\d+$/.test(m.id)) {
      const n = Number(m.id);
      if (s.spec.after !== undefined && n <= s.spec.after) return;
      s.spec.after = n;
    }
    s.handler(m);
  }
}
