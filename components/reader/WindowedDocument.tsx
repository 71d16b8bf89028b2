"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { callApi } from "@/lib/http-client";
import { handedOffHtml } from "@/lib/reader/html-handoff";
import { windowsAfterLoading } from "@/lib/reader/window";
import { jumpTo } from "./Pane";
import { SCROLLER_SELECTOR } from "./paneDom";
import { announcePaneContent, registerArrivingText, registerWindowedPane } from "./windowRegistry";
import "./windowed.css";

interface LoadedWindow {
  n: number;
  /** "" for the first window as hydrated: its DOM is the server's and is kept (see `initial`). */
  html: string;
}
interface WindowAnswer {
  n: number;
  count: number;
  html: string;
}
type Side = "earlier" | "later";

/** At most this many windows (about 150,000 characters each) are in the page at once. */
const MAX_LOADED = 3;
/** The next window is fetched when the reader comes this close to the end of what is loaded. */
const PRELOAD_MARGIN = "1500px 0px";

/**
 * A whole volume in a pane, read in windows (lib/reader/window.ts): the server rendered one window (the deep
 * link's, or the first), sent once like a whole pane's text (components/reader/PaneHtml): the props carry only
 * its number and the key its HTML was handed over under (lib/reader/html-handoff.ts), so its text is in the
 * page's HTML but not again in the RSC payload; hydrating, the window keeps the DOM it was given. Mounted by
 * a client navigation (no server HTML), the pane fetches that window like any other. The neighbours load from /api/documents/[slug]/window as the reader scrolls near
 * either end, or with the visible "load earlier/later part" buttons (for keyboards). Windows far from where
 * the reader is are dropped again, with the scroll position kept, so the page never holds the whole volume.
 * The outline, notes and links reach text not loaded yet through windowRegistry.revealBlock.
 */
