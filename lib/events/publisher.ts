/**
 * A write announces what happened; the modules that keep derived state subscribe. The module that owns the
 * rows (lib/annotations, lib/seminars) commits its write through `commit`, which runs the write and then, in
 * the same transaction, every subscriber of the events the write returned; after the commit it runs the work
 * the subscribers left for then (a live signal). So the owner imports none of its subscribers, and a
 * subscriber that throws rolls the whole write back.
 *
 * Order is explicit, never registration order by accident: a publisher names its phases in order, and the
 * subscribers of one phase all run before those of the next. Each phase must have a subscriber: a write
 * with nothing registered throws before it opens its transaction (lib/startup registers them, at every
 * entry point), so no write can skip its indexing, notifications or live delivery without anyone noticing.
 *
 * The registry lives on globalThis, like the live bus: Next bundles instrumentation.ts (which registers) apart
 * from the routes (which write), and a dev-server reload must not register twice (a name registered again
 * replaces its subscriber).
 */
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";

export type Tx = Prisma.TransactionClient;

/** Work a subscriber leaves for after the commit (signals that must not announce rows nobody can read yet). */
export type AfterCommit = () => void;

export interface Subscriber<Event, Phase extends string> {
  /** Unique within the publisher; registering the same name again replaces the subscriber. */
  name: string;
  phase: Phase;
  /** Runs inside the write's transaction with all of the write's events (a batch of saves has several). */
  handle(tx: Tx, events: readonly Event[]): Promise<void | AfterCommit>;
}

export interface PhaseSpec<Event, Phase extends string> {
  name: Phase;
  /** Runs in the transaction before the phase's subscribers (e.g. taking a lock they all rely on). */
  enter?: (tx: Tx, events: readonly Event[]) => Promise<void>;
}

export interface Written<Result, Event> {
  result: Result;
  /** What the write did; none (e.g. a lost race that changed nothing) announces nothing. */
  events: readonly Event[];
}

type Registry = Map<string, Map<string, Subscriber<unknown, string>>>;
const g = globalThis as unknown as { __synopseSubscribers?: Registry };
const registry = (): Registry => (g.__synopseSubscribers ??= new Map());

export class Publisher<Event extends { type: string }, Phase extends string> {
  constructor(
    /** The registry key (one per publishing module). */
    readonly name: string,
    readonly phases: ReadonlyArray<PhaseSpec<Event, Phase>>,
  ) {}

  private own(): Map<string, Subscriber<Event, Phase>> {
    let subs = registry().get(this.name);
    if (!subs) registry().set(this.name, (subs = new Map()));
    return subs as unknown as Map<string, Subscriber<Event, Phase>>;
  }

  subscribe(subscriber: Subscriber<Event, Phase>): () => void {
    if (!this.phases.some((p) => p.name === subscriber.phase)) throw new Error(`${this.name}: no phase "${subscriber.phase}"`);
    this.own().set(subscriber.name, subscriber);
    return () => {
      if (this.own().get(subscriber.name) === subscriber) this.own().delete(subscriber.name);
    };
  }

  /** Throws unless every phase has a subscriber (checked before a write starts). */
  assertReady(): void {
    const subs = [...this.own().values()];
    const empty = this.phases.filter((p) => !subs.some((s) => s.phase === p.name)).map((p) => p.name);
    if (empty.length) {
      throw new Error(`${this.name}: no subscriber for ${empty.join(", ")} — call installSubscribers() (lib/startup) at start-up`);
    }
  }

  /** Runs the phases' subscribers inside `tx`; returns their after-commit work. */
  async announce(tx: Tx, events: readonly Event[]): Promise<AfterCommit[]> {
    this.assertReady();
    if (events.length === 0) return [];
    const subs = [...this.own().values()];
    const after: AfterCommit[] = [];
    for (const phase of this.phases) {
      await phase.enter?.(tx, events);
      for (const s of subs.filter((x) => x.phase === phase.name)) {
        const then = await s.handle(tx, events);
        if (then) after.push(then);
      }
    }
    return after;
  }

  /**
   * One transaction: `write`, then its events announced. After the commit, the subscribers' after-commit work
   * (a failure there is logged: the write itself stands).
   */
  async commit<Result>(write: (tx: Tx) => Promise<Written<Result, Event>>, options?: { timeout?: number; maxWait?: number }): Promise<Result> {
    this.assertReady();
    let after: AfterCommit[] = [];
    const result = await db().$transaction(async (tx) => {
      const written = await write(tx);
      after = await this.announce(tx, written.events);
      return written.result;
    }, options);
    for (const then of after) {
      try {
        then();
      } catch (e) {
        console.error(`[${this.name}] after-commit work failed`, e);
      }
    }
    return result;
  }

  /** Drop every subscriber (tests of a write with nothing registered). */
  clear(): void {
    registry().delete(this.name);
  }
}
