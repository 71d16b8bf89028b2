import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LiveHub, type LiveMessage, type StreamSpec } from "./hub";
import { TabRelay, type Election, type RelayChannel, type RelayMessage } from "./tab-relay";

/**
 * A browser in miniature: a BroadcastChannel (asynchronous, structured clones, never heard by its sender), a
 * Web Lock for the election (granted to one tab at a time, in the order asked, passed on when its holder
 * lets go) and the network (every EventSource any tab opens).
 */
function fakeBrowser(options: { overlappingLeaders?: number } = {}) {
  const listeners = new Set<(m: RelayMessage) => void>();
  const channel = (): RelayChannel => {
    let own: ((m: RelayMessage) => void) | undefined;
    return {
      post: (m) => {
        const copy = structuredClone(m);
        for (const l of listeners) if (l !== own) queueMicrotask(() => l(copy));
      },
      listen: (h) => {
        own = h;
        listeners.add(h);
      },
    };
  };

  const waiting: Array<{ grant: () => void; granted: boolean }> = [];
  const promote = () => {
    const head = waiting[0];
    if (head && !head.granted) {
      head.granted = true;
      head.grant();
    }
  };
  let elected = 0;
  const elect = (): Election => {
    let grant = () => {};
    const leadership = new Promise<void>((resolve) => (grant = resolve));
    const entry = { grant, granted: false };
    // Elections without locks: the first tabs may all believe they lead.
    if (options.overlappingLeaders !== undefined) {
      if (elected++ < options.overlappingLeaders) queueMicrotask(grant);
    } else waiting.push(entry);
    queueMicrotask(promote);
    return {
      awaitLeadership: () => leadership,
      abdicate: () => {
        const i = waiting.indexOf(entry);
        if (i >= 0) waiting.splice(i, 1);
        queueMicrotask(promote);
      },
    };
  };

  const network: Array<{ url: string; after: number | undefined; types: string[]; closed: boolean; emit: (m: LiveMessage) => void }> = [];
  const open = (url: string, after: number | undefined, onMessage: (m: LiveMessage) => void) => {
    const s = { url, after, types: [] as string[], closed: false, emit: (m: LiveMessage) => s.types.includes(m.type) && !s.closed && onMessage(m) };
    network.push(s);
    return { listen: (t: string) => void s.types.push(t), close: () => void (s.closed = true) };
  };
  const own: Array<{ spec: StreamSpec; emit: (m: LiveMessage) => void; closed: boolean }> = [];
  const tabGone = new Map<string, () => void>();

  let n = 0;
  const tab = (options: { watchTabs?: boolean } = {}) => {
    const tabId = `tab${++n}`;
    return new TabRelay({
      tabId,
      channel: channel(),
      elect,
      openHub: () => new LiveHub(open, { idleMs: 1000 }),
      ownSource: (spec, handler) => {
        const entry = { spec: { ...spec }, emit: handler, closed: false };
        own.push(entry);
        return () => void (entry.closed = true);
      },
      watchTab: options.watchTabs ? (id, gone) => void tabGone.set(id, gone) : undefined,
      settleMs: 100,
    });
  };
  const live = () => network.filter((s) => !s.closed);
  return { tab, network, live, own, tabGone };
}

const seminar = (after: number): StreamSpec => ({ url: "/api/seminars/s1/events", member: "anna", types: ["annotation.created"], replay: "after", after });
const created = (id: number): LiveMessage => ({ type: "annotation.created", data: `{"n":${id}}`, id: String(id) });
const settle = () => vi.advanceTimersByTimeAsync(200);

