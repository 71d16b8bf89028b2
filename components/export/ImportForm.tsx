"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";

type State =
  | { kind: "idle" }
  | { kind: "busy" }
  | { kind: "done"; imported: number; skipped: Array<{ index: number; code: string }> }
  | { kind: "error"; code: string };

/** Upload a W3C Web Annotation JSON-LD file; the server re-anchors each passage and reports what it skipped. */
export default function ImportForm({ seminarId }: { seminarId: string }) {
  const t = useTranslations("Export");
  const e = useTranslations("Errors");
  const [state, setState] = useState<State>({ kind: "idle" });

  const submit = async (ev: React.FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const file = new FormData(ev.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) return;
    setState({ kind: "busy" });
    try {
      const text = await file.text();
      const res = await fetch(`/api/seminars/${encodeURIComponent(seminarId)}/import`, {
        method: "POST",
        headers: { "Content-Type": "application/ld+json" },
        body: text,
      });
      const body = (await res.json().catch(() => null)) as { imported?: number; skipped?: Array<{ index: number; code: string }>; code?: string } | null;
      if (res.ok && body && typeof body.imported === "number") setState({ kind: "done", imported: body.imported, skipped: body.skipped ?? [] });
      else setState({ kind: "error", code: body?.code ?? "internal" });
    } catch {
      setState({ kind: "error", code: "internal" });
    }
  };

  const message = (code: string) => {
    type Code = Parameters<typeof e>[0];
    return e.has(code as Code) ? e(code as Code) : e("internal");
  };

  return (
    <form className="import-form" onSubmit={submit} aria-busy={state.kind === "busy"}>
      <p className="hint">{t("importHint")}</p>
      <label>
        {t("importFile")}
        <input type="file" name="file" required accept=".jsonld,.json,application/ld+json,application/json" disabled={state.kind === "busy"} />
      </label>
      <button type="submit" disabled={state.kind === "busy"}>
        {state.kind === "busy" ? t("importing") : t("importButton")}
      </button>
      <div role="status">
        {state.kind === "done" ? (
          <>
            <p>{t("imported", { count: state.imported })}</p>
            {state.skipped.length ? (
              <>
                <p>{t("skipped", { count: state.skipped.length })}</p>
                <ul>
                  {state.skipped.map((s) => (
                    <li key={s.index}>{t("skippedItem", { number: s.index + 1, reason: message(s.code) })}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        ) : null}
      </div>
      {state.kind === "error" ? <p role="alert">{message(state.code)}</p> : null}
    </form>
  );
}
