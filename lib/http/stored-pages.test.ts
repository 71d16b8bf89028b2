import { describe, expect, it } from "vitest";
import { respondWithNonce, storedPageKey, StoredPages, type RenderPage } from "./stored-pages";

const TOKEN = "token-of-this-process";
const PAGE_LOAD = { accept: "text/html,application/xhtml+xml,*/*;q=0.8", "sec-fetch-dest": "document" };
const reader = new URL("http://localhost/en/read?p=a,b");

function key(init: { method?: string; url?: URL; headers?: Record<string, string> } = {}) {
  return storedPageKey(init.method ?? "GET", init.url ?? reader, new Headers(init.headers ?? PAGE_LOAD), TOKEN)?.key ?? null;
}

/** A render as the server answers it: the nonce in the CSP header and on every script of the body. */
function rendered(body: (nonce: string) => string, init: { status?: number; nonce?: string } = {}): RenderPage {
  return async () => {
    const nonce = init.nonce ?? "n0nce+ABC==";
    return new Response(body(nonce), {
      status: init.status ?? 200,
      headers: {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
        "set-cookie": "someone=else",
        date: "Mon, 07 Dec 2026 10:00:00 GMT",
      },
    });
  };
}

const text = (body: Uint8Array) => new TextDecoder().decode(body);

describe("which requests get a stored reader page, and which copy", () => {
  it("a browser loading the reader without a session gets the visitors' copy, in any interface language", () => {
    expect(key()).toBe("visitor /en/read?p=a,b");
    expect(key({ url: new URL("http://localhost/ru/read?p=x") })).toBe("visitor /ru/read?p=x");
    expect(key({ headers: { accept: "text/html" } })).toBe("visitor /en/read?p=a,b");
    expect(key({ headers: { ...PAGE_LOAD, cookie: "NEXT_LOCALE=de" } })).toBe("visitor /en/read?p=a,b");
  });

  it("with a session cookie, the members' copy, which is stored apart from the visitors'", () => {
    const member = storedPageKey("GET", reader, new Headers({ ...PAGE_LOAD, cookie: "better-auth.session_token=abc.def" }), TOKEN);
    expect(member).toEqual({ key: "member /en/read?p=a,b", variant: "member" });
    expect(key({ headers: { ...PAGE_LOAD, cookie: "__Secure-better-auth.session_token=abc.def" } })).toBe("member /en/read?p=a,b");
  });

  it("never Next's client router (it wants the RSC payload), nor anything that is not a page load", () => {
    expect(key({ headers: { accept: "*/*" } })).toBeNull();
    expect(key({ headers: { ...PAGE_LOAD, rsc: "1" } })).toBeNull();
    expect(key({ headers: { ...PAGE_LOAD, "next-router-prefetch": "1" } })).toBeNull();
    expect(key({ headers: { accept: "text/html", "sec-fetch-dest": "empty" } })).toBeNull();
    expect(key({ url: new URL("http://localhost/en/read?p=a&_rsc=1x2y") })).toBeNull();
  });

  it("only GET, only the reader, and never the cache's own render", () => {
    expect(key({ method: "POST" })).toBeNull();
    expect(key({ method: "HEAD" })).toBeNull();
    expect(key({ url: new URL("http://localhost/en/seminars") })).toBeNull();
    expect(key({ url: new URL("http://localhost/en/read/extra") })).toBeNull();
    expect(key({ headers: { ...PAGE_LOAD, "x-synopse-stored-render": TOKEN } })).toBeNull();
    // Someone else's value for the header is just a visitor.
    expect(key({ headers: { ...PAGE_LOAD, "x-synopse-stored-render": "guess" } })).toBe("visitor /en/read?p=a,b");
  });
});

describe("a stored visitor page", () => {
  it("is rendered once, and every response carries a nonce of its own, in place of the render's", async () => {
    const pages = new StoredPages();
    let renders = 0;
    const render: RenderPage = async () => {
      renders++;
      return rendered((n) => `<script nonce="${n}">a</script><p>Text</p><script nonce="${n}">b</script>`)();
    };
    const first = respondWithNonce((await pages.page("k", render))!, "fresh1");
    const second = respondWithNonce((await pages.page("k", render))!, "fresh2");
    expect(renders).toBe(1);
    expect(text(first.body)).toBe(`<script nonce="fresh1">a</script><p>Text</p><script nonce="fresh1">b</script>`);
    expect(text(second.body)).toBe(`<script nonce="fresh2">a</script><p>Text</p><script nonce="fresh2">b</script>`);
    expect(text(second.body)).not.toContain("n0nce+ABC==");
  });

  it("keeps the content headers, not another response's cookies, date or policy", async () => {
    const pages = new StoredPages();
    const { headers, status } = respondWithNonce(
      (await pages.page(
        "k",
        rendered(() => "<p>x</p>"),
      ))!,
      "fresh",
    );
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(headers.get("set-cookie")).toBeNull();
    expect(headers.get("date")).toBeNull();
    expect(headers.get("content-security-policy")).toBeNull();
  });

  it("keeps text with multi-byte characters intact around the nonces", async () => {
    const pages = new StoredPages();
    const body = (n: string) => `<p lang="ru">Хрущёв — «мир»</p><script nonce="${n}"></script><p>Ende 🕊</p>`;
    const out = respondWithNonce((await pages.page("k", rendered(body)))!, "z");
    expect(text(out.body)).toBe(body("z"));
  });

  it("concurrent first visitors of one address share a single render", async () => {
    const pages = new StoredPages();
    let renders = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const render: RenderPage = async () => {
      renders++;
      await gate;
      return rendered(() => "<p>x</p>")();
    };
    const all = Promise.all(Array.from({ length: 5 }, () => pages.page("k", render)));
    release();
    expect((await all).every((p) => p !== null)).toBe(true);
    expect(renders).toBe(1);
  });

  it("is not stored when the render fails, is not a 200 or carries no nonce: the caller renders it itself", async () => {
    const pages = new StoredPages({ refusedForMs: 50 });
    expect(
      await pages.page("a", async () => {
        throw new Error("connection refused");
      }),
    ).toBeNull();
    expect(
      await pages.page(
        "b",
        rendered(() => "not found", { status: 404 }),
      ),
    ).toBeNull();
    expect(await pages.page("c", async () => new Response("<p>no policy</p>", { status: 200 }))).toBeNull();
    expect(pages.size).toBe(0);
    // For a while such an address is rendered by the caller without another try (an upload in a member's copy
    // would otherwise cost a wasted render every time); after that, a visitor tries again.
    let tries = 0;
    const works: RenderPage = async () => {
      tries++;
      return rendered(() => "<p>x</p>")();
    };
    expect(await pages.page("b", works)).toBeNull();
    expect(tries).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await pages.page("b", works)).not.toBeNull();
    expect(tries).toBe(1);
  });

  it("stays within its memory bound however many addresses are asked for", async () => {
    const pages = new StoredPages();
    const big = "x".repeat(1_000_000);
    for (let i = 0; i < 100; i++)
      await pages.page(
        `/en/read?p=${i}`,
        rendered(() => big),
      );
    expect(pages.size).toBeLessThan(100);
    expect(pages.size).toBeGreaterThan(10);
  });
});
