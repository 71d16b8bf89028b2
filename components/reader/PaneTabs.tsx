"use client";

import { panelDomId } from "@/lib/reader/dom-ids";

/** The tab list of a phone-sized screen: one tab per pane, arrow keys move between them. */
export default function PaneTabs({
  panes,
  active,
  onActivate,
  label,
}: {
  panes: ReadonlyArray<{ key: string; paneId: string; docLang: string; title: string }>;
  active: number;
  onActivate: (i: number) => void;
  label: string;
}) {
  return (
    <div className="pane-tabs" role="tablist" aria-label={label}>
      {panes.map((p, i) => (
        <button
          key={p.key}
          type="button"
          role="tab"
          id={`${p.paneId}-tab`}
          aria-selected={i === active}
          aria-controls={panelDomId(p.paneId)}
          tabIndex={i === active ? 0 : -1}
          lang={p.docLang}
          onClick={() => onActivate(i)}
          onKeyDown={(e) => {
            const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
            if (!step) return;
            const next = (i + step + panes.length) % panes.length;
            onActivate(next);
            document.getElementById(`${panes[next].paneId}-tab`)?.focus();
          }}
        >
          {p.title}
        </button>
      ))}
    </div>
  );
}
