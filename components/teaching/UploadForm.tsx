"use client";

import { useRef, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { parsePartialDate } from "@/lib/reader/dates";
import type { UploadPreview, UploadProblem } from "@/lib/teaching/upload";

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; percent: number }
  | { kind: "processing" }
  | { kind: "preview"; preview: UploadPreview }
  | { kind: "publishing"; preview: UploadPreview }
  | { kind: "published"; slug: string; title: string }
  | { kind: "error"; code: string; problem: Pick<UploadProblem, "line" | "problem" | "params"> | null };

/**
 * Upload with progress: the file is sent as the raw request body with XMLHttpRequest (fetch cannot report
 * upload progress), then the server cleans it ("processing") and answers with a preview of the structure.
 * Publishing sends only the preview's token: the server publishes exactly what was previewed.
 */
export default function UploadForm({ seminarId }: { seminarId: string }) {
  const t = useTranslations("Upload");
  const e = useTranslations("Errors");
  const problems = useTranslations("ContentErrors");
  const doc = useTranslations("Document");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const form = useRef<HTMLFormElement>(null);
  const base = `/api/seminars/${encodeURIComponent(seminarId)}/uploads`;

  const fail = (body: unknown) => {
    const b = (body ?? {}) as { code?: string } & Partial<UploadProblem>;
    const problem = typeof b.line === "number" && typeof b.problem === "string" ? { line: b.line, problem: b.problem, params: b.params ?? {} } : null;
    setPhase({ kind: "error", code: b.code ?? "internal", problem });
  };

  /** The server names the problem by code (lib/content/errors); the words come from this page's language. */
  const describeProblem = (p: Pick<UploadProblem, "line" | "problem" | "params">): string | null => {
    type Key = Parameters<typeof problems>[0];
    if (!problems.has(p.problem as Key)) return null;
    return t("errorLine", { line: p.line, reason: problems(p.problem as Key, p.params as never) });
  };

  const check = (ev: React.FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const data = new FormData(ev.currentTarget);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) return;
    const q = new URLSearchParams({ name: file.name });
    for (const k of ["lang", "kind", "title", "author", "source"]) {
      const v = data.get(k);
      if (typeof v === "string" && v.trim()) q.set(k, v.trim());
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${base}?${q}`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (p) => {
      if (p.lengthComputable) setPhase({ kind: "uploading", percent: Math.round((p.loaded / p.total) * 100) });
    };
    xhr.upload.onload = () => setPhase({ kind: "processing" });
    xhr.onload = () => {
      if (xhr.status === 200) setPhase({ kind: "preview", preview: xhr.response as UploadPreview });
      else fail(xhr.response);
    };
    xhr.onerror = () => fail(null);
    setPhase({ kind: "uploading", percent: 0 });
    xhr.send(file);
  };

  const publish = async (preview: UploadPreview) => {
    setPhase({ kind: "publishing", preview });
    try {
      const res = await fetch(`${base}/publish`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ token: preview.token }),
      });
      const body = await res.json().catch(() => null);
      if (res.ok) setPhase({ kind: "published", slug: (body as { slug: string }).slug, title: preview.title ?? preview.slug });
      else fail(body);
    } catch {
      fail(null);
    }
  };

  const busy = phase.kind === "uploading" || phase.kind === "processing" || phase.kind === "publishing";
  return (
    <>
      <form ref={form} className="upload-form" onSubmit={check} aria-busy={busy}>
        <label>
          {t("file")}
          <input type="file" name="file" required accept=".md,.markdown,.txt,.xml,text/markdown,text/plain,application/xml,text/xml" disabled={busy} />
        </label>
        <label>
          {t("lang")}
          <select name="lang" defaultValue="" disabled={busy}>
            <option value="">{t("langFromFile")}</option>
            {(["de", "en", "ru"] as const).map((l) => (
              <option key={l} value={l}>
                {doc(`language.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("kind")}
          <select name="kind" defaultValue="essay" disabled={busy}>
            <option value="essay">{t("kindEssay")}</option>
            <option value="article">{t("kindArticle")}</option>
            <option value="blog">{t("kindBlog")}</option>
            <option value="forum">{t("kindForum")}</option>
          </select>
        </label>
        <label>
          {t("titleField")}
          <input type="text" name="title" maxLength={300} disabled={busy} />
        </label>
        <label>
          {t("authorField")}
          <input type="text" name="author" maxLength={300} disabled={busy} />
        </label>
        <label>
          {t("sourceField")}
          <input type="text" name="source" maxLength={500} disabled={busy} />
        </label>
        <button type="submit" disabled={busy}>
          {t("check")}
        </button>
      </form>

      <div role="status" aria-live="polite">
        {phase.kind === "uploading" ? (
          <>
            <progress className="upload-progress" max={100} value={phase.percent} aria-label={t("progressLabel")} />
            <p>{t("uploading", { percent: phase.percent })}</p>
          </>
        ) : null}
        {phase.kind === "processing" ? (
          <>
            <progress className="upload-progress" aria-label={t("progressLabel")} />
            <p>{t("processing")}</p>
          </>
        ) : null}
        {phase.kind === "publishing" ? <p>{t("publishing")}</p> : null}
        {phase.kind === "published" ? (
          <p>
            {t("published", { title: phase.title })}{" "}
            <Link href={`/read?p=${encodeURIComponent(phase.slug)}&seminar=${encodeURIComponent(seminarId)}`}>{t("readNow")}</Link>
          </p>
        ) : null}
      </div>

      {phase.kind === "error" ? (
        <div className="upload-error" role="alert">
          <h2>{t("errorTitle")}</h2>
          <p>{(phase.problem && describeProblem(phase.problem)) ?? safeError(e, phase.code)}</p>
          <p>{t("nothingImported")}</p>
        </div>
      ) : null}

      {phase.kind === "preview" || phase.kind === "publishing" ? (
        <Preview preview={phase.preview} onPublish={() => void publish(phase.preview)} busy={phase.kind === "publishing"} />
      ) : null}
    </>
  );
}

