import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { signIn, seminarIdOn } from "./support/people";

/**
 * The W3C Web Annotation Protocol's MUST requirements (the list web-platform-tests keeps as
 * annotation-protocol/server/server-musts-manual.html), checked one by one against the running app:
 * the demo seminar's container, as the demo instructor with a personal access token made on the
 * account page, the way an annotation client is set up.
 *
 * Adapted where the server rightly constrains what it stores: a new annotation targets a passage the
 * container already serves (not an arbitrary web page), a PUT changes the body (targets stay; the
 * Protocol lets a server refuse or keep them), and it sends If-Match with the ETag it got, which the
 * server requires (LDP 4.2.4.5: servers SHOULD require If-Match, so no edit is lost).
 * A few SHOULDs the README claims follow at the end.
 */

const LD_JSON = /application\/ld\+json/;
const ANNO_PROFILE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

/** Response bodies are read as loose JSON: each test asserts the shape it needs. */
type Json = Record<string, any>;
let api: APIRequestContext;
let containerUrl = "";
let slashless = "";
let container: { res: APIResponse; body: Json };
let annotationUrl = "";
let annotation: { res: APIResponse; body: Json };
let passage: Json;

const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await api.get(url, { headers });
  return { res, body: (await res.json()) as Json };
};

test.beforeAll(async ({ browser, playwright }, testInfo) => {
  test.setTimeout(120_000);
  const baseURL = testInfo.project.use.baseURL!;
  // A person's setup: sign in as the instructor, then create a token on the account page.
  const context = await browser.newContext({ locale: "en-US", baseURL });
  const page = await context.newPage();
  await signIn(page, "instructor@synopse.test");
  const seminar = await seminarIdOn(page);
  await page.goto("/en/account");
  await page.getByLabel("Token name").fill("W3C protocol client");
  await page.getByRole("button", { name: "Create token" }).click();
  const tokenField = page.getByLabel("Your new token. Copy it now: it will not be shown again.");
  await expect(tokenField).toHaveValue(/^syn_/, { timeout: 20_000 });
  const token = await tokenField.inputValue();
  await context.close();

  api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  slashless = `${baseURL}/api/w3c/seminars/${seminar}`;
  containerUrl = `${slashless}/`;

  // Paging needs a second page; the e2e server's page size is small, and notes are added only if the demo has too few.
  for (let i = 0; ; i++) {
    container = await get(containerUrl);
    expect(container.res.status(), "the container answers").toBe(200);
    const first = container.body.first;
    passage ??= first.items.find((a: Json) => typeof a.target === "object").target;
    if (container.body.last !== first.id) break;
    expect(i, "a second page after at most 100 new notes").toBeLessThan(100);
    expect((await api.post(containerUrl, { data: newAnnotation(`Paging ${i}`), headers: { "content-type": ANNO_PROFILE } })).status()).toBe(201);
  }
  annotationUrl = container.body.first.items[0].id;
  annotation = await get(annotationUrl);
  expect(annotation.res.status(), "the annotation answers").toBe(200);
});

test.afterAll(async () => api?.dispose());

/** A comment on a passage the container serves, found by its quote alone (what other clients send). */
function newAnnotation(text: string, extra: Json = {}): Json {
  const quote = [passage.selector].flat().find((s: Json) => s.type === "TextQuoteSelector");
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    type: "Annotation",
    body: { type: "TextualBody", value: text },
    target: {
      type: "SpecificResource",
      source: passage.source,
      selector: { type: "TextQuoteSelector", exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
    },
    ...extra,
  };
}

