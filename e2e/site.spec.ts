import { expect, test, type Page } from "@playwright/test";
import { openAs, saveSessions, type SavedSession } from "./support/people";

/**
 * The site's frame. On phones: every page fits a 360 px wide screen with no sideways scrolling, and everything the
 * wide header offers (library, seminars, notifications, account, search, interface language) is reachable
 * from the Menu button.
 */
const PHONE = { width: 360, height: 760 };
const INSTRUCTOR = "instructor@synopse.test";
let sessions: Map<string, SavedSession>;

test.beforeAll(async ({ browser }) => {
  sessions = await saveSessions(browser, [INSTRUCTOR], "site");
});

/** How far the page can scroll sideways (0 when it fits the screen). */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The innermost elements that reach past the screen's right edge, to say in a failure what overflows. */
async function overflowing(page: Page): Promise<string> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > width + 1);
    const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
    return innermost
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} (${Math.round(el.getBoundingClientRect().right)} px)`)
      .join(", ");
  });
}

test.describe("on a 360 px phone", () => {
  test.use({ viewport: PHONE });

  test("signed out, the public pages fit the screen", async ({ page }) => {
    for (const path of ["/en", "/en/sign-in", "/en/sign-up", "/en/search?q=Stalin", "/ru", "/de/search?q=Separatfrieden"]) {
      await page.goto(path);
      await expect(page.getByRole("main")).toBeVisible();
      expect(await sidewaysOverflow(page), `${path} scrolls sideways: ${await overflowing(page)}`).toBeLessThanOrEqual(0);
    }
  });

  test("signed in, every seminar page fits the screen", async ({ browser }) => {
    const session = sessions.get(INSTRUCTOR)!;
    const page = await openAs(browser, session, "en-US", PHONE);
    const seminar = `/en/seminars/${session.seminar}`;
    for (const path of [
      "/en/seminars",
      seminar,
      `${seminar}/settings`,
      `${seminar}/overview`,
      `${seminar}/glossary`,
      `${seminar}/links`,
      `${seminar}/upload`,
      "/en/account",
      "/en/notifications",
    ]) {
      await page.goto(path);
      await expect(page.getByRole("main")).toBeVisible();
      expect(await sidewaysOverflow(page), `${path} scrolls sideways: ${await overflowing(page)}`).toBeLessThanOrEqual(0);
    }
    await page.context().close();
  });

  test("the Menu button opens the site's links, search and language switch", async ({ browser }) => {
    const page = await openAs(browser, sessions.get(INSTRUCTOR)!, "en-US", PHONE);
    await page.goto("/en");
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("link", { name: "Seminars" })).toBeHidden();

    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    for (const name of ["Library", "Seminars", "Account"]) await expect(page.getByRole("link", { name, exact: true })).toBeInViewport();
    await expect(page.getByRole("link", { name: /Notifications/ })).toBeInViewport();
    await expect(page.getByRole("searchbox", { name: "Search" })).toBeInViewport();
    for (const name of ["Deutsch", "English", "Русский"]) await expect(page.getByRole("link", { name, exact: true })).toBeInViewport({ ratio: 1 });

    // Escape closes it and gives focus back to the button.
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();

    // Following a link closes the menu on the next page.
    await menu.click();
    await page.getByRole("link", { name: "Seminars", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Seminars" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "false");

    // The language switch works from the menu.
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("link", { name: "Deutsch", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Seminare" })).toBeVisible();
    await page.context().close();
  });
});

test("on a wide screen the header shows its links without a menu, spaced apart, and the tab has an icon", async ({ browser }) => {
  const page = await openAs(browser, sessions.get(INSTRUCTOR)!);
  await page.goto("/en");
  const icon = await page.request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/image\//);
  const [library, seminars] = await Promise.all(["Library", "Seminars"].map((name) => page.getByRole("link", { name, exact: true }).first().boundingBox()));
  expect(seminars!.x - (library!.x + library!.width), "space between header links").toBeGreaterThanOrEqual(8);
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Seminars", exact: true })).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Search" })).toBeVisible();
  await page.context().close();
});
