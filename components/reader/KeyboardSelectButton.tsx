"use client";

import { useTranslations } from "next-intl";

/** The pane toolbar's switch into keyboard selection mode (lib/reader/keyboard-selection; also the S key). */
export default function KeyboardSelectButton({ pressed, onPress }: { pressed: boolean; onPress: () => void }) {
  const tu = useTranslations("ReaderUx");
  return (
    <button type="button" className="icon-button" aria-pressed={pressed} aria-label={tu("selectWithKeys")} title={tu("selectWithKeysHint")} onClick={onPress}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
        <path
          d="M9 4h6M9 20h6M12 4v16M4 9l-2 3 2 3M20 9l2 3-2 3"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
    </button>
  );
}
