"use client";

import { useTranslations } from "next-intl";
import type { PassageAnchor } from "@/lib/annotations-ui/state";

/**
 * The passage a note is about. When the text was edited since the note was written and the passage found
 * again reads differently, both are shown side by side — what the note quoted and what the text says now —
 * under a plain statement that the text changed, so nobody reads the note against words it never saw.
 */
export default function PassageQuote({ quote, anchor, docLang }: { quote: string; anchor: PassageAnchor; docLang: string }) {
  const t = useTranslations("ReaderUx");
  const current = anchor.status === "anchored" ? anchor.current : undefined;
  if (current === undefined) {
    return (
      <blockquote className="note-quote" lang={docLang}>
        {quote}
      </blockquote>
    );
  }
  return (
    <div className="quote-changed" role="group" aria-label={t("textChanged")}>
      <p className="quote-changed-note">{t("textChanged")}</p>
      <div className="quote-changed-pair">
        <figure>
          <figcaption>{t("quotedThen")}</figcaption>
          <blockquote className="note-quote" lang={docLang}>
            {quote}
          </blockquote>
        </figure>
        <figure>
          <figcaption>{t("textNow")}</figcaption>
          <blockquote className="note-quote note-quote-now" lang={docLang}>
            {current}
          </blockquote>
        </figure>
      </div>
    </div>
  );
}
