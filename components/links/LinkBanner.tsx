"use client";

import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { shortQuote } from "@/lib/links/reader-view";
import { useLinks } from "./LinksProvider";

/** While a link is being made: what is linked from, what to do next, and a way out (also Escape). */
export default function LinkBanner() {
  const t = useTranslations("Links");
  const links = useLinks();
  const cancel = useRef<HTMLButtonElement>(null);
  const linking = links?.linking ?? null;
  useEffect(() => {
    // Keyboard users land on the banner's button; the passage to link to is chosen from there.
    if (linking) cancel.current?.focus({ preventScroll: true });
  }, [linking]);
  if (!links || !linking) return null;
  const onlyOnePane = links.panes.length < 2;
  return (
    <div className="link-banner" role="region" aria-label={t("dialogTitle")}>
      <p role="status">
        {t("linkingBanner", { quote: shortQuote(linking.quote, 80) })}
        {onlyOnePane ? <> {t("linkingNeedsPane")}</> : null}
      </p>
      <button ref={cancel} type="button" className="button small" onClick={links.cancelLinking}>
        {t("cancel")}
      </button>
    </div>
  );
}