export default function WindowedDocument({
  slug,
  version,
  paneId,
  lang,
  uiLang,
  head,
  initial,
  count,
}: {
  slug: string;
  version: string;
  paneId: string;
  /** The document's language (its text keeps it whatever the interface language). */
  lang: string;
  uiLang: string;
  /** The document's header (title, author, source) as HTML: always shown. */
  head: string;
  /** The window the server rendered, and the key of its handed-over HTML. */
  initial: { n: number; handoff: string };
  count: number;
}) {
  const t = useTranslations("ReaderWindows");
  // On the server: the handed-over HTML. In the browser: "" (hydrating, React keeps the server's DOM, as it
  // only sets inner HTML when the string changes; mounted later, the window is fetched below).
  const [windows, setWindows] = useState<LoadedWindow[]>(() => [{ n: initial.n, html: handedOffHtml(initial.handoff) ?? "" }]);
  const [loading, setLoading] = useState<Side | "jump" | null>(null);
  const [failed, setFailed] = useState<Side | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const root = useRef<HTMLDivElement>(null);
  const startEdge = useRef<HTMLDivElement>(null);
  const endEdge = useRef<HTMLDivElement>(null);
  const windowsRef = useRef(windows);
  const busy = useRef(false);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const onCommit = useRef<Array<() => void>>([]);
  /** The window under the top of the pane and where it was, before windows were added or dropped. */
  const anchor = useRef<{ n: number; top: number } | null>(null);
  const mounted = useRef(false);
  /** The first window's number while its text is not in the page (mounted without the server's HTML). */
  const missing = useRef<number | null>(null);
  const lo = windows[0].n;
  const hi = windows[windows.length - 1].n;

  const scroller = () => scrollerAround(root.current);

  /** Fetch a window (`n=3` or `block=p123`) and put it in the pane; resolves once it is in the DOM. */
  const show = useCallback(
    (query: string, side: Side | "jump"): Promise<boolean> => {
      const run = async () => {
        busy.current = true;
        setLoading(side);
        try {
          const r = await callApi<WindowAnswer>(
            "GET",
            `/api/documents/${encodeURIComponent(slug)}/window?${query}&pane=${paneId}&locale=${uiLang}&v=${version}`,
          );
          if (!r.ok) {
            if (side !== "jump") setFailed(side);
            setAnnouncement(t("failed"));
            return false;
          }
          setFailed(null);
          const current = windowsRef.current;
          if (current.some((w) => w.n === r.data.n) && missing.current !== r.data.n) return true;
          missing.current = null;
          const byN = new Map(current.map((w) => [w.n, w]));
          byN.set(r.data.n, { n: r.data.n, html: r.data.html });
          const keep = windowsAfterLoading(
            current.map((w) => w.n),
            r.data.n,
            MAX_LOADED,
          );
          // (After a jump far away nothing under the reader's eyes stays: the caller scrolls to its target.)
          anchor.current = measureAnchor(root.current);
          await new Promise<void>((resolve) => {
            onCommit.current.push(resolve);
            setWindows(keep.map((k) => byN.get(k)!));
          });
          setAnnouncement(t("loaded", { n: r.data.n + 1, count }));
          return true;
        } finally {
          busy.current = false;
          setLoading(null);
        }
      };
      const next = queue.current.then(run, run);
      queue.current = next.catch(() => undefined);
      return next;
    },
    [slug, paneId, uiLang, version, count, t],
  );

  // After windows were added or dropped: keep the text under the reader's eyes where it was, then tell the
  // painters (notes, links) and whoever waits for the new window.
  useLayoutEffect(() => {
    windowsRef.current = windows;
    const a = anchor.current;
    anchor.current = null;
    const s = scroller();
    const el = a && root.current?.querySelector<HTMLElement>(`[data-window="${a.n}"]`);
    if (a && el && s) {
      const moved = el.getBoundingClientRect().top - a.top;
      if (Math.abs(moved) >= 1) s.scrollTop += moved;
    }
    const waiting = onCommit.current;
    onCommit.current = [];
    waiting.forEach((resolve) => resolve());
    if (mounted.current) announcePaneContent(paneId);
    mounted.current = true;
  }, [windows, paneId]);

  const neighbour = useCallback(
    (side: Side) => {
      const n = side === "earlier" ? lo - 1 : hi + 1;
      return n >= 0 && n < count ? n : null;
    },
    [lo, hi, count],
  );

  // No server HTML in the first window (mounted by a client navigation, or the handed-over HTML was dropped
  // under memory pressure): fetch it; the reader's arrival (deep link, kept place) waits for it.
  useEffect(() => {
    const first = root.current?.querySelector(`[data-window="${initial.n}"]`);
    if (!first || first.hasChildNodes()) return;
    missing.current = initial.n;
    return registerArrivingText(
      paneId,
      show(`n=${initial.n}`, "jump").then(() => undefined),
    );
  }, [initial.n, paneId, show]);

  // Scrolling near either end of what is loaded fetches the next window (not again after a failure: the
  // button says so and retries).
  useEffect(() => {
    const s = scroller();
    if (!s || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (!e.isIntersecting || busy.current) continue;
          const side: Side = e.target === startEdge.current ? "earlier" : "later";
          const n = neighbour(side);
          if (n !== null && failed !== side) void show(`n=${n}`, side);
        }
      },
      { root: s, rootMargin: PRELOAD_MARGIN },
    );
    if (startEdge.current) observer.observe(startEdge.current);
    if (endEdge.current) observer.observe(endEdge.current);
    return () => observer.disconnect();
  }, [lo, hi, failed, neighbour, show]);

  // Outline entries, notes, links and deep links in parts not loaded.
  // A footnote's text read from the part that holds it (components/reader/FootnotePopover), that part left unloaded.
  const fetchWindow = useCallback(
    async (blockId: string) => {
      const r = await callApi<WindowAnswer>(
        "GET",
        `/api/documents/${encodeURIComponent(slug)}/window?block=${encodeURIComponent(blockId)}&pane=${paneId}&locale=${uiLang}&v=${version}`,
      );
      return r.ok ? r.data.html : null;
    },
    [slug, paneId, uiLang, version],
  );
  useEffect(
    () => registerWindowedPane(paneId, async (blockId) => void (await show(`block=${encodeURIComponent(blockId)}`, "jump")), fetchWindow),
    [paneId, show, fetchWindow],
  );

  /** The buttons: load the part, then continue reading at its start (focus moves there). */
  const loadByButton = async (side: Side) => {
    const n = neighbour(side);
    if (n === null) return;
    setFailed(null);
    if (!(await show(`n=${n}`, side))) return;
    const first = root.current?.querySelector<HTMLElement>(`[data-window="${n}"] [data-block-id]`);
    if (first) jumpTo(first);
  };

  const edge = (side: Side) => {
    const n = neighbour(side);
    if (n === null) return null;
    return (
      <div ref={side === "earlier" ? startEdge : endEdge} className={`window-edge window-edge-${side}`} lang={uiLang}>
        {failed === side ? <p className="window-edge-failed">{t("failed")}</p> : null}
        <button type="button" className="button small" aria-busy={loading === side} onClick={() => void loadByButton(side)}>
          {loading === side ? t("loading") : failed === side ? t("retry") : t(side, { n: n + 1, count })}
        </button>
      </div>
    );
  };

  return (
    <>
      <div className="doc doc-windowed" lang={lang} data-doc-root="" ref={root}>
        <div className="doc-head-slot" dangerouslySetInnerHTML={{ __html: head }} />
        <div className="doc-body">
          {edge("earlier")}
          {windows.map((w) => (
            <div key={w.n} className="doc-window" data-window={w.n} dangerouslySetInnerHTML={{ __html: w.html }} suppressHydrationWarning />
          ))}
          {edge("later")}
        </div>
      </div>
      <p className="visually-hidden" role="status" lang={uiLang}>
        {loading === "jump" ? t("loading") : announcement}
      </p>
    </>
  );
}

/** The pane's scrolling element around a windowed document. */
function scrollerAround(root: HTMLElement | null): HTMLElement | null {
  return root?.closest<HTMLElement>(SCROLLER_SELECTOR) ?? null;
}

/** The window under the top of the pane and where it is now (to keep it there when windows change). */
function measureAnchor(root: HTMLElement | null): { n: number; top: number } | null {
  const box = scrollerAround(root)?.getBoundingClientRect();
  if (!box || !root) return null;
  for (const el of root.querySelectorAll<HTMLElement>("[data-window]")) {
    const r = el.getBoundingClientRect();
    if (r.bottom > box.top) return { n: Number(el.dataset.window), top: r.top };
  }
  return null;
}
