"use client";

import { useEffect, useState } from "react";

/**
 * Copies `value` to the clipboard and says so in a live region. Where the browser refuses (no permission, no
 * secure context), the text field `fieldId` is selected instead so that the person can copy it themselves.
 */
export default function CopyButton({
  value,
  fieldId,
  label,
  copied,
  failed,
}: {
  value: string;
  fieldId: string;
  label: string;
  copied: string;
  failed: string;
}) {
  const [status, setStatus] = useState<"copied" | "failed" | null>(null);
  useEffect(() => {
    if (status !== "copied") return;
    const timer = setTimeout(() => setStatus(null), 5000);
    return () => clearTimeout(timer);
  }, [status]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("copied");
    } catch {
      const field = document.getElementById(fieldId) as HTMLInputElement | null;
      field?.focus();
      field?.select();
      setStatus("failed");
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="copy-status">
        {status === "copied" ? copied : status === "failed" ? failed : ""}
      </span>
    </>
  );
}