test.describe("Annotation containers (MUST)", () => {
  test("the container IRI ends in a slash", () => {
    expect(container.body.id).toBe(containerUrl);
    expect(container.body.id).toMatch(/\/$/);
  });

  test("the old slashless IRI redirects to it, keeping the method (308)", async () => {
    const res = await api.get(`${slashless}?page=0`, { maxRedirects: 0 });
    expect([res.status(), new URL(res.headers()["location"], slashless).href]).toEqual([308, `${containerUrl}?page=0`]);
    expect((await get(slashless)).body.id).toBe(containerUrl);
    const post = await api.post(slashless, { data: newAnnotation("Sent to the old IRI"), maxRedirects: 0 });
    expect([post.status(), new URL(post.headers()["location"], slashless).href]).toEqual([308, containerUrl]);
  });

  test("Allow on GET names GET", () => expect(container.res.headers()["allow"]).toMatch(/\bGET\b/));
  test("Allow on GET names HEAD", () => expect(container.res.headers()["allow"]).toMatch(/\bHEAD\b/));
  test("Allow on GET names OPTIONS", () => expect(container.res.headers()["allow"]).toMatch(/\bOPTIONS\b/));
  test("Content-Type is application/ld+json", () => expect(container.res.headers()["content-type"]).toMatch(LD_JSON));

  test("the JSON-LD representation is served by default (no Accept preference)", async () => {
    const res = await api.get(containerUrl, { headers: { accept: "*/*" } });
    expect(res.headers()["content-type"]).toMatch(LD_JSON);
  });

  test("the description's type includes BasicContainer", () => expect([container.body.type].flat()).toContain("BasicContainer"));
  test("the description's type includes AnnotationCollection", () => expect([container.body.type].flat()).toContain("AnnotationCollection"));
  test("a Link header is sent", () => expect(container.res.headers()["link"]).toBeTruthy());
  test("an ETag header is sent", () => expect(container.res.headers()["etag"]).toBeTruthy());
  test("Vary names Accept", () => expect(container.res.headers()["vary"]).toMatch(/\bAccept\b/));

  test('Link advertises the container type with rel="type"', () => {
    expect(container.res.headers()["link"]).toContain('<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"');
  });

  test("Link advertises the Protocol's constraints with rel ldp#constrainedBy", () => {
    expect(container.res.headers()["link"]).toContain('<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"');
  });

  test("HEAD answers 200", async () => expect((await api.head(containerUrl)).status()).toBe(200));
  test("OPTIONS answers 200", async () => expect((await api.fetch(containerUrl, { method: "OPTIONS" })).status()).toBe(200));
  test("a Content-Location header is sent", () => expect(container.res.headers()["content-location"]).toBeTruthy());
  test("Content-Location equals the container's id", () => expect(container.res.headers()["content-location"]).toBe(container.body.id));

  test("the first page links the container it is part of (partOf)", async () => {
    const first = await get(container.body.first.id);
    expect(first.body.partOf?.id).toBe(container.body.id);
  });

  test("the last page links the previous page (prev)", async () => {
    const last = await get(container.body.last);
    expect(last.body.prev).toMatch(/^http/);
  });

  test("the first page links the next page (next)", async () => {
    const first = await get(container.body.first.id);
    expect(first.body.next).toMatch(/^http/);
  });
});

test.describe("Annotations (MUST)", () => {
  test("Allow on GET names GET", () => expect(annotation.res.headers()["allow"]).toMatch(/\bGET\b/));
  test("Allow on GET names HEAD", () => expect(annotation.res.headers()["allow"]).toMatch(/\bHEAD\b/));
  test("Allow on GET names OPTIONS", () => expect(annotation.res.headers()["allow"]).toMatch(/\bOPTIONS\b/));
  test("Content-Type is application/ld+json", () => expect(annotation.res.headers()["content-type"]).toMatch(LD_JSON));
  test('Link names http://www.w3.org/ns/ldp#Resource with rel="type"', () =>
    expect(annotation.res.headers()["link"]).toBe('<http://www.w3.org/ns/ldp#Resource>; rel="type"'));
  test("an ETag header is sent", () => expect(annotation.res.headers()["etag"]).toBeTruthy());
  test("Vary names Accept", () => expect(annotation.res.headers()["vary"]).toMatch(/\bAccept\b/));
  test("HEAD answers 200", async () => expect((await api.head(annotationUrl)).status()).toBe(200));
  test("OPTIONS answers 200", async () => expect((await api.fetch(annotationUrl, { method: "OPTIONS" })).status()).toBe(200));
});