function collect() {
  const got: string[] = [];
  return { got, handler: (m: LiveMessage) => void got.push(m.id ?? m.data) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("TabRelay", () => {
  it("gives six tabs one connection, and every tab every event", async () => {
    const browser = fakeBrowser();
    const tabs = Array.from({ length: 6 }, () => browser.tab());
    const seen = tabs.map(() => collect());
    tabs.forEach((t, i) => t.subscribe(seminar(10), seen[i].handler));
    await settle();
    expect(tabs.filter((t) => t.leading)).toHaveLength(1);
    expect(browser.network).toHaveLength(1);
    expect(browser.network[0].after).toBe(10);
    browser.network[0].emit(created(11));
    browser.network[0].emit(created(12));
    await settle();
    for (const s of seen) expect(s.got).toEqual(["11", "12"]);
  });

  it("replays to a tab opened later exactly what happened after its page was rendered", async () => {
    const browser = fakeBrowser();
    const first = browser.tab();
    first.subscribe(seminar(10), () => {});
    await settle();
    for (const id of [11, 12, 13]) browser.network[0].emit(created(id));
    const late = browser.tab();
    const seen = collect();
    late.subscribe(seminar(12), seen.handler);
    await settle();
    browser.network[0].emit(created(14));
    await settle();
    expect(seen.got).toEqual(["13", "14"]);
    expect(browser.network).toHaveLength(1);
  });

  it("hands the connection to another tab when the leader goes, and the others miss nothing and get nothing twice", async () => {
    const browser = fakeBrowser();
    const [leader, b, c] = [browser.tab(), browser.tab(), browser.tab()];
    const seenB = collect();
    const seenC = collect();
    leader.subscribe(seminar(10), () => {});
    b.subscribe(seminar(10), seenB.handler);
    c.subscribe(seminar(10), seenC.handler);
    await settle();
    expect(leader.leading).toBe(true);
    browser.network[0].emit(created(11));
    await settle();

    leader.suspend();
    await settle();
    // The server meanwhile: events 12 and 13 happened while nobody led; the new stream resumes after 11.
    expect(browser.network[0].closed).toBe(true);
    expect([b, c].filter((t) => t.leading)).toHaveLength(1);
    expect(browser.live()).toHaveLength(1);
    const next = browser.live()[0];
    expect(next.after).toBe(11);
    for (const id of [12, 13]) next.emit(created(id));
    await settle();
    expect(seenB.got).toEqual(["11", "12", "13"]);
    expect(seenC.got).toEqual(["11", "12", "13"]);
  });

  it("opens the new leader's stream at the oldest position among the tabs, so none of them has a gap", async () => {
    const browser = fakeBrowser();
    // The tab next in line for the lead has newer data than a follower that subscribes during the handover.
    const [leader, ahead, behind] = [browser.tab(), browser.tab(), browser.tab()];
    leader.subscribe(seminar(20), () => {});
    await settle();
    const seenBehind = collect();
    const seenAhead = collect();
    ahead.subscribe(seminar(20), seenAhead.handler);
    await settle();
    leader.suspend();
    // A tab rendered from an older page subscribes during the handover.
    behind.subscribe(seminar(18), seenBehind.handler);
    await settle();
    const next = browser.live()[0];
    expect(next.after).toBe(18);
    for (const id of [19, 20, 21]) next.emit(created(id));
    await settle();
    expect(seenBehind.got).toEqual(["19", "20", "21"]);
    expect(seenAhead.got).toEqual(["21"]);
    expect(browser.own).toHaveLength(0);
  });

  it("gives a tab each event once even when two tabs lead at once (an election without Web Locks can overlap)", async () => {
    const browser = fakeBrowser({ overlappingLeaders: 2 });
    const [a, b, c] = [browser.tab(), browser.tab(), browser.tab()];
    const seen = collect();
    a.subscribe(seminar(10), () => {});
    b.subscribe(seminar(10), () => {});
    await settle();
    c.subscribe(seminar(10), seen.handler);
    await settle();
    expect([a, b, c].map((t) => t.leading)).toEqual([true, true, false]);
    expect(browser.live()).toHaveLength(2);
    for (const s of browser.live()) s.emit(created(11));
    await settle();
    expect(seen.got).toEqual(["11"]);
  });

  it("lets a tab whose data is older than the leader still holds connect on its own", async () => {
    const browser = fakeBrowser();
    const leader = browser.tab();
    leader.subscribe(seminar(10), () => {});
    await settle();
    const old = browser.tab();
    const seen = collect();
    const stop = old.subscribe(seminar(5), seen.handler);
    await settle();
    expect(browser.own).toHaveLength(1);
    expect(browser.own[0].spec.after).toBe(5);
    browser.own[0].emit(created(6));
    expect(seen.got).toEqual(["6"]);
    stop();
    expect(browser.own[0].closed).toBe(true);
  });

  it("drops a closed tab's subscriptions, and the connection once no tab wants it", async () => {
    const browser = fakeBrowser();
    const leader = browser.tab({ watchTabs: true });
    const follower = browser.tab();
    const stop = leader.subscribe(seminar(10), () => {});
    follower.subscribe(seminar(10), () => {});
    await settle();
    stop();
    await vi.advanceTimersByTimeAsync(2000);
    expect(browser.network[0].closed).toBe(false);
    // The follower's tab closes without a word (its Web Lock is released).
    browser.tabGone.get("tab2")!();
    await vi.advanceTimersByTimeAsync(2000);
    expect(browser.network[0].closed).toBe(true);
  });

  it("stops delivering once a subscription ends, and tells the leader", async () => {
    const browser = fakeBrowser();
    const leader = browser.tab();
    const follower = browser.tab();
    leader.subscribe(seminar(10), () => {});
    const seen = collect();
    const stop = follower.subscribe({ url: "/api/notifications/events", member: "anna", types: ["unread"], replay: "latest" }, seen.handler);
    await settle();
    const unread = browser.network.find((s) => s.url === "/api/notifications/events")!;
    unread.emit({ type: "unread", data: '{"unread":1}' });
    await settle();
    stop();
    await settle();
    unread.emit({ type: "unread", data: '{"unread":2}' });
    await vi.advanceTimersByTimeAsync(2000);
    expect(seen.got).toEqual(['{"unread":1}']);
    expect(unread.closed).toBe(true);
  });
});
