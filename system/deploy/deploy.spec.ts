import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ROOT } from "../harness";
import { INSTRUCTOR, SEMINAR_TITLE } from "./setup";

/**
 * The README's production section, followed on one machine (system/deploy/setup.ts): two instances behind
 * nginx over HTTPS. Everything here goes through the proxy, as a browser on the network would.
 */
const base = () => process.env.DEPLOY_BASE!;
const apps = () => process.env.DEPLOY_APPS!.split(" ");
const FORUM = "forum-separatfrieden-1941-43";

/** The README's production section. */
function productionSection(): string {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf("**Production");
  const end = readme.indexOf("\n## ", start);
  expect(start, "README has a **Production** part").toBeGreaterThan(0);
  return readme.slice(start, end);
}

test("the README's production steps are the ones this test runs", () => {
  const section = productionSection();
  for (const step of [
    "npm install",
    "deploy/postgresql.sql",
    "deploy/synopse.env",
    "set -a; . /etc/synopse/synopse.env; set +a",
    "npm run db:migrate",
    "npm run build",
    "npm run user:create -- --email",
    "deploy/systemd/synopse@.service",
    "systemctl enable --now synopse@3001 synopse@3002",
    "deploy/nginx/synopse.conf",
    "rm /etc/nginx/sites-enabled/default",
    "/api/health/ready",
  ]) {
    expect(section, `README production section mentions ${step}`).toContain(step);
  }
});

async function signIn(page: Page): Promise<string> {
  await page.goto(`${base()}/en/sign-in`);
  await page.getByLabel("Email address").fill(INSTRUCTOR.email);
  await page.getByLabel("Password").fill(INSTRUCTOR.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Seminars" })).toBeVisible();
  const href = await page.getByRole("link", { name: SEMINAR_TITLE, exact: true }).getAttribute("href");
  return /\/seminars\/([^/?#]+)/.exec(href ?? "")![1];
}

async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies(base())).map((c) => `${c.name}=${c.value}`).join("; ");
}

test("readiness through the proxy, and instances that listen on loopback only", async ({ request }) => {
  const ready = await request.get(`${base()}/api/health/ready`);
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ ready: true, checks: { secret: "ok", database: "ok", migrations: "ok" } });
  // Each instance's listening socket is bound to 127.0.0.1 (the unit's --hostname), per /proc/net/tcp.
  const table = readFileSync("/proc/net/tcp", "utf8") + readFileSync("/proc/net/tcp6", "utf8");
  for (const app of apps()) {
    const port = Number(new URL(app).port).toString(16).toUpperCase().padStart(4, "0");
    const listening = table.split("\n").filter((l) => l.trim().split(/\s+/)[3] === "0A" && l.trim().split(/\s+/)[1]?.endsWith(`:${port}`));
    expect(listening.length, `a listening socket on ${app}`).toBeGreaterThan(0);
    for (const l of listening) expect(l.trim().split(/\s+/)[1]).toBe(`0100007F:${port}`);
  }
});

test("the instructor signs in through the proxy, uploads a text of several MB and publishes it", async ({ page }) => {
  test.setTimeout(300_000);
  const seminar = await signIn(page);
  await page.goto(`${base()}/en/seminars/${seminar}`);
  await page.getByRole("link", { name: "Upload a text" }).click();
  // About 3 MB of Markdown: beyond nginx's 1 MB default body limit.
  const paragraphs = Array.from(
    { length: 6000 },
    (_, i) => `Absatz ${i + 1}: ${"Die Akten des Auswärtigen Amtes berichten von Gesprächen in Stockholm über einen Separatfrieden. ".repeat(5)}`,
  );
  const markdown = `---\ntitle: Akten aus Stockholm\nlang: de\nkind: essay\nsource: Deployment test\n---\n\n${paragraphs.join("\n\n")}\n`;
  expect(Buffer.byteLength(markdown)).toBeGreaterThan(3_000_000);
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "akten-stockholm.md", mimeType: "text/markdown", buffer: Buffer.from(markdown) });
  await page.getByRole("button", { name: "Check the file" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview).toBeVisible({ timeout: 180_000 });
  await expect(preview.getByText("Akten aus Stockholm").first()).toBeVisible();
  await preview.getByRole("button", { name: "Publish in the seminar" }).click();
  await expect(page.getByRole("status").filter({ hasText: "“Akten aus Stockholm” is now part of the seminar." })).toBeVisible({ timeout: 120_000 });
});

test("a note written through the proxy, and notes saved on either instance, appear live in the browser", async ({ page }) => {
  const seminar = await signIn(page);
  await page.goto(`${base()}/en/read?p=${FORUM}&seminar=${seminar}`);
  const panel = page.getByRole("complementary", { name: "Notes on pane 1" });
  const toggle = page.locator("#pane1-panel").getByRole("button", { name: /^Notes/ });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await expect(panel).toBeVisible();
  const blockId = await page.evaluate(
    () => [...document.querySelectorAll<HTMLElement>("#pane1-panel p[data-block-id]")].find((e) => (e.textContent ?? "").length > 80)!.dataset.blockId!,
  );
  await page.waitForTimeout(500); // let the page's event stream (through nginx, to one of the instances) connect
  const note = (text: string) => JSON.stringify({ target: { documentSlug: FORUM, blockId, blockStart: 0, blockEnd: 20 }, body: `<p>${text}</p>` });

  // A write through the proxy, as the browser's own request (cookie and origin of the public address).
  const viaProxy = `Written through nginx ${Date.now()}`;
  const res = await page.request.post(`${base()}/api/seminars/${seminar}/annotations`, {
    data: note(viaProxy),
    headers: { "content-type": "application/json", origin: base() },
  });
  expect(res.status()).toBe(201);
  await expect(panel.getByText(viaProxy)).toBeVisible({ timeout: 10_000 });

  // One note saved on each instance directly: whichever instance holds the browser's stream, one of them
  // is the other one, so the note crossed instances (LISTEN/NOTIFY) before nginx passed it on.
  const cookie = await cookieHeader(page);
  for (const app of apps()) {
    const text = `Saved on ${app} at ${Date.now()}`;
    // A cookie write must say where it comes from (CSRF): here, the instance's own address.
    const r = await fetch(`${app}/api/seminars/${seminar}/annotations`, {
      method: "POST",
      headers: { cookie, origin: app, "content-type": "application/json" },
      body: note(text),
    });
    expect(r.status, await r.clone().text()).toBe(201);
    await expect(panel.getByText(text)).toBeVisible({ timeout: 10_000 });
  }
});

test("a forged X-Forwarded-For does not get round the sign-in limit", async ({ request }) => {
  // nginx replaces the header with the real address, so every attempt counts against 127.0.0.1; the
  // settings file allows 5 a minute (earlier sign-ins of this run count too).
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const r = await request.post(`${base()}/api/auth/sign-in/email`, {
      data: { email: INSTRUCTOR.email, password: `wrong password ${i}` },
      headers: { origin: base(), "x-forwarded-for": `203.0.113.${i + 1}` },
    });
    statuses.push(r.status());
  }
  expect(statuses).toContain(429);
  expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
});
