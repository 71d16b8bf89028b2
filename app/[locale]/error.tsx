"use client";

import { useEffect } from "react";
import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";

/** An unexpected failure while rendering a page: a translated message and a way on, never a stack trace. */
export default function LocaleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("Errors");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="main" className="problem">
      <h1>{t("genericTitle")}</h1>
      <p>{t("genericBody")}</p>
      <p className="problem-actions">
        <button type="button" className="button" onClick={reset}>
          {t("retry")}
        </button>{" "}
        <Link href="/">{t("backToLibrary")}</Link>
      </p>
    </main>
  );
}
