import { expect, test, type Page } from "@playwright/test";
import { Member, randomPort, startApp } from "../harness";

/**
 * Two app instances on one PostgreSQL database: Ben's browser is attached to instance B; Anna saves a
 * note through instance A's API; the note appears in Ben's open reader without a reload (the signal
 * crossed instances through LISTEN/NOTIFY). Instance addresses come from system/shared-setup.ts.
 */
const FORUM = "forum-separatfrieden-1941-43";
const MASTNY = "mastny-separate-peace";

async function signIn(page: Page, base: string, email: string): Promise<string> {
  await page.goto(`${base}/en/sign-in`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("synopse-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Seminars" })).toBeVisible();
  const href = await page.getByRole("link", { name: "Separatfrieden 1941–1943" }).getAttribute("href");
  return /\/seminars\/([^/?#]+)/.exec(href ?? "")![1];
}

async function openNotes(page: Page, base: string, seminar: string) {
  await page.goto(`${base}/en/read?p=${FORUM},${MASTNY}&seminar=${seminar}`);
  const panel = page.getByRole("complementary", { name: "Notes on pane 1" });
  const toggle = page.locator("#pane1-panel").getByRole("button", { name: /^Notes/ });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await expect(panel).toBeVisible();
  return panel;
}

/**
 * A long paragraph of the forum in pane 1, as the page shows it. (Read from the page rather than through
 * lib/content: its pipeline imports the message files, which Playwright's ESM loader will not import.)
 */
async function longParagraphId(page: Page): Promise<string> {
  return page.evaluate(
    () => [...document.querySelectorAll<HTMLElement>("#pane1-panel p[data-block-id]")].find((e) => (e.textContent ?? "").length > 80)!.dataset.blockId!,
  );
}

async function saveNote(member: Member, seminar: string, blockId: string, text: string): Promise<void> {
  const res = await member.fetch(`/api/seminars/${seminar}/annotations`, {
    method: "POST",
    body: JSON.stringify({ target: { documentSlug: FORUM, blockId, blockStart: 0, blockEnd: 20 }, body: `<p>${text}</p>` }),
  });
  expect(res.status).toBe(201);
}

test("a browser whose live connection drops catches up on what it missed", async ({ page }) => {
  test.setTimeout(180_000);
  // Ben's browser is attached to its own instance C, which dies (SIGKILL) and comes back on the same port.
  const port = randomPort();
  let c = await startApp("postgresql", process.env.SHARED_DATABASE_URL!, port);
  try {
    const seminar = await signIn(page, c.base, "student2@synopse.test");
    const panel = await openNotes(page, c.base, seminar);
    const blockId = await longParagraphId(page);
    await page.waitForTimeout(500);
    await c.kill("SIGKILL");
    const anna = await Member.signIn(process.env.SHARED_A!, "student1@synopse.test");
    const missed = [`Missed while C was down ${Date.now()}`, `Also missed ${Date.now()}`];
    for (const text of missed) await saveNote(anna, seminar, blockId, text);
    await expect(panel.getByText(missed[0])).toHaveCount(0);
    c = await startApp("postgresql", process.env.SHARED_DATABASE_URL!, port);
    // The page's EventSource reconnects by itself, sends Last-Event-ID, and gets both notes replayed.
    for (const text of missed) await expect(panel.getByText(text)).toBeVisible({ timeout: 30_000 });
  } finally {
    await c.kill();
  }
});

test("a note saved through instance A appears live in a browser attached to instance B", async ({ page }) => {
  const a = process.env.SHARED_A!;
  const b = process.env.SHARED_B!;
  expect(a).not.toBe(b);
  const seminar = await signIn(page, b, "student2@synopse.test");
  await page.goto(`${b}/en/read?p=${FORUM},${MASTNY}&seminar=${seminar}`);
  const panel = page.getByRole("complementary", { name: "Notes on pane 1" });
  const toggle = page.locator("#pane1-panel").getByRole("button", { name: /^Notes/ });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await expect(panel).toBeVisible();
  // Let the page's event stream connect before the note is saved (it would replay it anyway).
  await page.waitForTimeout(500);

  const anna = await Member.signIn(a, "student1@synopse.test");
  const blockId = await longParagraphId(page);
  const text = `Saved through instance A at ${Date.now()}`;
  const saved = Date.now();
  const res = await anna.fetch(`/api/seminars/${seminar}/annotations`, {
    method: "POST",
    body: JSON.stringify({ target: { documentSlug: FORUM, blockId, blockStart: 0, blockEnd: 20 }, body: `<p>${text}</p>` }),
  });
  expect(res.status).toBe(201);
  await expect(panel.getByText(text)).toBeVisible({ timeout: 10_000 });
  test.info().annotations.push({ type: "live delay across instances", description: `${Date.now() - saved} ms from A's 201 to B's screen` });
});
