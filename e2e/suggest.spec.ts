import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { openAs, saveSessions, type SavedSession } from "./support/people";

/**
 * Corresponding passages between two open texts, as a student uses it: with the forum and Mastný side by
 * side, "Find corresponding passages" lists the best pairs with their reasons; "Link" makes a pair a link in
 * one action (a marker appears at the forum end) and the pair then shows as linked, also after asking again.
 * The panel speaks the interface language. Elements are found by role and localized name.
 */
const expect = baseExpect.configure({ timeout: 20_000 });

const FORUM = "forum-separatfrieden-1941-43";
const MASTNY = "mastny-separate-peace";

let sessions = new Map<string, SavedSession>();
let seminar = "";

test.beforeAll(async ({ browser }) => {
  sessions = await saveSessions(browser, ["student2@synopse.test"], "e2e-suggest");
  seminar = sessions.get("student2@synopse.test")!.seminar;
});

const student = (browser: Browser, locale = "en-US"): Promise<Page> => openAs(browser, sessions.get("student2@synopse.test")!, locale);

async function openReader(page: Page, locale = "en"): Promise<void> {
  await page.goto(`/${locale}/read?p=${FORUM},${MASTNY}&seminar=${seminar}`);
  await expect(page.locator("#pane1-panel [data-doc-root]")).toBeVisible();
  await expect(page.locator("#pane2-panel [data-doc-root]")).toBeVisible();
}

test("two open texts: find corresponding passages, link a pair in one action, it shows as linked", async ({ browser }) => {
  const page = await student(browser);
  await openReader(page);
  await page.getByRole("button", { name: "Find corresponding passages" }).click();
  const panel = page.getByRole("complementary", { name: "Corresponding passages" });
  const first = panel.getByRole("listitem", { name: "Pair 1", exact: true });
  await expect(first).toBeVisible();
  // Ranked pairs, each with its reasons (names, dates, translated words…) and both passages quoted.
  await expect(first.getByRole("list", { name: "Why this passage" }).getByRole("listitem").first()).toBeVisible();
  await expect(first.locator("blockquote")).toHaveCount(2);
  await expect(first.locator("blockquote").first()).toHaveAttribute("lang", "de");
  await expect(first.locator("blockquote").last()).toHaveAttribute("lang", "en");
  expect((await new AxeBuilder({ page }).include(".correspondences-panel").analyze()).violations).toEqual([]);

  // One action makes the link: a marker appears at the forum end, and the pair is shown as linked.
  const markers = page.locator("#pane1-panel .link-marker");
  const before = await markers.count();
  await first.getByRole("button", { name: /^Link pair 1 as / }).click();
  await expect(first.getByText("Already linked")).toBeVisible();
  await expect(markers).toHaveCount(before + 1);

  // Asked again (after a reload), the pair is still there, shown as linked, not proposed as new.
  await page.reload();
  await expect(page.locator("#pane1-panel [data-doc-root]")).toBeVisible();
  await page.getByRole("button", { name: "Find corresponding passages" }).click();
  await expect(panel.getByRole("listitem", { name: "Pair 1", exact: true }).getByText("Already linked")).toBeVisible();
  await page.context().close();
});

test("the corresponding-passages panel speaks German", async ({ browser }) => {
  const page = await student(browser, "de-DE");
  await openReader(page, "de");
  await page.getByRole("button", { name: "Entsprechende Stellen finden" }).click();
  const panel = page.getByRole("complementary", { name: "Entsprechende Stellen" });
  await expect(panel.getByRole("listitem", { name: "Paar 1", exact: true })).toBeVisible();
  await page.context().close();
});
