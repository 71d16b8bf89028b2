import { afterEach, describe, expect, it, vi } from "vitest";
import { LiveHub, withAfter, type Delivery, type LiveMessage } from "./hub";

/** A fake transport: records opened streams; `emit` plays an event on one. */
function fakeTransport() {
  const opened: Array<{ url: string; after: number | undefined; types: string[]; closed: boolean; emit: (m: LiveMessage) => void }> = [];
  const open = (url: string, after: number | undefined, onMessage: (m: LiveMessage) => void) => {
    const s = { url, after, types: [] as string[], closed: false, emit: (m: LiveMessage) => s.types.includes(m.type) && !s.closed && onMessage(m) };
    opened.push(s);
    return { listen: (t: string) => void s.types.push(t), close: () => void (s.closed = true) };
  };
  return { opened, open };
}

const seminar = (after: number) => ({ url: "/api/seminars/s1/events", types: ["annotation.created"], replay: "after" as const, after });
const created = (id: number): LiveMessage => ({ type: "annotation.created", data: `{"n":${id}}`, id: String(id) });
const events = (got: Delivery[]) => got.flatMap((d) => (d.kind === "event" ? [d.message.id] : ["gap"]));

afterEach(() => vi.useRealTimers());

describe("LiveHub", () => {
  it("opens one connection for many subscribers of a stream and delivers each event to all", () => {
    const t = fakeTransport();
    const hub = new LiveHub(t.open);
    const a: Delivery[] = [];
    const b: Delivery[] = [];
    hub.subscribe("a", seminar(10), (d) => a.push(d));
    hub.subscribe("b", seminar(10), (d) => b.push(d));
    t.opened[0].emit(created(11));
    expect(t.opened).toHaveLength(1);
    expect(t.opened[0].after).toBe(10);
    expect(events(a)).toEqual(["11"]);
    expect(events(b)).toEqual(["11"]);
  });

  it("replays to a late subscriber exactly the events after its own position", () => {
    const t = fakeTransport();
    const hub = new LiveHub(t.open);
    hub.subscribe("a", seminar(10), () => {});
    for (const id of [11, 12, 13]) t.opened[0].emit(created(id));
    const late: Delivery[] = [];
    hub.subscribe("late", seminar(12), (d) => late.push(d));
    t.opened[0].emit(created(14));
    expect(events(late)).toEqual(["13", "14"]);
  });

  it("says gap to a subscriber older than what the stream still holds, so it connects on its own", () => {
    const t = fakeTransport();
    const hub = new LiveHub(t.open, { bufferSize: 2 });
    hub.subscribe("a", seminar(10), () => {});
    for (const id of [11, 12, 13]) t.opened[0].emit(created(id));
    const old: Delivery[] = [];
    hub.subscribe("old", seminar(9), (d) => old.push(d));
    const behindBuffer: Delivery[] = [];
    hub.subscribe("behind", seminar(11), (d) => behindBuffer.push(d));
    expect(events(old)).toEqual(["gap"]);
    expect(events(behindBuffer)).toEqual(["12", "13"]);
  });

  it("replays the latest value of a stream of current values (the unread count)", () => {
    const t = fakeTransport();
    const hub = new LiveHub(t.open);
    const spec = { url: "/api/notifications/events", types: ["unread"], replay: "latest" as const };
    hub.subscribe("a", spec, () => {});
    t.opened[0].emit({ type: "unread", data: '{"unread":1}' });
    t.opened[0].emit({ type: "unread", data: '{"unread":2}' });
    const late: Delivery[] = [];
    hub.subscribe("b", spec, (d) => late.push(d));
    expect(late).toEqual([{ kind: "event", message: { type: "unread", data: '{"unread":2}' } }]);
    expect(t.opened[0].after).toBeUndefined();
  });

  it("closes a stream a moment after its last subscriber leaves, and keeps it for one who comes back", () => {
    vi.useFakeTimers();
    const t = fakeTransport();
    const hub = new LiveHub(t.open, { idleMs: 1000 });
    hub.subscribe("a", seminar(10), () => {});
    hub.unsubscribe("a");
    vi.advanceTimersByTime(500);
    hub.subscribe("again", seminar(10), () => {});
    vi.advanceTimersByTime(2000);
    expect(t.opened).toHaveLength(1);
    expect(t.opened[0].closed).toBe(false);
    hub.unsubscribe("again");
    vi.advanceTimersByTime(1000);
    expect(t.opened[0].closed).toBe(true);
    expect(hub.openStreams).toBe(0);
  });

  it("listens to a type a later subscriber adds, and gives nobody a type they did not ask for", () => {
    const t = fakeTransport();
    const hub = new LiveHub(t.open);
    const a: Delivery[] = [];
    hub.subscribe("a", seminar(10), (d) => a.push(d));
    hub.subscribe("b", { ...seminar(10), types: ["annotation.deleted"] }, () => {});
    t.opened[0].emit({ type: "annotation.deleted", data: "{}", id: "11" });
    expect(t.opened[0].types).toEqual(["annotation.created", "annotation.deleted"]);
    expect(a).toEqual([]);
  });

  it("never shares a stream between two members signed in one after the other in one browser", () => {
    const t = fakeTransport();
    const hub = new LiveHub(t.open);
    const anna: Delivery[] = [];
    const ben: Delivery[] = [];
    hub.subscribe("a", { ...seminar(10), member: "anna" }, (d) => anna.push(d));
    t.opened[0].emit(created(11));
    hub.subscribe("b", { ...seminar(10), member: "ben" }, (d) => ben.push(d));
    expect(t.opened).toHaveLength(2);
    expect(events(ben)).toEqual([]);
    t.opened[1].emit(created(12));
    expect(events(anna)).toEqual(["11"]);
    expect(events(ben)).toEqual(["12"]);
  });

  it("puts the resume position in the address", () => {
    expect(withAfter("/e", 5)).toBe("/e?after=5");
    expect(withAfter("/e?x=1", 5)).toBe("/e?x=1&after=5");
    expect(withAfter("/e", undefined)).toBe("/e");
  });
});
