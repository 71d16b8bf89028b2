"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * The header's links, search and language switch. On a wide screen they stand in the bar; on a phone they
 * fold behind a Menu button (a disclosure: aria-expanded on the button, the panel right below it), which
 * closes again when a link in it is followed, Escape is pressed or the page outside it is touched.
 */
export default function SiteMenu({ label, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <>
      <button ref={button} type="button" className="site-menu-button" aria-expanded={open} aria-controls="site-menu" onClick={() => setOpen((o) => !o)}>
        <span aria-hidden="true" className="site-menu-icon">
          ☰
        </span>{" "}
        {label}
      </button>
      <div
        ref={panel}
        id="site-menu"
        className="site-menu"
        data-open={open}
        onClick={(e) => {
          if ((e.target as HTMLElement).closest("a")) setOpen(false);
        }}
      >
        {children}
      </div>
    </>
  );
}
