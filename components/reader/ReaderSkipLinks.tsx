"use client";

import { useTranslations } from "next-intl";

/** Skip links to each pane's text, right after the site's "Skip to content": focus moves into the pane. */
export default function ReaderSkipLinks({
  panes,
  focusPane,
}: {
  panes: ReadonlyArray<{ key: string; paneId: string; title: string }>;
  focusPane: (i: number) => void;
}) {
  const tu = useTranslations("ReaderUx");
  return (
    <nav className="reader-skip" aria-label={tu("skipLinks")}>
      {panes.map((p, i) => (
        <a
          key={p.key}
          className="skip-link"
          href={`#${p.paneId}-text`}
          onClick={(e) => {
            e.preventDefault();
            focusPane(i);
          }}
        >
          {tu("skipToPane", { n: i + 1, title: p.title })}
        </a>
      ))}
    </nav>
  );
}
