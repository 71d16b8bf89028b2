/**
 * Reader pages rendered once per address and then served from memory, in two copies: a visitor's, and a
 * member's made without any member's data.
 *
 * Why: a reader page requested without a session is the same for every visitor. It shows only the public
 * library's texts (an uploaded text is for its seminar's members), and those change only with a content
 * build and a restart (lib/content/store). A member's page of library texts is the same for every member
 * but for their parts (notes, heat strips, unread count): the member's copy carries the member's links and
 * none of those, and the page fetches them after the text (GET /api/reader/member,
 * components/annotations/MemberSession). A page naming a text only some may read (an upload) is not made
 * in the member's copy (the page answers 404 to such a render), so it is rendered for each member as before. Rendering it per request cost about seven times serving the same
 * HTML as a file (bench/RESULTS.md, "Reader"), almost all of it Next's and React's fixed cost per request,
 * which no cache inside the page can remove. Next's own page cache (ISR) cannot hold it either: the page
 * carries a fresh CSP nonce per response, and Next renders every page with a nonce per request.
 *
 * So proxy.ts keeps whole responses here. On a miss it asks the server for the page once, over loopback and
 * without cookies (so no member's data can get into it, whatever the asking request carried); concurrent misses for
 * one address share that render. The stored body is split at the render's nonce, and every response gets a
 * fresh one in its body and in its CSP header, so a nonce is never served twice.
 *
 * What is not stored: Next's client navigations and prefetches (RSC payloads, not HTML), any answer but a 200, and every
 * other page. Entries expire after a while anyway (ENTRY_TTL_MS), so even something this comment missed is
 * stale for minutes at most; the cache is bounded by bytes.
 *
 * Framework-free: Web Request/Headers/Response only; proxy.ts wires it to Next.
 */
import { LRUCache } from "lru-cache";
import { getSessionCookie } from "better-auth/cookies";

/** Addresses whose pages are stored: the reader, in any interface language. */
const STORED_PAGES = /^\/[a-z]{2}\/read$/;

/**
 * Request headers of Next's client router: such a request wants the page's RSC payload, not its HTML. Next
 * takes them (and `_rsc`) off the request before its proxy sees it, so the one sign a proxy has left is that
 * the router's fetch does not ask for HTML, while a browser's page load does (`isPageLoad`).
 */
const ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"];

/** Response headers worth keeping: the rest (date, length, cookies, the CSP, alternates) belong to one response. */
const STORED_HEADERS = ["content-type", "cache-control", "vary"];

const ENTRY_TTL_MS = 15 * 60_000;
/**
 * How long an address whose copy could not be made (an upload in a member's copy, an error page, a failed
 * render) is rendered for each request without trying again: one wasted render a minute at most.
 */
const REFUSED_TTL_MS = 60_000;
const MAX_BYTES = 64_000_000;
const RENDER_TIMEOUT_MS = 30_000;

/** A stored page: its body cut at every occurrence of the nonce it was rendered with. */
export interface StoredPage {
  status: number;
  headers: [string, string][];
  /** The body between nonces; the response joins them with its own nonce. */
  parts: Buffer[];
  /** Next's preload Link entries (stylesheets), also cut at the nonce. */
  preload: string[];
}

/** What a miss must produce: one render of the page copy, made without cookies. */
export type RenderPage = () => Promise<Response>;

/** Marks the cache's own loopback request, so that proxy.ts renders it instead of looking it up again. */
export const RENDER_HEADER = "x-synopse-stored-render";

/**
 * Which copy a loopback request renders ("member": the member's links, no member's data). proxy.ts passes it
 * on only with the render token, so no outside request can ask a page for it.
 */
export const PAGE_VARIANT_HEADER = "x-synopse-page-variant";

export type PageVariant = "visitor" | "member";

/**
 * The copy a request gets and the key it is stored under, or null when the page must be rendered for this
 * request alone. `renderToken` is the value RENDER_HEADER carries on the cache's own requests. A session
 * cookie gets the member's copy whether or not the session is still valid: the page's fetch finds out.
 */
