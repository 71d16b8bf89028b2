/**
 * A document's text, server-rendered as plain HTML (see lib/reader/html.ts for why a string). The `lang`
 * is the document's own language, whatever the interface language; labels inside carry their own lang.
 */
export default function DocumentView({ html, lang }: { html: string; lang: string }) {
  return <div className="doc" lang={lang} data-doc-root="" dangerouslySetInnerHTML={{ __html: html }} />;
}
