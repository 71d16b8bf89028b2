"use client";

import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { Link, usePathname, useRouter } from "@/i18n/navigation";
import { routing, type AppLocale } from "@/i18n/routing";
import { addressWithCurrentPlaces, rememberReaderState } from "@/components/reader/scrollMemory";

/** Remembered for a year, like the middleware's own cookie (i18n/routing.ts). */
function rememberLocale(locale: AppLocale) {
  document.cookie = `NEXT_LOCALE=${locale}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
}

/**
 * Links to the current page in each interface language. The query (the reader's panes and its places) is
 * kept: a click reads the address as it is then, with the reader's places at that moment, since the reader
 * updates its address without telling the router (components/reader/scrollMemory). The open panels are handed
 * over through sessionStorage, since the locale segment re-mounts the page.
 */
export default function LocaleSwitcher() {
  const t = useTranslations("LocaleSwitcher");
  const current = useLocale();
  const pathname = usePathname();
  const query = useSearchParams().toString().replace(/%2C/gi, ",");
  const href = query ? `${pathname}?${query}` : pathname;
  return (
    <nav className="locale-switcher" aria-label={t("label")}>
      <ul>
        {routing.locales.map((locale) => (
          <li key={locale}>
            <LocaleLink locale={locale} href={href} current={current === locale} label={t(locale)} />
          </li>
        ))}
      </ul>
    </nav>
  );
}

function LocaleLink({ locale, href, current, label }: { locale: AppLocale; href: string; current: boolean; label: string }) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <Link
      href={href}
      locale={locale}
      lang={locale}
      hrefLang={locale}
      aria-current={current ? "true" : undefined}
      scroll={false}
      onClick={(e) => {
        rememberLocale(locale);
        rememberReaderState();
        // A new tab or window (modifier keys, middle button) follows the href as rendered.
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        const query = addressWithCurrentPlaces();
        router.push(query ? `${pathname}?${query}` : pathname, { locale, scroll: false });
      }}
    >
      {label}
    </Link>
  );
}
