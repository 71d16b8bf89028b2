"use client";

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { MemberReaderData } from "@/lib/annotations-ui/reader-notes";

/** A member's parts of a reader page served without them: still on their way, here, or not to be had. */
export type DeferredMember = { state: "loading" } | { state: "member"; data: MemberReaderData } | { state: "visitor" };

const Session = createContext<DeferredMember | null>(null);

/**
 * The member's parts of the page (notes, heat strips, whose live streams to open), fetched after the text
 * when the page came from the stored copies (lib/http/stored-pages): such a page is the same for every
 * member, so it carries none of them. null where the page was rendered for the member, with its parts in it.
 */
export function useDeferredMember(): DeferredMember | null {
  return useContext(Session);
}

/**
 * Wraps the reader page in both cases, so that the tree keeps its shape when a client navigation brings a
 * page rendered for the member after a stored one. `query` is the reader address's layout and seminar.
 */
export default function MemberSession({ deferred, query, children }: { deferred: boolean; query: string; children: ReactNode }) {
  const [session, setSession] = useState<DeferredMember>({ state: "loading" });
  useEffect(() => {
    if (!deferred) return;
    const abort = new AbortController();
    fetch(`/api/reader/member?${query}`, { signal: abort.signal, headers: { accept: "application/json" } })
      .then(async (response) => {
        // Anything but the data (a session that has ended, a text no longer readable, a server error) leaves
        // the page as a visitor sees it: the notes panel then offers to sign in, which sorts out the first two.
        setSession(response.ok ? { state: "member", data: (await response.json()) as MemberReaderData } : { state: "visitor" });
      })
      .catch(() => {
        if (!abort.signal.aborted) setSession({ state: "visitor" });
      });
    return () => abort.abort();
  }, [deferred, query]);
  return <Session.Provider value={deferred ? session : null}>{children}</Session.Provider>;
}
