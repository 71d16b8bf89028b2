import type { ReactNode } from "react";
import type { SynopseDocument } from "@/lib/content/types";
import { documentOutline, renderDocumentHead, renderDocumentShared, renderFingerprint, renderWindowShared, type DocumentLabels } from "@/lib/reader/html";
import { initialWindow, isWindowed, planWindows } from "@/lib/reader/window";
import Outline from "./Outline";
import PaneHtml from "./PaneHtml";
import WindowedDocument from "./WindowedDocument";

/**
 * A reader pane's text and outline (server side). A document of ordinary length is rendered whole, as it
 * always was; a whole volume (lib/reader/window.ts) sends only the window holding `focusBlockId` (the deep
 * link's passage), or the first, and its pane loads the rest on demand. The outline always lists every heading.
 */
export function paneText(
  doc: SynopseDocument,
  paneId: string,
  labels: DocumentLabels,
  focusBlockId: string | undefined,
  outline: { label: string; summary: string },
): { content: ReactNode; outline: ReactNode } {
  const lang = doc.meta.lang;
  const uiLang = labels.uiLang;
  if (!isWindowed(doc)) {
    // The HTML goes to the page once: handed over to PaneHtml's server render under a key, not as a prop.
    const rendered = renderDocumentShared(doc, paneId, labels);
    const src = `/api/documents/${encodeURIComponent(doc.meta.slug)}/html?pane=${paneId}&locale=${uiLang}&v=${renderFingerprint(doc)}`;
    const view = <PaneHtml key={rendered.key} handoff={rendered.key} src={src} paneId={paneId} lang={lang} />;
    return {
      // A long text: the browser skips layout of blocks far off screen (components/teaching/teaching.css).
      content: doc.blocks.length > 1500 ? <div className="large-document">{view}</div> : view,
      outline: <Outline entries={rendered.outline} label={outline.label} summary={outline.summary} docLang={lang} uiLang={uiLang} />,
    };
  }
  const plan = planWindows(doc);
  const n = initialWindow(plan, focusBlockId);
  return {
    content: (
      <WindowedDocument
        // Ids carry the pane's name: a pane that becomes another (one to its left was closed) starts afresh.
        key={`${paneId}@${doc.version}`}
        slug={doc.meta.slug}
        version={doc.version}
        paneId={paneId}
        lang={lang}
        uiLang={uiLang}
        head={renderDocumentHead(doc, paneId, labels)}
        // The first window goes to the page once: handed over to the pane's server render under a key, not as a prop.
        initial={{ n, handoff: renderWindowShared(doc, plan, n, paneId, labels).key }}
        count={plan.windows.length}
      />
    ),
    outline: (
      <Outline
        entries={documentOutline(doc, paneId, labels, { withBlocks: true, notes: false })}
        label={outline.label}
        summary={outline.summary}
        docLang={lang}
        uiLang={uiLang}
        asHtml
      />
    ),
  };
}
