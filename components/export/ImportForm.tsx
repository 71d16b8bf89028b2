"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";

/** One line of the server's answer (lib/annotations/export: ImportResult). */
interface ItemRef {
  index: number;
  quote: string;
  kind: "note" | "reply";
  documentSlug?: string;
}
interface Result {
  imported: number;
  authorsKept: number;
  reattributed: Array<ItemRef & { author: string; why: string }>;
  skipped: Array<ItemRef & { code: string; detail?: string }>;
}

type State = { kind: "idle" } | { kind: "busy" } | ({ kind: "done" } & Result) | { kind: "error"; code: string };

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
      const body = (await res.json().catch(() => null)) as (Partial<Result> & { code?: string }) | null;
      if (res.ok && body && typeof body.imported === "number")
        setState({
          kind: "done",
          imported: body.imported,
          authorsKept: body.authorsKept ?? 0,
          reattributed: body.reattributed ?? [],
          skipped: body.skipped ?? [],
        });
      else setState({ kind: "error", code: body?.code ?? "internal" });
    } catch {
      setState({ kind: "error", code: "internal" });
    }
  };

  const message = (code: string) => {
    type Code = Parameters<typeof e>[0];
    return e.has(code as Code) ? e(code as Code) : e("internal");
  };
  /** Why an item was skipped, in the import's own words where there are some (else the app's error text). */
  const reason = (code: string, detail?: string) => {
    type Key = Parameters<typeof t>[0];
    const key = `importReason.${code}` as Key;
    return t.has(key) ? t(key, { detail: detail ?? "" }) : message(code);
  };
  const skippedLine = (s: Result["skipped"][number]) =>
    s.quote
      ? t("skippedNote", { kind: s.kind, quote: s.quote, document: s.documentSlug ?? "none", reason: reason(s.code, s.detail) })
      : t("skippedUnquoted", { number: s.index + 1, reason: reason(s.code, s.detail) });

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
            <p>
              {t("imported", { count: state.imported })} {state.authorsKept ? t("authorsKept", { count: state.authorsKept }) : null}
            </p>
            {state.reattributed.length ? (
              <>
                <p>{t("reattributed", { count: state.reattributed.length })}</p>
                <ul>
                  {state.reattributed.map((r) => (
                    <li key={r.index}>
                      {t("reattributedItem", { kind: r.kind, quote: r.quote, author: r.author, why: r.why === "not-member" ? "not_member" : "not_instructor" })}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {state.skipped.length ? (
              <>
                <p>{t("skipped", { count: state.skipped.length })}</p>
                <ul>
                  {state.skipped.map((s) => (
                    <li key={s.index}>{skippedLine(s)}</li>
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
