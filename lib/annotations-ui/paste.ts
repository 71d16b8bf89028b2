/**
 * What survives a paste into a note: the editor's schema (bold, italic, lists, block quotes, links,
 * paragraphs) already drops unknown elements, but pasted HTML from Word or a web page brings styles,
 * classes, Office namespaces, comments, images, tables and scripts whose text or attributes would
 * otherwise leak in. This strips them before ProseMirror parses the HTML. DOMParser-based, so it
 * runs in the browser only (the editor is client-only anyway); e2e/annotations.spec.ts pastes Word-like
 * HTML into the real editor. The server sanitizes every body again on save (lib/annotations/body.ts).
 */

/** Elements dropped with everything inside them. */
const DROP_WITH_CONTENT =
  "script, style, noscript, template, iframe, object, embed, svg, math, img, video, audio, canvas, head, title, meta, link, button, input, select, textarea, form";

/** Text-level cleanup that needs no DOM: conditional comments, Office XML, comments. */
export function prepastePass(html: string): string {
  return html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<\/?o:p[^>]*>/gi, "")
    .replace(/<\/?(?:w|m|v|o|st1):[^>]*>/gi, "");
}

/**
 * Clean pasted HTML: drop foreign content, keep only href on links (http, https, mailto), remove every
 * other attribute (styles, classes, ids, event handlers). Word marks bold/italic with <b>/<i> or with
 * inline styles; the styled spans become <strong>/<em> so the formatting the user saw is kept.
 */
export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(prepastePass(html), "text/html");
  doc.body.querySelectorAll(DROP_WITH_CONTENT).forEach((el) => el.remove());
  for (const el of [...doc.body.querySelectorAll("*")]) {
    const style = (el.getAttribute("style") ?? "").toLowerCase();
    let replacement: Element = el;
    if (el.tagName === "SPAN" && /font-weight\s*:\s*(bold|[6-9]00)/.test(style)) replacement = rename(el, "strong");
    else if (el.tagName === "SPAN" && /font-style\s*:\s*italic/.test(style)) replacement = rename(el, "em");
    const href = replacement.tagName === "A" ? (replacement.getAttribute("href") ?? "").trim() : "";
    for (const attr of [...replacement.attributes]) replacement.removeAttribute(attr.name);
    if (replacement.tagName === "A" && /^(https?:|mailto:)/i.test(href)) replacement.setAttribute("href", href);
  }
  return doc.body.innerHTML;
}

function rename(el: Element, tag: string): Element {
  const next = el.ownerDocument.createElement(tag);
  while (el.firstChild) next.appendChild(el.firstChild);
  el.replaceWith(next);
  return next;
}
