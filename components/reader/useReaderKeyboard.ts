"use client";

import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { edgeSpan, stepSelection, type SelectionStep, type TextSpan } from "@/lib/reader/keyboard-selection";
import { blockText, boundariesForPassage } from "@/lib/reader/selection";
import { DOC_ROOT_SELECTOR, focusBlock, placeInView } from "./paneDom";

/** The keys of keyboard selection: arrows move by word, up/down by sentence; with Shift only the end moves. */
const STEPS: Record<string, [SelectionStep, SelectionStep]> = {
  ArrowRight: ["next-word", "extend-word"],
  ArrowLeft: ["previous-word", "shrink-word"],
  ArrowDown: ["next-sentence", "extend-sentence"],
  ArrowUp: ["previous-sentence", "shrink-sentence"],
};

interface Selecting {
  pane: number;
  block: HTMLElement;
  span: TextSpan;
}

const isTyping = (el: Element | null) => !!el?.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])");

/**
 * The reader's keyboard (documented in the reader's shortcuts help and the README):
 * - F6 / Shift+F6 move focus to the next / previous pane's text (a tab on a phone), from anywhere in the reader;
 * - S, in a pane's text, starts keyboard selection (as does the pane toolbar's button): the first word of the
 *   focused or topmost paragraph is selected — a real selection, so the selection toolbar offers what a mouse
 *   selection gets; arrows move it by word (←/→) or sentence (↑/↓), with Shift they extend or shrink it;
 *   Enter goes to the toolbar, Escape ends the mode.
 * `selected` is the text just selected, for a live region.
 */
export function useReaderKeyboard({
  scrollers,
  paneLangs,
  tabbed,
  setActive,
}: {
  scrollers: RefObject<Array<HTMLElement | null>>;
  paneLangs: readonly string[];
  tabbed: boolean;
  setActive: (i: number) => void;
}) {
  const selecting = useRef<Selecting | null>(null);
  const [selected, setSelected] = useState("");
  const [mode, setMode] = useState<number | null>(null);

  const show = useCallback(
    (s: Selecting) => {
      selecting.current = s;
      const b = boundariesForPassage(s.block, s.span.start, s.span.end);
      if (!b) return;
      const range = document.createRange();
      range.setStart(b.startNode as Node, b.startOffset);
      range.setEnd(b.endNode as Node, b.endOffset);
      focusBlock(s.block);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      // Keep the selection's end in view (a sentence may run below the pane's edge).
      const scroller = scrollers.current[s.pane];
      const box = scroller?.getBoundingClientRect();
      const rects = range.getClientRects();
      const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
      if (scroller && box && (last.bottom > box.bottom - 8 || last.top < box.top + 8)) placeInView(scroller, last);
      setSelected(range.toString());
    },
    [scrollers],
  );

  const blocksOf = useCallback(
    (pane: number) =>
      [...(scrollers.current[pane]?.querySelectorAll<HTMLElement>(`${DOC_ROOT_SELECTOR} [data-block-id]`) ?? [])].filter((b) => blockText(b).trim() !== ""),
    [scrollers],
  );

  /** Start selecting in a pane: at the focused paragraph, else the first one showing at the top. */
  const startSelecting = useCallback(
    (pane: number) => {
      const scroller = scrollers.current[pane];
      if (!scroller) return;
      const blocks = blocksOf(pane);
      const focused = document.activeElement?.closest<HTMLElement>("[data-block-id]");
      const top = scroller.getBoundingClientRect().top;
      const block = (focused && blocks.includes(focused) ? focused : null) ?? blocks.find((b) => b.getBoundingClientRect().bottom > top + 4);
      const span = block ? edgeSpan(blockText(block), paneLangs[pane] ?? "", "word", "first") : null;
      if (!block || !span) return;
      setMode(pane);
      show({ pane, block, span });
    },
    [scrollers, blocksOf, paneLangs, show],
  );

  const stopSelecting = useCallback((keepSelection: boolean) => {
    selecting.current = null;
    setMode(null);
    if (!keepSelection) window.getSelection()?.removeAllRanges();
  }, []);

  const focusPane = useCallback(
    (i: number) => {
      if (tabbed) setActive(i);
      // After a tab switch the pane shows on the next frame.
      requestAnimationFrame(() => scrollers.current[i]?.focus());
    },
    [tabbed, setActive, scrollers],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const panes = scrollers.current.filter(Boolean).length;
      const target = e.target as Element | null;
      const inReader = !!target?.closest?.(".reader");
      // Pane to pane, from anywhere in the reader (also from the site's header into the first pane).
      if (e.key === "F6" && !e.altKey && !e.ctrlKey && !e.metaKey && panes > 0) {
        const here = scrollers.current.findIndex((s) => !!s && !!target && s.closest(".pane")?.contains(target));
        const next = here < 0 ? (e.shiftKey ? panes - 1 : 0) : (here + (e.shiftKey ? panes - 1 : 1)) % panes;
        e.preventDefault();
        stopSelecting(true);
        focusPane(next);
        return;
      }
      if (!inReader || isTyping(target)) return;
      const s = selecting.current;
      if (s && target === s.block) {
        if (e.key === "Escape") {
          e.preventDefault();
          stopSelecting(false);
          return;
        }
        if (e.key === "Enter") {
          e.preventDefault();
          stopSelecting(true);
          document.querySelector<HTMLElement>(".selection-toolbar button")?.focus();
          return;
        }
        const steps = STEPS[e.key];
        if (!steps || e.altKey || e.ctrlKey || e.metaKey) return;
        e.preventDefault();
        const lang = paneLangs[s.pane] ?? "";
        const next = stepSelection(blockText(s.block), lang, s.span, steps[e.shiftKey ? 1 : 0]);
        if (typeof next !== "string") return show({ ...s, span: next });
        // Off the block's edge: on into the neighbouring paragraph (moving only; extending stays in one block).
        const blocks = blocksOf(s.pane);
        const neighbour = blocks[blocks.indexOf(s.block) + (next === "after" ? 1 : -1)];
        const unit = steps[0].endsWith("word") ? "word" : "sentence";
        const span = neighbour ? edgeSpan(blockText(neighbour), lang, unit, next === "after" ? "first" : "last") : null;
        if (neighbour && span) show({ pane: s.pane, block: neighbour, span });
        return;
      }
      // "S" in a pane's text (not in its toolbar or notes) starts selecting there.
      if ((e.key === "s" || e.key === "S") && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
        const pane = scrollers.current.findIndex((sc) => !!sc && !!target && sc.contains(target));
        if (pane < 0 || target?.closest("button, a, summary")) return;
        e.preventDefault();
        startSelecting(pane);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [scrollers, paneLangs, show, blocksOf, startSelecting, stopSelecting, focusPane]);

  // A click elsewhere or the mouse taking over ends the mode (the selection is then the mouse's).
  useEffect(() => {
    if (mode === null) return;
    const end = () => {
      selecting.current = null;
      setMode(null);
    };
    document.addEventListener("pointerdown", end);
    return () => document.removeEventListener("pointerdown", end);
  }, [mode]);

  return { startSelecting, focusPane, selecting: mode, selected };
}
