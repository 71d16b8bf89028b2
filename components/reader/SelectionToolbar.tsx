"use client";

import type { ReactNode } from "react";
import { useTranslations } from "next-intl";

/**
 * Appears under a text selection in a pane. The button keeps the selection (no mousedown focus change)
 * so the passage copied is the one still visibly selected.
 */
export default function SelectionToolbar({ top, left, onCopyLink, children }: { top: number; left: number; onCopyLink: () => void; children?: ReactNode }) {
  const t = useTranslations("Reader");
  return (
    <div className="selection-toolbar" role="group" aria-label={t("selection")} style={{ top, left }}>
      {children}
      <button type="button" className="button small" onMouseDown={(e) => e.preventDefault()} onClick={onCopyLink}>
        {t("copyLink")}
      </button>
    </div>
  );
}
