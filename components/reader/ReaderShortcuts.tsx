"use client";

import { useTranslations } from "next-intl";

/** The reader's keyboard shortcuts, where its users look for them: a disclosure in the reader's bar. */
export default function ReaderShortcuts() {
  const t = useTranslations("ReaderUx");
  const keys: Array<[string, string]> = [
    ["F6", t("keyNextPane")],
    ["Shift+F6", t("keyPreviousPane")],
    ["S", t("keyStartSelecting")],
    ["← →", t("keyWord")],
    ["↑ ↓", t("keySentence")],
    ["Shift+← → ↑ ↓", t("keyExtend")],
    ["Enter", t("keyToolbar")],
    ["Esc", t("keyStop")],
  ];
  return (
    <details className="reader-shortcuts">
      <summary>{t("shortcuts")}</summary>
      <div className="reader-shortcuts-body">
        <dl>
          {keys.map(([key, what]) => (
            <div key={key}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <p>{t("keySkipLinks")}</p>
      </div>
    </details>
  );
}
