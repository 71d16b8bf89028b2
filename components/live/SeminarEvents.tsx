"use client";

import { createContext, useContext, useEffect, useEffectEvent, useState, type ReactNode } from "react";
import type { AnnotationLiveEvent } from "@/lib/annotations/types";
import { subscribeLive, type LiveMessage } from "@/lib/live-client/connect";

type Listener = (event: AnnotationLiveEvent) => void;

interface SeminarEventsValue {
  listen: (listener: Listener) => () => void;
}

const SeminarEventsContext = createContext<SeminarEventsValue | null>(null);

const LIVE_TYPES: Array<AnnotationLiveEvent["type"]> = [
  "annotation.created",
  "annotation.updated",
  "annotation.deleted",
  "annotation.hidden",
  "annotation.unhidden",
  "annotation.removed",
];

/**
 * The one place the reader reads a seminar event: the raw message becomes an AnnotationLiveEvent here, so a change of
 * what events carry (say, an id only, the note to be fetched) is handled here and nowhere else.
 */
function toEvent(m: LiveMessage): AnnotationLiveEvent | null {
  if (!(LIVE_TYPES as string[]).includes(m.type)) return null;
  try {
    return { type: m.type, data: JSON.parse(m.data) } as AnnotationLiveEvent;
  } catch {
    return null;
  }
}

/**
 * The seminar's live events for everything in the reader: one subscription per tab (and, through
 * lib/live-client, one connection per browser), fanned out to the notes, the links and whoever listens.
 * `after` is the event the page's data is current to; a fresh server render passes a newer one. `member` is the
 * signed-in member the stream is for (tabs share a connection only with tabs of the same member).
 */
export default function SeminarEvents({
  seminarId,
  member,
  after,
  children,
}: {
  seminarId: string | null;
  member: string | null;
  after: number;
  children: ReactNode;
}) {
  const [listeners] = useState(() => new Set<Listener>());
  const [value] = useState<SeminarEventsValue>(() => ({
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  }));

  useEffect(() => {
    if (!seminarId) return;
    const url = `/api/seminars/${encodeURIComponent(seminarId)}/events`;
    return subscribeLive({ url, member: member ?? undefined, types: LIVE_TYPES, replay: "after", after }, (m) => {
      const event = toEvent(m);
      if (event) for (const listener of [...listeners]) listener(event);
    });
  }, [seminarId, member, after, listeners]);

  return <SeminarEventsContext.Provider value={value}>{children}</SeminarEventsContext.Provider>;
}

/** Call `onEvent` for each live event of the reader's seminar (the latest `onEvent`, without resubscribing). */
export function useSeminarEvents(onEvent: Listener): void {
  const events = useContext(SeminarEventsContext);
  const handle = useEffectEvent(onEvent);
  useEffect(() => events?.listen((e) => handle(e)), [events]);
}
