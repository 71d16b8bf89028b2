"use client";

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { ReaderNotes } from "@/lib/annotations-ui/reader-notes";
import SeminarEvents from "@/components/live/SeminarEvents";
import NotesProvider, { type AnchorLiveNotes, type NotesPane } from "./NotesProvider";
import { useDeferredMember } from "./MemberSession";

const Deliver = createContext<((data: ReaderNotes) => void) | null>(null);

/**
 * The member's side of the reader, which streams in after the text: the page sends the text and its chrome
 * first, and the member's notes (a server component in a Suspense boundary) arrive through `NotesArrive`
 * when they are ready. Until then a signed-in reader's notes are `pending` (no "sign in" prompt, no seminar
 * stream); a visitor's are simply absent. A fresh server render (another layout, a reload) delivers anew.
 * On a page served from the stored copies they come from MemberSession's fetch instead, with the member's id.
 */
export default function MemberNotes({
  member,
  signInHref,
  panes,
  anchorLiveNotes,
  children,
}: {
  /** the signed-in member's id (their live stream is shared only with their own tabs); null for a visitor */
  member: string | null;
  signInHref: string;
  panes: NotesPane[];
  anchorLiveNotes: AnchorLiveNotes;
  children: ReactNode;
}) {
  const [arrived, setArrived] = useState<ReaderNotes | null>(null);
  const deferred = useDeferredMember();
  const fetched = deferred?.state === "member" ? deferred.data : null;
  const memberId = deferred ? (fetched?.member ?? null) : member;
  const signedIn = deferred ? deferred.state !== "visitor" : member !== null;
  const data = deferred ? (fetched?.notes ?? null) : signedIn ? arrived : null;
  return (
    <Deliver.Provider value={setArrived}>
      <SeminarEvents seminarId={data?.seminar?.id ?? null} member={memberId} after={data?.lastEventId ?? 0}>
        <NotesProvider data={data} pending={signedIn && !data} signInHref={signInHref} panes={panes} anchorLiveNotes={anchorLiveNotes}>
          {children}
        </NotesProvider>
      </SeminarEvents>
    </Deliver.Provider>
  );
}

/** The member's notes, handed to the reader once the server has them (rendered inside MemberNotes). */
export function NotesArrive({ data }: { data: ReaderNotes }) {
  const deliver = useContext(Deliver);
  useEffect(() => deliver?.(data), [deliver, data]);
  return null;
}
