"use client";

import { useCallback, useMemo, type ReactNode, type RefObject } from "react";
import { useTranslations } from "next-intl";
import type { AnnotationDto } from "@/lib/annotations/types";
import type { Failure } from "@/lib/links/client";
import type { PassageTarget } from "@/lib/reader/layout";
import { useNotes } from "@/components/annotations/NotesProvider";
import { LinksContext, type LinkPane, type LinksContextValue } from "./linksContext";
import { useLinkList } from "./useLinkList";
import { useLinkMaking } from "./useLinkMaking";
import { useLinkNavigation } from "./useLinkNavigation";
import { useLinkPainting } from "./useLinkPainting";
import { useSyncAlignment } from "./useSyncAlignment";

export { useLinks } from "./linksContext";
export type { DraftEnd, LinkPane, LinksContextValue, PaintedEndList, SuggestionsState } from "./linksContext";

const NO_ENDS: never[] = [];
const silent = () => {};

/**
 * The link layer of the reader: the seminar's links (kept current through the live stream), their ends
 * painted in the panes, the "Link…" flow across panes, suggestions, going from one end to the other (opening
 * its document when it is not shown), and the alignment used by synchronized scrolling. A composition of
 * named hooks, one job each.
 */
export default function LinksProvider({
  panes,
  documents,
  scrollers,
  alignerRef,
  openDocument,
  initialPeer,
  children,
}: {
  /** The same array while the panes are the same (the reader memoizes it). */
  panes: LinkPane[];
  documents: Array<{ slug: string; title: string; lang: string }>;
  scrollers: RefObject<Array<HTMLElement | null>>;
  /** Filled with the synchronized-scrolling aligner; the reader calls it when the user scrolls a pane. */
  alignerRef: RefObject<((driver: number) => boolean) | null>;
  /** Show a document in a pane (a new one, or replacing one other than `keepPane`); false if impossible. */
  openDocument: (slug: string, keepPane: number) => boolean;
  /** The second passage of the reader address (b2/r2): shown and marked like the first. */
  initialPeer?: PassageTarget;
  children: ReactNode;
}) {
  const tErrors = useTranslations("Errors");
  const notes = useNotes();
  const data = notes?.data ?? null;
  const seminar = data?.seminar ?? null;
  const announce = notes?.announce ?? silent;
  const acceptNote = notes?.accept;

  const titleOf = useCallback(
    (slug: string) => {
      const d = documents.find((x) => x.slug === slug);
      return { title: d?.title ?? slug, lang: d?.lang ?? "" };
    },
    [documents],
  );
  const errorMessage = useCallback(
    (f: Failure) => (f.code === "network" ? tErrors("internal") : tErrors.has(f.code as never) ? tErrors(f.code as never) : tErrors("internal")),
    [tErrors],
  );

  const { links, accept: acceptLink } = useLinkList(data, notes?.anchorLiveNotes ?? null);
  const { painted, paintTick, peer, setPeer, flash } = useLinkPainting(links, panes);
  const { showPassage, goToEnd } = useLinkNavigation({ panes, openDocument, announce, flash, initialPeer });
  useSyncAlignment({ alignerRef, scrollers, panes, links, painted });
  // A link just made is shown and discussable at once (its thread lives in the notes' state).
  const accepted = useCallback(
    (a: AnnotationDto) => {
      acceptNote?.(a);
      acceptLink(a);
    },
    [acceptNote, acceptLink],
  );
  const makingLinks = useLinkMaking({ data, panes, accepted, announce, errorMessage });

  const endRanges = useCallback((paneId: string) => painted.get(paneId) ?? NO_ENDS, [painted]);

  const value = useMemo<LinksContextValue>(
    () => ({
      enabled: !!seminar,
      links,
      canLink: (slug) => !!seminar?.documents.includes(slug),
      titleOf,
      ...makingLinks,
      goToEnd,
      showPassage,
      peer,
      setPeer,
      endRanges,
      paintTick,
      errorMessage,
      announce,
      panes,
      seminarId: seminar?.id ?? null,
      acceptLink: accepted,
    }),
    [seminar, links, titleOf, makingLinks, goToEnd, showPassage, peer, setPeer, endRanges, paintTick, errorMessage, announce, panes, accepted],
  );

  return <LinksContext.Provider value={value}>{children}</LinksContext.Provider>;
}