export function storedPageKey(method: string, url: URL, headers: Headers, renderToken: string): { key: string; variant: PageVariant } | null {
  if (method !== "GET") return null;
  if (!STORED_PAGES.test(url.pathname)) return null;
  if (headers.get(RENDER_HEADER) === renderToken) return null;
  if (ROUTER_HEADERS.some((name) => headers.has(name)) || url.searchParams.has("_rsc") || !isPageLoad(headers)) return null;
  const variant: PageVariant = getSessionCookie(headers) === null ? "visitor" : "member";
  return { key: `${variant} ${url.pathname}${url.search}`, variant };
}

/** A browser loading a page: it asks for HTML, and (where it says so) for a document. */
function isPageLoad(headers: Headers): boolean {
  const destination = headers.get("sec-fetch-dest");
  return (headers.get("accept") ?? "").includes("text/html") && (destination === null || destination === "document");
}

export class StoredPages {
  private readonly pages = new LRUCache<string, StoredPage>({
    maxSize: MAX_BYTES,
    ttl: ENTRY_TTL_MS,
    sizeCalculation: (page) =>
      Math.max(
        1,
        page.parts.reduce((n, part) => n + part.length, 0),
      ),
  });
  private readonly rendering = new Map<string, Promise<StoredPage | null>>();
  private readonly refused: LRUCache<string, true>;

  constructor(options: { refusedForMs?: number } = {}) {
    this.refused = new LRUCache<string, true>({ max: 10_000, ttl: options.refusedForMs ?? REFUSED_TTL_MS });
  }

  /** The page for this key, rendering it on a miss; null when it cannot be stored (the caller renders it itself). */
  async page(key: string, render: RenderPage): Promise<StoredPage | null> {
    const stored = this.pages.get(key);
    if (stored) return stored;
    if (this.refused.has(key)) return null;
    let pending = this.rendering.get(key);
    if (!pending) {
      pending = storeable(render).finally(() => this.rendering.delete(key));
      this.rendering.set(key, pending);
    }
    const page = await pending;
    if (!page) this.refused.set(key, true);
    else if (!this.pages.has(key)) this.pages.set(key, page);
    return page;
  }

  get size(): number {
    return this.pages.size;
  }
}

/** The stored page as a response with a nonce of its own. */
export function respondWithNonce(page: StoredPage, nonce: string): { status: number; headers: Headers; body: Uint8Array<ArrayBuffer> } {
  const headers = new Headers(page.headers);
  if (page.preload.length > 0) headers.set("link", page.preload.map((entry) => entry.split(NONCE_MARK).join(nonce)).join(", "));
  const glue = Buffer.from(nonce);
  const length = page.parts.reduce((n, part) => n + part.length, 0) + glue.length * (page.parts.length - 1);
  const body = new Uint8Array(length);
  let at = 0;
  page.parts.forEach((part, i) => {
    if (i > 0) {
      body.set(glue, at);
      at += glue.length;
    }
    body.set(part, at);
    at += part.length;
  });
  return { status: page.status, headers, body };
}

const NONCE_MARK = "\u0000nonce\u0000";

async function storeable(render: RenderPage): Promise<StoredPage | null> {
  let response: Response;
  try {
    response = await render();
  } catch {
    return null;
  }
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) return null;
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
  // Without a nonce the page's scripts could not run under the CSP the response will carry.
  if (!nonce) return null;
  const headers = STORED_HEADERS.flatMap((name): [string, string][] => {
    const value = response.headers.get(name);
    return value === null ? [] : [[name, value]];
  });
  const preload = (response.headers.get("link") ?? "")
    .split(/,\s*(?=<)/)
    .filter((entry) => /rel="?preload/.test(entry))
    .map((entry) => entry.split(nonce).join(NONCE_MARK));
  return { status: 200, headers, parts: split(body, Buffer.from(nonce)), preload };
}

function split(body: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(separator); at !== -1; at = body.indexOf(separator, from)) {
    parts.push(body.subarray(from, at));
    from = at + separator.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

/** The loopback render of one address's copy, without cookies (no member's data can get in), uncompressed. */
export function loopbackRender(origin: string, address: string, variant: PageVariant, renderToken: string): RenderPage {
  return () =>
    fetch(new URL(address, origin), {
      headers: { [RENDER_HEADER]: renderToken, [PAGE_VARIANT_HEADER]: variant, "accept-encoding": "identity", accept: "text/html" },
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(RENDER_TIMEOUT_MS),
    });
}
