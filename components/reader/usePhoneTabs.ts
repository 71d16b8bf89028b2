"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { flushSync } from "react-dom";
import { onShowPane } from "./paneTabs";

const NARROW = "(max-width: 700px)";

function subscribeNarrow(onChange: () => void) {
  const mq = window.matchMedia(NARROW);
  mq.addEventListener("change", onChange);
  return () => mq.removeEventListener("change", onChange);
}
const isNarrow = () => window.matchMedia(NARROW).matches;
// The server renders the panes side by side; a phone switches to tabs after hydration.
const onServer = () => false;

/**
 * Phone-sized screens show the panes behind tabs, one at a time: whether the screen is narrow, which tab is
 * in front (never past the last pane), and bringing a pane to the front when something asks for it
 * (components/reader/paneTabs: a link's other end) — synchronously, since a hidden pane has no layout.
 */
export function usePhoneTabs(paneIds: readonly string[], initial: number) {
  const narrow = useSyncExternalStore(subscribeNarrow, isNarrow, onServer);
  const [chosen, setActive] = useState(initial);
  const active = Math.max(0, Math.min(chosen, paneIds.length - 1));
  const key = paneIds.join("|");

  useEffect(
    () =>
      onShowPane((paneId) => {
        const i = key.split("|").indexOf(paneId);
        if (i >= 0) flushSync(() => setActive(i));
      }),
    [key],
  );

  return { narrow, tabbed: narrow && paneIds.length > 1, active, setActive };
}
