"use client";

import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";

const GAP = 8;

/**
 * Appears under a text selection in a pane, inside that pane: placed at the selection's end, moved left as
 * far as its width needs, and wrapping onto a second row when the pane is narrower than its buttons (Russian
 * labels in three panes). The button keeps the selection (no mousedown focus change) so the passage copied is
 * the one still visibly selected.
 */
export default function SelectionToolbar({
  top,
  left,
  bounds,
  onCopyLink,
  children,
}: {
  top: number;
  left: number;
  bounds: { left: number; right: number };
  onCopyLink: () => void;
  children?: ReactNode;
}) {
  const t = useTranslations("Reader");
  const bar = useRef<HTMLDivElement>(null);
  const [x, setX] = useState(left);
  const maxWidth = Math.max(120, bounds.right - bounds.left - 2 * GAP);
  useLayoutEffect(() => {
    const width = bar.current?.offsetWidth ?? 0;
    setX(Math.max(bounds.left + GAP, Math.min(left, bounds.right - GAP - width)));
  }, [left, bounds.left, bounds.right, children]);
  return (
    <div ref={bar} className="selection-toolbar" role="group" aria-label={t("selection")} style={{ top, left: x, maxWidth }}>
      {children}
      <button type="button" className="button small" onMouseDown={(e) => e.preventDefault()} onClick={onCopyLink}>
        {t("copyLink")}
      </button>
    </div>
  );
}
