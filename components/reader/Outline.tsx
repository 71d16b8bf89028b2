import { outlineItemsHtml, type WindowedOutlineEntry } from "@/lib/reader/html";

/**
 * A pane's headings (or forum posts) to jump to: a disclosure, closed by default, that needs no script. In a
 * whole volume read in windows, an entry names its block (`data-target-block`) so the reader can load it, and
 * its long list comes as one HTML string (`asHtml`), the same markup.
 */
export default function Outline({
  entries,
  label,
  summary,
  docLang,
  uiLang,
  asHtml = false,
}: {
  entries: WindowedOutlineEntry[];
  label: string;
  summary: string;
  docLang: string;
  uiLang: string;
  asHtml?: boolean;
}) {
  if (entries.length === 0) return null;
  return (
    <details className="outline">
      <summary>{summary}</summary>
      <nav aria-label={label}>
        {asHtml ? (
          <ol dangerouslySetInnerHTML={{ __html: outlineItemsHtml(entries, docLang, uiLang) }} />
        ) : (
          <ol>
            {entries.map((e) => (
              <li key={e.id} className={`outline-l${Math.min(e.level, 3)}`}>
                <a href={`#${e.id}`} data-outline-link="" data-target-block={e.block} lang={e.ui ? uiLang : docLang}>
                  {e.text}
                </a>
              </li>
            ))}
          </ol>
        )}
      </nav>
    </details>
  );
}
