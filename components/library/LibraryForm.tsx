"use client";

import { useRef, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { MAX_PANES } from "@/lib/reader/layout";

/**
 * The library's "read side by side" form. It works as a plain GET form (the reader turns its `d=`
 * parameters into a layout); this adds the limit of three, a live count, and a message for an empty choice.
 */
export default function LibraryForm({ action, children }: { action: string; children: ReactNode }) {
  const t = useTranslations("Library");
  const form = useRef<HTMLFormElement>(null);
  const [count, setCount] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);

  const boxes = () => [...(form.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"][name="d"]') ?? [])];

  const onChange = () => {
    const all = boxes();
    const checked = all.filter((b) => b.checked).length;
    setCount(checked);
    setProblem(checked >= MAX_PANES ? t("limitReached", { max: MAX_PANES }) : null);
    for (const box of all) box.disabled = !box.checked && checked >= MAX_PANES;
  };

  return (
    <form
      ref={form}
      action={action}
      method="get"
      className="library-form"
      onChange={onChange}
      onSubmit={(e) => {
        if (boxes().some((b) => b.checked)) return;
        e.preventDefault();
        setProblem(t("chooseOne"));
      }}
    >
      {children}
      <div className="library-actions">
        <button type="submit" className="button primary">
          {t("readSideBySide")}
        </button>
        <p className="library-count" role="status">
          {t("selectedCount", { count, max: MAX_PANES })}
          {problem ? <span className="library-problem"> {problem}</span> : null}
        </p>
      </div>
    </form>
  );
}
