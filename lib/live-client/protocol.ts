/**
 * Messages between a tab (lib/live-client/connect.ts) and the browser-wide stream worker
 * (lib/live-client/shared-stream.worker.ts).
 */
import type { Delivery, StreamSpec } from "./hub";

export type TabMessage =
  /** The tab's id; the tab holds the Web Lock `tabLockName(tabId)` for as long as it lives. */
  | { op: "hello"; tabId: string }
  | { op: "subscribe"; id: string; spec: StreamSpec }
  | { op: "unsubscribe"; id: string }
  /** The page is going away (pagehide): drop all its subscriptions. */
  | { op: "bye" };

export type WorkerMessage = { op: "delivery"; id: string; delivery: Delivery };

export const tabLockName = (tabId: string) => `synopse-live-tab:${tabId}`;
