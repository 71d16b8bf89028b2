"use client";

import { useTranslations } from "next-intl";
import type { Passage } from "@/lib/reader/selection";
import { useLinks } from "./LinksProvider";

/**
 * "Link…" and "Suggest links" in the reader's selection toolbar; in linking mode, "Link here" on the second
 * passage. Like the other toolbar buttons they keep the selection (no focus change on mousedown).
 */
export default function LinkButtons({ pane, passage }: { pane: number; passage: Passage }) {
  const t = useTranslations("Links");
  const links = useLinks();
  const slug = links?.panes[pane]?.slug ?? "";
  if (!links || !links.canLink(slug)) return null;
  const keep = (e: React.MouseEvent) => e.preventDefault();
  if (links.linking) {
    return (
      <button type="button" className="button small link-here" onMouseDown={keep} onClick={() => links.finishLinking(pane, passage)}>
        {t("linkHere")}
      </button>
    );
  }
  return (
    <>
      <button type="button" className="button small" title={t("linkHint")} onMouseDown={keep} onClick={() => links.startLinking(pane, passage)}>
        {t("link")}
      </button>
      <button type="button" className="button small" onMouseDown={keep} onClick={() => links.suggestFor(pane, passage)}>
        {t("suggest")}
      </button>
    </>
  );
}
