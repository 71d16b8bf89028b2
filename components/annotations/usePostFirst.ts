"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { annotationsApi } from "@/lib/annotations-ui/api";
import type { ReaderNotes } from "@/lib/annotations-ui/reader-notes";
import { addPage, type NotesState } from "@/lib/annotations-ui/state";

/** What a student still has to do on a text locked by "post first", as the reader shows it. */
export interface PostFirstView {
  /** notes still to write */
  remaining: number;
  /** classmates' notes held back until then */
  waiting: number;
}

/** The student's own notes on a text (what the server counts: top-level comments with a passage there). */
function ownNotes(state: NotesState, userId: string, slug: string): number {
  let n = 0;
  for (const a of Object.values(state.annotations)) {
    if (a.parentId === null && a.motivation === "commenting" && a.author.id === userId && a.targets.some((t) => t.role === "target" && t.documentSlug === slug))
      n++;
  }
  return n;
}

/**
 * "Post first" in the reader (lib/teaching/post-first): the page says how many notes the student had
 * written on each locked text; every note they write or delete here counts against that at once, and the
 * moment the number is reached the text opens — classmates' notes are fetched (the server's gate now lets
 * them through, and the live stream sends their new ones from then on) and the change is announced.
 */
export function usePostFirst({
  data,
  state,
  current,
  commit,
  announce,
}: {
  data: ReaderNotes | null;
  state: NotesState;
  current: () => NotesState;
  commit: (next: NotesState) => void;
  announce: (message: string) => void;
}): (slug: string) => PostFirstView | null {
  const t = useTranslations("ReaderUx");
  const locked = useMemo(() => data?.postFirst ?? {}, [data]);
  const userId = data?.user.id ?? "";
  // What the page's notes held of the student's own: the status counted those already.
  const atLoad = useMemo(() => {
    const out: Record<string, number> = {};
    for (const slug of Object.keys(data?.postFirst ?? {})) out[slug] = data ? ownNotes(data.state, data.user.id, slug) : 0;
    return out;
  }, [data]);
  // Texts opened since this page's notes came (a new server render starts over).
  const [opened, setOpened] = useState<{ data: ReaderNotes | null; slugs: ReadonlySet<string> }>({ data, slugs: new Set() });
  const openedSlugs = useMemo(() => (opened.data === data ? opened.slugs : new Set<string>()), [opened, data]);

  const view = useCallback(
    (slug: string): PostFirstView | null => {
      const status = locked[slug];
      if (!status || openedSlugs.has(slug)) return null;
      const written = status.written + ownNotes(state, userId, slug) - (atLoad[slug] ?? 0);
      return { remaining: Math.max(0, status.required - written), waiting: status.waiting };
    },
    [locked, openedSlugs, state, userId, atLoad],
  );

  const fetching = useRef(new Set<string>());
  useEffect(() => {
    const seminarId = data?.seminar?.id;
    if (!seminarId) return;
    for (const slug of Object.keys(locked)) {
      const v = view(slug);
      if (!v || v.remaining > 0 || fetching.current.has(slug)) continue;
      fetching.current.add(slug);
      void annotationsApi.more(seminarId, [slug], null).then((r) => {
        fetching.current.delete(slug);
        if (r.ok) commit(addPage(current(), r.data.state));
        setOpened((o) => ({ data, slugs: new Set([...(o.data === data ? o.slugs : []), slug]) }));
        announce(r.ok ? t("postFirstOpened") : t("postFirstReload"));
      });
    }
  }, [data, locked, view, commit, current, announce, t]);

  return view;
}
