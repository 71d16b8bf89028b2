"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { AnnotationDto } from "@/lib/annotations/types";
import type { ReaderNotes } from "@/lib/annotations-ui/reader-notes";
import { anchorInBatches, type AnchorLiveNotes } from "@/lib/annotations-ui/live-anchor-batches";
import type { AnnotationLiveEvent } from "@/lib/annotations/types";
import type { PassageAnchor } from "@/lib/annotations-ui/state";
import { linksApi } from "@/lib/links/client";
import { applyLinkEvent, setEndAnchor, upsertLink, type LinkChange } from "@/lib/links/live";
import type { LinkView } from "@/lib/links/views";
import { useSeminarEvents } from "@/components/live/SeminarEvents";

/**
 * The seminar's links: loaded once, then kept current by the live events (lib/links/live), never fetched
 * whole again. Events that arrive before the list are applied on top of it once it is there. An end made
 * on another version of its document is anchored by the server (the reader page's action, handed down by
 * the notes; without it such an end stays orphaned).
 */
export function useLinkList(data: ReaderNotes | null, anchorLiveNotes: AnchorLiveNotes | null) {
  const seminarId = data?.seminar?.id ?? null;
  const [links, setLinks] = useState<LinkView[]>([]);
  const latest = useRef<LinkView[] | null>(null);
  const early = useRef<AnnotationLiveEvent[]>([]);
  const versions = useMemo(() => Object.fromEntries((data?.documents ?? []).map((d) => [d.slug, d.version])), [data]);

  const commit = useCallback((next: LinkView[]) => {
    latest.current = next;
    setLinks(next);
  }, []);

  const anchorEnds = useCallback(
    (toAnchor: LinkChange["toAnchor"]) => {
      for (const { linkId, role, target } of toAnchor) {
        const key = `${linkId}:${role}`;
        const place = (a: PassageAnchor | undefined) => {
          const anchor = a?.status === "anchored" ? { ...a, firstBlockEnd: a.blockEnd } : ({ status: "orphan" } as const);
          if (latest.current) commit(setEndAnchor(latest.current, linkId, role, anchor));
        };
        if (!anchorLiveNotes) place(undefined);
        else void anchorInBatches(anchorLiveNotes, target.documentSlug, [{ id: key, targets: [target] }], (found) => place(found[key]));
      }
    },
    [commit, anchorLiveNotes],
  );

  const apply = useCallback(
    (change: LinkChange) => {
      commit(change.links);
      if (change.toAnchor.length) anchorEnds(change.toAnchor);
    },
    [commit, anchorEnds],
  );

  useEffect(() => {
    if (!seminarId) return;
    let cancelled = false;
    latest.current = null;
    void linksApi.list(seminarId).then((r) => {
      if (cancelled || !r.ok) return;
      let next = r.data.links;
      for (const event of early.current) next = applyLinkEvent(next, event, versions).links;
      early.current = [];
      commit(next);
    });
    return () => {
      cancelled = true;
    };
  }, [seminarId, versions, commit]);

  useSeminarEvents((event) => {
    if (!latest.current) return void early.current.push(event);
    apply(applyLinkEvent(latest.current, event, versions));
  });

  /** A link the member just made: shown at once (its live event then changes nothing). */
  const accept = useCallback((a: AnnotationDto) => latest.current && apply(upsertLink(latest.current, a, versions)), [apply, versions]);

  return { links, accept };
}
