"use client";

import { useTranslations } from "next-intl";
import { EDITION_VIEWS, type EditionView } from "@/lib/reader/edition";

/** In a pane's toolbar, for an edition: read the corrected text, or see it as written (lib/reader/edition). */
export default function EditionViewSwitch({ view, onChange }: { view: EditionView; onChange: (view: EditionView) => void }) {
  const t = useTranslations("EditionView");
  return (
    <span className="edition-view" role="group" aria-label={t("label")}>
      {EDITION_VIEWS.map((v) => (
        <button key={v} type="button" className="edition-view-button" aria-pressed={view === v} title={t(`${v}Hint`)} onClick={() => onChange(v)}>
          {t(v)}
        </button>
      ))}
    </span>
  );
}
