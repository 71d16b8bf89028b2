"use client";

import type { PaneHtmlAnswer } from "@/lib/reader/html";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { callApi } from "@/lib/http-client";
import { handedOffHtml } from "@/lib/reader/html-handoff";
import { announcePaneContent, registerArrivingText, registerWindowedPane } from "./windowRegistry";

/** What /api/documents/[slug]/html answers. */

const noSubscription = () => () => {};

/**
 * A pane's document text, sent to the browser once (issue 15). Its props are a small key and an address, never
 * the HTML: on the server it renders the HTML the page's server component handed over under the key
 * (lib/reader/html-handoff.ts), so the text is in the page but not again in the RSC payload. Hydrating, it keeps
 * the DOM it was given and never writes its inner HTML (React only sets inner HTML when the string changes). Mounted
 * by a client navigation (another layout, a pane that moved), it has no server HTML and fetches its text, which
 * is the same for every reader of that document version (`src` names the version; the browser may keep it).
 * Meanwhile the pane counts as one whose blocks may not be loaded yet (windowRegistry), so a link opened into it
 * waits for its passage and the reader's arrival (scroll kept across a language switch, the deep link) waits for
 * the text; afterwards the painters are told the text changed.
 */
export default function PaneHtml({ handoff, src, paneId, lang }: { handoff: string; src: string; paneId: string; lang: string }) {
  const t = useTranslations("ReaderWindows");
  // true on the server and while hydrating (the server snapshot), false when mounted in the browser later.
  const hydrating = useSyncExternalStore(
    noSubscription,
    () => false,
    () => true,
  );
  const [given] = useState(hydrating);
  const [server] = useState(() => handedOffHtml(handoff) ?? "");
  const [fetched, setFetched] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // The server's HTML is there (a page load): keep it. (Given nothing, e.g. the handed-over HTML was dropped
    // under memory pressure, the pane fetches its text like after a client navigation.)
    if (fetched !== null || (given && root.current?.hasChildNodes())) return;
    let release = () => {};
    const loaded = new Promise<void>((resolve) => (release = resolve));
    const unregister = registerWindowedPane(paneId, () => loaded);
    const unregisterArriving = registerArrivingText(paneId, loaded);
    let cancelled = false;
    void callApi<PaneHtmlAnswer>("GET", src).then((r) => {
      if (cancelled) return;
      if (r.ok) setFetched(r.data.html);
      else setFailed(true);
    });
    return () => {
      cancelled = true;
      unregister();
      unregisterArriving();
      release();
    };
  }, [src, paneId, given, fetched, attempt]);

  useEffect(() => {
    if (fetched !== null) announcePaneContent(paneId);
  }, [fetched, paneId]);

  const loading = fetched === null && !failed && !given;
  return (
    <>
      {loading ? (
        <p className="pane-message" role="status">
          {t("textLoading")}
        </p>
      ) : null}
      {failed ? (
        <p className="pane-message" role="alert">
          {t("textFailed")}{" "}
          <button
            type="button"
            onClick={() => {
              setFailed(false);
              setAttempt((n) => n + 1);
            }}
          >
            {t("retry")}
          </button>
        </p>
      ) : null}
      <div
        ref={root}
        className="doc"
        lang={lang}
        data-doc-root=""
        aria-busy={loading || undefined}
        dangerouslySetInnerHTML={{ __html: fetched ?? server }}
        suppressHydrationWarning
      />
    </>
  );
}
