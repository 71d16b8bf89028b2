/**
 * Search, as the demo student meets it: the header's search box, "separate peace" found in the English
 * essay and — through the glossary — in the German forum, the expansion removed, a result opened in the
 * reader at the passage.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/people";

const FORUM_TITLE = /Separatfrieden/;
const MASTNY_TITLE = "Stalin and the Prospects of a Separate Peace in World War II";

test("search across languages, remove an expansion, open a result at the passage", async ({ page }) => {
  await signIn(page, "student1@synopse.test");

  // The search box in the site header.
  const box = page.getByRole("banner").getByRole("searchbox", { name: "Search" });
  await box.fill("separate peace");
  await box.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Search the documents and notes" })).toHaveValue("separate peace");

  // Grouped by document: the English essay and the German forum (found through "Separatfrieden").
  const mastny = page.getByRole("region", { name: MASTNY_TITLE });
  const forum = page.getByRole("region", { name: FORUM_TITLE });
  await expect(mastny).toBeVisible();
  await expect(forum).toBeVisible();
  await expect(
    mastny
      .locator("mark")
      .filter({ hasText: /^separate( peace)?$/i })
      .first(),
  ).toBeVisible();
  await expect(
    forum
      .locator("mark")
      .filter({ hasText: /^Separatfrieden$/ })
      .first(),
  ).toBeVisible();

  // No serious accessibility problems on the results page.
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // The expansion is shown and can be removed.
  const chip = page.getByRole("link", { name: "Stop searching for “Separatfrieden”" });
  await expect(chip).toBeVisible();
  await chip.click();
  await expect(page).toHaveURL(/no=Separatfrieden/);
  await expect(page.getByRole("link", { name: "Search for “Separatfrieden” again" })).toBeVisible();
  await expect(page.locator("mark").filter({ hasText: /^Separatfrieden$/ })).toHaveCount(0);
  await expect(mastny).toBeVisible();

  // Open the first result of the essay: the reader shows the passage, painted as the deep link.
  const first = mastny.getByRole("listitem").first().getByRole("link");
  const href = (await first.getAttribute("href")) ?? "";
  expect(href).toMatch(/^\/en\/read\?p=mastny-separate-peace&b=[a-z0-9-]+&r=\d+-\d+$/);
  const blockId = /b=([a-z0-9-]+)/.exec(href)![1];
  await first.click();
  await expect(page).toHaveURL(/\/en\/read\?p=mastny-separate-peace/);
  const block = page.locator(`[data-block-id="${blockId}"]`).first();
  await expect(block).toBeInViewport();
  // The painted deep-link range is the matched word.
  await expect
    .poll(() => page.evaluate(() => [...(CSS.highlights.get("deep-link") ?? [])].map((r) => r.toString().toLowerCase())))
    .toEqual([expect.stringMatching(/^(separate peace|separate|peace)$/)]);
});

test("anything typed gets results or a friendly message, never an error", async ({ page }) => {
  for (const q of ['" ( * AND OR NEAR NOT', "zzqxv nothing like this", "x".repeat(3000)]) {
    await page.goto(`/en/search?q=${encodeURIComponent(q)}`);
    await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
    await expect(page.locator(".search-status")).toContainText(/Type a word|Nothing found|only its first/);
  }
});
