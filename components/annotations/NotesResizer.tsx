"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { panelDomId } from "@/lib/reader/dom-ids";

const STEP = 40;
const MIN = 96;

/**
 * The handle between a pane's text and its notes panel: drag it, or focus it and use the arrow keys, to give
 * the notes more or less room (below the text in a narrow pane, beside it in a wide one). The size is a CSS
 * variable on the pane, so the text's share follows without a render.
 */
export default function NotesResizer({ paneId }: { paneId: string }) {
  const t = useTranslations("ReaderUx");
  const [share, setShare] = useState<number | null>(null);

  const measure = (el: HTMLElement) => {
    const pane = document.getElementById(panelDomId(paneId));
    const panel = el.parentElement;
    if (!pane || !panel) return null;
    const beside = getComputedStyle(panel).position === "absolute";
    const paneBox = pane.getBoundingClientRect();
    const panelBox = panel.getBoundingClientRect();
    return { pane, beside, paneBox, size: beside ? panelBox.width : panelBox.height, room: beside ? paneBox.width : paneBox.height };
  };
  const apply = (m: NonNullable<ReturnType<typeof measure>>, size: number) => {
    const px = Math.round(Math.max(MIN, Math.min(size, m.room * 0.85)));
    m.pane.style.setProperty("--notes-size", `${px}px`);
    setShare(Math.round((px / m.room) * 100));
  };

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    const handle = e.currentTarget;
    const m = measure(handle);
    if (!m) return;
    e.preventDefault();
    handle.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => apply(m, m.beside ? m.paneBox.right - ev.clientX : m.paneBox.bottom - ev.clientY);
    const up = () => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", up);
      handle.removeEventListener("pointercancel", up);
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", up);
    handle.addEventListener("pointercancel", up);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const m = measure(e.currentTarget);
    if (!m) return;
    const grow = m.beside ? "ArrowLeft" : "ArrowUp";
    const shrink = m.beside ? "ArrowRight" : "ArrowDown";
    if (e.key !== grow && e.key !== shrink) return;
    e.preventDefault();
    apply(m, m.size + (e.key === grow ? STEP : -STEP));
  };

  return (
    <div
      className="notes-resize"
      role="separator"
      tabIndex={0}
      aria-label={t("resizeNotes")}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={share ?? 45}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