/** TEI uploads: the licence the file states, and which elements are shown as plain text (with how often). */
function TeiPreviewDetails({ generic, licence, lang }: { generic: Array<{ element: string; count: number }>; licence: string | null; lang: string }) {
  const t = useTranslations("TeiUpload");
  return (
    <>
      {licence ? (
        <p>
          {t("licence")} <span lang={lang}>{licence}</span>
        </p>
      ) : null}
      {generic.length === 0 ? null : (
        <>
          <h3>{t("genericHeading")}</h3>
          <p className="hint">{t("genericHint")}</p>
          <ul className="upload-generic">
            {generic.map((g) => (
              <li key={g.element}>{t("genericItem", { element: g.element, count: g.count })}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function safeError(e: ReturnType<typeof useTranslations<"Errors">>, code: string): string {
  type Code = Parameters<typeof e>[0];
  return e.has(code as Code) ? e(code as Code) : e("internal");
}

function Preview({ preview: p, onPublish, busy }: { preview: UploadPreview; onPublish: () => void; busy: boolean }) {
  const t = useTranslations("Upload");
  const doc = useTranslations("Document");
  const format = useFormatter();
  type Kind = Parameters<typeof doc>[0];
  const kind = doc.has(`kind.${p.kind}` as Kind) ? doc(`kind.${p.kind}` as Kind) : p.kind;
  // "1972-12" reads as "December 1972"; a date the parser does not know is shown as written.
  const partial = parsePartialDate(p.date);
  const date = partial ? format.dateTime(partial.date, partial.options) : p.date;
  return (
    <section className="upload-preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t("previewHeading")}</h2>
      <p className="hint">{t("previewHint")}</p>
      <dl>
        <dt>{t("metaTitle")}</dt>
        <dd lang={p.lang}>{p.title ?? t("unknown")}</dd>
        <dt>{t("metaAuthor")}</dt>
        <dd>{p.author ?? t("unknown")}</dd>
        <dt>{t("metaLang")}</dt>
        <dd>{p.lang}</dd>
        <dt>{t("metaKind")}</dt>
        <dd>{kind}</dd>
        <dt>{t("metaDate")}</dt>
        <dd>{date ?? t("unknown")}</dd>
        <dt>{t("metaSource")}</dt>
        <dd className="upload-source">{p.source ?? t("unknown")}</dd>
        <dt>{t("metaSlug")}</dt>
        <dd>
          <code>{p.slug}</code>
        </dd>
      </dl>
      <p>{t("structure", { blocks: p.blocks, words: p.words })}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("blockType")}</th>
            <th scope="col">{t("blockCount")}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(p.blockCounts).map(([type, n]) => (
            <tr key={type}>
              <th scope="row">{t(`types.${type}` as "types.heading")}</th>
              <td>{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t("footnotes", { total: p.footnotes.total, linked: p.footnotes.linked })}</p>
      <TeiPreviewDetails generic={p.generic ?? []} licence={p.licence ?? null} lang={p.lang} />
      <h3>{t("outline")}</h3>
      {p.outline.length === 0 ? (
        <p className="muted">{t("noHeadings")}</p>
      ) : (
        <ul className="upload-outline" lang={p.lang}>
          {p.outline.map((h, i) => (
            <li key={i} style={{ marginLeft: `${(h.level - 2) * 1.2}em` }}>
              {h.text}
            </li>
          ))}
        </ul>
      )}
      <h3>{t("beginning")}</h3>
      <div lang={p.lang}>
        {p.firstParagraphs.map((text, i) => (
          <p key={i}>{text}</p>
        ))}
      </div>
      <button type="button" onClick={onPublish} disabled={busy}>
        {t("publish")}
      </button>
    </section>
  );
}
