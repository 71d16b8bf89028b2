import { expect as baseExpect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, seminarIdOn } from "./support/people";

/**
 * What a person notices of issue 14's account and web-layer fixes: a crafted "next" link no longer carries
 * them off the site after signing up and in; signing up with an address that has an account looks exactly
 * like signing up with a new one; pages carry a Content-Security-Policy that lets the site's own scripts run
 * (the reader's editor and highlights work) and nothing else; a form posted from another site is refused.
 */
const expect = baseExpect.configure({ timeout: 20_000 });

async function signUp(page: Page, email: string, password = "a long enough password") {
  await page.getByLabel("Name").fill("Mallory Probe");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

test("a sign-up link whose next points at another site keeps the browser on this site", async ({ page }) => {
  const email = `redirect-${Date.now()}@synopse.test`;
  await page.goto("/en/sign-up?next=/%09/evil.example/phish");
  await signUp(page, email);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Seminars" })).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);

  // Sign-in straight from a crafted link, with the other spellings of "another host".
  for (const next of ["//evil.example/phish", "/\\evil.example", "https://evil.example/"]) {
    await page.context().clearCookies();
    await page.goto(`/en/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Seminars" })).toBeVisible();
    expect(new URL(page.url()).host, next).toBe(new URL(test.info().project.use.baseURL!).host);
  }
});

test("signing up with an address that already has an account looks exactly like a new sign-up", async ({ page }) => {
  const answers: string[] = [];
  for (const email of ["instructor@synopse.test", `new-${Date.now()}@synopse.test`]) {
    await page.goto("/en/sign-up");
    await signUp(page, email);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    answers.push(`${new URL(page.url()).pathname}${new URL(page.url()).search} | ${await page.locator("main").innerText()}`);
  }
  expect(answers[0]).toBe(answers[1]);
  expect(answers[0]).toContain("If no account used this email address yet, it has been created.");
  expect(answers[0]).not.toMatch(/already exists/i);
  // The instructor's own password still works (nothing about the account changed).
  await page.getByLabel("Email address").fill("instructor@synopse.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Seminars" })).toBeVisible();
});

test("a common password is refused with a translated message", async ({ page }) => {
  await page.goto("/de/sign-up");
  await page.getByLabel("Name").fill("Schwach");
  await page.getByLabel("E-Mail-Adresse").fill(`weak-${Date.now()}@synopse.test`);
  await page.getByLabel("Passwort").fill("passwort123");
  await page.getByRole("button", { name: "Konto anlegen" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Dieses Passwort gehört zu den häufigsten" })).toBeVisible();
});

test("pages carry a nonce CSP and the security headers; the reader works under it without a single violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`Refused to load (Content Security Policy): ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const response = await page.goto("/en/sign-in");
  const headers = response!.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  // Each page gets its own nonce.
  const again = (await page.request.get("/en/sign-in")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);
  const api = await page.request.get("/api/health");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");

  // Signed in, the reader with notes: React hydrates (the sign-in form posts, the notes open), highlights paint.
  await page.getByLabel("Email address").fill("student1@synopse.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Seminars" })).toBeVisible();
  const seminar = await seminarIdOn(page);
  // The seed puts its demo notes on the first two texts of the library.
  await page.goto(`/en/read?p=alliierte-zusammenarbeit-1944-45,bayerlein-winogradow-treffen&seminar=${seminar}`);
  await expect(page.locator("[data-doc-root]").first()).toBeVisible();
  // Tiptap's editor (a client component loaded by Next's chunk loader) opens for a new note.
  await page
    .locator("#pane1-panel")
    .getByRole("button", { name: /^Notes/ })
    .click();
  await expect(page.getByRole("complementary", { name: "Notes on pane 1" })).toBeVisible();
  await expect.poll(() => page.evaluate(() => (CSS as unknown as { highlights?: Map<string, unknown> }).highlights?.size ?? 0)).toBeGreaterThan(0);
  expect(violations).toEqual([]);
});

test("a form posted from another site's page is refused", async ({ page }) => {
  const forged = await page.request.post("/en/seminars", { headers: { origin: "https://evil.example" }, form: { title: "Forged" } });
  expect(forged.status()).toBe(403);
  const noOrigin = await page.request.post("/en/seminars", { headers: { origin: "" }, form: { title: "Forged" } });
  expect(noOrigin.status()).toBe(403);
});

test("a visitor's reader page, served again from memory, has a nonce of its own and works; a member still gets their own page", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  // An address no other journey asks for, so the first load here is its first visitor (rendered) and the
  // second is the stored page.
  const address = `/en/read?p=alliierte-zusammenarbeit-1944-45,mastny-separate-peace&journey=${Date.now()}`;
  const nonces: string[] = [];
  for (let visit = 0; visit < 2; visit++) {
    const response = await page.goto(address);
    const nonce = /'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce).toBeTruthy();
    nonces.push(nonce!);
    // Every script of the page runs under this response's nonce (the browser hides it from attributes).
    const scriptNonces = await page.evaluate(() => [...document.querySelectorAll("script")].map((s) => s.nonce).filter(Boolean));
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
    // The page is alive: a footnote opens in place.
    const mastny = page.locator("#pane2-panel");
    await mastny.getByRole("button", { name: "Footnote 1", exact: true }).click();
    await expect(mastny.getByRole("dialog", { name: "Footnote 1" })).toBeVisible();
  }
  expect(nonces[1]).not.toBe(nonces[0]);
  expect(violations).toEqual([]);
  // Only the server's own render may ask for the members' copy: from outside, the header changes nothing.
  const forged = await (await page.request.get(address, { headers: { "x-synopse-page-variant": "member", accept: "*/*" } })).text();
  expect(forged).toContain('href="/en/sign-in"');
  expect(forged).not.toContain('data-member-deferred=""');

  // Signed in, the same address is the member's page: their account link and the seminar's notes.
  await page.goto(`/en/sign-in`);
  await page.getByLabel("Email address").fill("student1@synopse.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Seminars" })).toBeVisible();
  await page.goto(address);
  await expect(page.getByRole("link", { name: "Account" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  // The member's parts arrive after the text: the heat strip of the seminar's notes beside the first pane.
  await expect(page.locator("#pane1-panel").getByRole("group", { name: "Where notes concentrate in this document" })).toBeVisible();
  await page
    .locator("#pane1-panel")
    .getByRole("button", { name: /^Notes/ })
    .click();
  await expect(page.getByRole("complementary", { name: "Notes on pane 1" })).toBeVisible();
});
