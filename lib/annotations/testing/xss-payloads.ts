/**
 * Script-injection payloads for the places user text ends up (names, titles, tags, note text): classic tags,
 * event handlers, dangerous URL schemes, Markdown link and image syntax, HTML entities and comments, and
 * break-outs from attributes and code spans. Test data (lib/annotations/export.test.ts, bench/security.ts).
 */
export const XSS_PAYLOADS: readonly string[] = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  "<iframe src=javascript:alert(1)>",
  "<a href=javascript:alert(1)>x</a>",
  "<body onload=alert(1)>",
  "<details open ontoggle=alert(1)>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<input autofocus onfocus=alert(1)>",
  "<video><source onerror=alert(1)></video>",
  "<object data=javascript:alert(1)>",
  "<embed src=javascript:alert(1)>",
  "<form action=javascript:alert(1)><button>x</button></form>",
  "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
  "<!--><img src=x onerror=alert(1)>-->",
  "<<script>script>alert(1)<</script>/script>",
  "<scr<script>ipt>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  "`<img src=x onerror=alert(1)>`",
  "``<img src=x onerror=alert(1)>``",
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](javascript&#58;alert(1))",
  "[click]( javascript:alert(1) )",
  "![x](javascript:alert(1))",
  "<javascript:alert(1)>",
  "[x]: javascript:alert(1)\n\n[click][x]",
  "&lt;img src=x onerror=alert(1)&gt;",
  "&#60;img src=x onerror=alert(1)&#62;",
  "<IMG SRC=x ONERROR=alert(1)>",
  "<img src=x onerror\n=alert(1)>",
  "line one\n<img src=x onerror=alert(1)>",
  "line one\n\n<div onmouseover=alert(1)>x</div>",
  "# <img src=x onerror=alert(1)>",
  "> <img src=x onerror=alert(1)>",
  "- <img src=x onerror=alert(1)>",
  "    <img src=x onerror=alert(1)>",
  "```\n<img src=x onerror=alert(1)>\n```",
  "*<img src=x onerror=alert(1)>*",
  "\\<img src=x onerror=alert(1)>",
  "<style>@import 'javascript:alert(1)'</style>",
  "<base href=javascript:alert(1)//>",
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
];

/**
 * Whether HTML (rendered from an export by a viewer that passes raw HTML through) holds anything that runs
 * script: an element the Markdown itself could not have produced, an event-handler attribute, or a link or
 * source with a javascript:/data:/vbscript: URL.
 */
export function executableHtml(html: string, allowedTags: readonly string[]): string | null {
  const allowed = new Set(allowedTags);
  for (const m of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const tag = m[1].toLowerCase();
    if (!allowed.has(tag)) return m[0];
    if (/\son\w+\s*=/i.test(m[2])) return m[0];
    if (/\s(href|src|action|data|formaction)\s*=\s*["']?\s*(javascript|data|vbscript):/i.test(m[2])) return m[0];
  }
  return null;
}
