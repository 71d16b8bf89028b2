/**
 * The browser's one connection per live stream, shared by all its tabs (a SharedWorker): every tab of the
 * reader, the seminar pages and the header's notification badge subscribe here instead of opening their
 * own EventSource, so six open tabs hold two connections, not eighteen (lib/live-client/hub.ts says why).
 *
 * A MessagePort tells no one when its tab closes: each tab holds a Web Lock for its lifetime and the worker
 * waits for that lock, which it gets when the tab is gone. A tab that leaves normally also says "bye".
 */
import { LiveHub, withAfter, type LiveMessage, type Source } from "./hub";
import { tabLockName, type TabMessage, type WorkerMessage } from "./protocol";

const hub = new LiveHub((url, after, onMessage): Source => {
  const source = new EventSource(withAfter(url, after));
  return {
    listen(type) {
      source.addEventListener(type, (e) => {
        const event = e as MessageEvent<string>;
        const message: LiveMessage = { type, data: event.data };
        if (event.lastEventId) message.id = event.lastEventId;
        onMessage(message);
      });
    },
    close: () => source.close(),
  };
});

interface WorkerScope {
  onconnect: ((e: MessageEvent) => void) | null;
  navigator: { locks?: { request(name: string, callback: () => unknown): Promise<unknown> } };
}
const scope = self as unknown as WorkerScope;

scope.onconnect = (connectEvent: MessageEvent) => {
  const port = connectEvent.ports[0];
  const subscriptions = new Set<string>();
  const dropAll = () => {
    for (const id of subscriptions) hub.unsubscribe(id);
    subscriptions.clear();
  };
  port.onmessage = (e: MessageEvent<TabMessage>) => {
    const m = e.data;
    switch (m.op) {
      case "hello":
        void scope.navigator.locks?.request(tabLockName(m.tabId), dropAll);
        break;
      case "subscribe":
        subscriptions.add(m.id);
        hub.subscribe(m.id, m.spec, (delivery) => port.postMessage({ op: "delivery", id: m.id, delivery } satisfies WorkerMessage));
        break;
      case "unsubscribe":
        subscriptions.delete(m.id);
        hub.unsubscribe(m.id);
        break;
      case "bye":
        dropAll();
        break;
    }
  };
  port.start();
};
