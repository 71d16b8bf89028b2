"use client";

import { createContext, useContext } from "react";
import type { AnnotationDto, Relation } from "@/lib/annotations/types";
import type { Failure, NewLink } from "@/lib/links/client";
import type { DraftEnd, SuggestionsState } from "@/lib/links/making";
import type { PaneEnd } from "@/lib/links/reader-view";
import type { SuggestedPassage } from "@/lib/links/suggest-service";
import type { LinkEnd, LinkView } from "@/lib/links/views";
import type { Passage } from "@/lib/reader/selection";

export type { DraftEnd, SuggestionsState };

/** A pane as the link layer sees it. */
export interface LinkPane {
  paneId: string;
  slug: string;
  docLang: string;
}

export type Peer = { linkId: string; role: LinkEnd["role"] };

/** The link ends painted in one pane, with their ranges. */
export type PaintedEndList = Array<{ pe: PaneEnd; ranges: Range[] }>;

export interface LinksContextValue {
  /** Signed in, in a seminar: links can be read and made. */
  enabled: boolean;
  links: LinkView[];
  canLink: (slug: string) => boolean;
  titleOf: (slug: string) => { title: string; lang: string };
  linking: DraftEnd | null;
  startLinking: (paneIndex: number, passage: Passage) => void;
  cancelLinking: () => void;
  /** The second passage is chosen: open the composer for both ends. */
  finishLinking: (paneIndex: number, passage: Passage) => void;
  composer: { from: DraftEnd; to: DraftEnd } | null;
  closeComposer: () => void;
  saveLink: (input: { relation: Relation; body?: string; tags?: string[]; visibility: NewLink["visibility"] }) => Promise<Failure | null>;
  suggestions: SuggestionsState | null;
  suggestFor: (paneIndex: number, passage: Passage) => void;
  closeSuggestions: () => void;
  acceptSuggestion: (c: SuggestedPassage, relation: Relation) => Promise<Failure | null>;
  dismissSuggestion: (c: SuggestedPassage) => Promise<Failure | null>;
  /** Scroll to a passage in the pane showing its document, opening the document in a pane if needed. */
  goToEnd: (end: LinkEnd, fromPane: number) => void;
  showPassage: (slug: string, anchor: { blockId: string; blockStart: number; blockEnd: number }, fromPane: number) => void;
  /** The link end highlighted as "the other end" of what the pointer or focus is on. */
  peer: Peer | null;
  setPeer: (peer: Peer | null) => void;
  /** Ranges of every painted end, per pane: markers and connectors measure these (a new array per paint). */
  endRanges: (paneId: string) => PaintedEndList;
  /** Counts paints: changes whenever the ends were painted again. */
  paintTick: number;
  errorMessage: (f: Failure) => string;
  announce: (message: string) => void;
  panes: LinkPane[];
  /** The seminar the reader is in (null: not in one). */
  seminarId: string | null;
  /** A link saved outside the composer (the correspondences panel): shown and discussable at once. */
  acceptLink: (a: AnnotationDto) => void;
}

export const LinksContext = createContext<LinksContextValue | null>(null);

export function useLinks(): LinksContextValue | null {
  return useContext(LinksContext);
}