test.describe("Creating, updating and deleting (MUST)", () => {
  const canonical = `urn:uuid:${crypto.randomUUID()}`;
  let created: { res: APIResponse; body: Json };

  test.beforeAll(async () => {
    const res = await api.post(containerUrl, {
      data: newAnnotation("I like this passage!", { canonical }),
      headers: { "content-type": "application/ld+json" },
    });
    created = { res, body: (await res.json()) as Json };
  });

  test("the created annotation has an id", () => expect(typeof created.body.id).toBe("string"));
  test("its id starts with the container IRI", () => expect(created.body.id.startsWith(containerUrl)).toBe(true));
  test("it keeps the canonical IRI it was given", () => expect(created.body.canonical).toBe(canonical));
  test("creation answers 201 Created", () => expect(created.res.status()).toBe(201));
  test("Location equals the new annotation's id", () => expect(created.res.headers()["location"]).toBe(created.body.id));

  test("an update is done with PUT", async () => {
    const changed = { ...created.body, body: { type: "TextualBody", value: "I like it even more." } };
    const res = await api.put(created.body.id, {
      data: changed,
      headers: { "content-type": "application/ld+json", "if-match": created.res.headers()["etag"] },
    });
    expect([res.status(), ((await res.json()) as Json).body.value]).toEqual([200, "<p>I like it even more.</p>"]);
  });

  test("DELETE answers 204", async () => expect((await api.delete(created.body.id)).status()).toBe(204));
});

test.describe("SHOULDs the server meets", () => {
  test("the profile'd media type: application/ld+json with the anno.jsonld profile", () => {
    expect([container.res.headers()["content-type"], annotation.res.headers()["content-type"]]).toEqual([ANNO_PROFILE, ANNO_PROFILE]);
  });

  test("Vary names Prefer on the container", () => expect(container.res.headers()["vary"]).toMatch(/\bPrefer\b/));

  test("the container states its total and links its first and last pages", () => {
    expect([typeof container.body.total, typeof container.body.first.id, typeof container.body.last]).toEqual(["number", "string", "string"]);
  });

  test("PreferMinimalContainer: links to the first and last pages, no annotations embedded", async () => {
    const { res, body } = await get(containerUrl, { prefer: 'return=representation;include="http://www.w3.org/ns/ldp#PreferMinimalContainer"' });
    expect([typeof body.first, typeof body.last, "items" in body, JSON.stringify(body).includes('"items"')]).toEqual(["string", "string", false, false]);
    expect(res.headers()["preference-applied"]).toBe("return=representation");
    expect((await get(body.first)).body.items.length).toBeGreaterThan(0);
  });

  test("PreferContainedIRIs: items are IRIs, and page links keep that choice", async () => {
    const { body } = await get(containerUrl, { prefer: 'return=representation;include="http://www.w3.org/ns/oa#PreferContainedIRIs"' });
    expect(body.first.items.every((i: unknown) => typeof i === "string" && i.startsWith(containerUrl))).toBe(true);
    const next = await get(body.first.next);
    expect(next.body.items.every((i: unknown) => typeof i === "string")).toBe(true);
  });

  test("PreferContainedDescriptions: items are full annotations", async () => {
    const { body } = await get(containerUrl, { prefer: 'return=representation;include="http://www.w3.org/ns/oa#PreferContainedDescriptions"' });
    expect(body.first.items.every((i: Json) => i.type === "Annotation" && typeof i.target !== "undefined")).toBe(true);
  });

  test("a target given as { source, selector } without a type is accepted (as Hypothesis sends it)", async () => {
    const { target, ...rest } = newAnnotation("Untyped target");
    const { type: _type, ...untyped } = target;
    const res = await api.post(containerUrl, { data: { ...rest, target: [untyped] }, headers: { "content-type": "application/ld+json" } });
    expect(res.status()).toBe(201);
    const body = (await res.json()) as Json;
    expect(body.target.source).toBe(passage.source);
    expect((await api.delete(body.id)).status()).toBe(204);
  });
});
