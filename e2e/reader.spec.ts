import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/**
 * The reader, as a new user meets it: the library, the forum beside Mastný, notes, languages, deep
 * links, a phone, and bad addresses. Elements are found by role and localized name.
 */

const FORUM = "forum-separatfrieden-1941-43";
const MASTNY = "mastny-separate-peace";
const BAYERLEIN = "bayerlein-winogradow-treffen";
const FORUM_TITLE = "Separatfrieden zwischen Stalin und Hitler zwischen 41 und 43";
const MASTNY_TITLE = "Stalin and the Prospects of a Separate Peace in World War II";

const pane = (page: Page, n: number) => page.locator(`#pane${n}-panel`);
const scroller = (page: Page, n: number) => page.getByRole("region", { name: new RegExp(`^(Pane|Spalte|Колонка) ${n}$`) });

async function scrollTopOf(page: Page, n: number): Promise<number> {
  return scroller(page, n).evaluate((el) => el.scrollTop);
}

test("the library lists every document and opens the forum beside Mastný", async ({ page }) => {
  await page.goto("/en");
  await expect(page.getByRole("heading", { level: 1, name: "Library" })).toBeVisible();
  const table = page.getByRole("table", { name: "Documents in the library" });
  await expect(table.getByRole("row")).toHaveCount(6); // header + five documents
  // The newspaper clipping has no headline: it shows its supplied title, never "Untitled".
  await expect(table.getByRole("rowheader", { name: "[Die Zusammenarbeit der Anti-Hitler-Koalition 1944/45]" })).toBeVisible();
  await expect(table.getByRole("row", { name: new RegExp(MASTNY_TITLE) })).toContainText("Vojtěch Mastný");
  await expect(table.getByRole("row", { name: new RegExp(MASTNY_TITLE) })).toContainText("December 1972");
  await expect(table.getByRole("row", { name: new RegExp(MASTNY_TITLE) })).toContainText("Essay");
  await expect(table.getByRole("row", { name: new RegExp(FORUM_TITLE) })).toContainText("Forum thread");

  // Nothing chosen yet: a message instead of an empty reader.
  await page.getByRole("button", { name: "Read side by side" }).click();
  await expect(page.getByRole("status")).toContainText("Select at least one document first.");

  await page.getByRole("checkbox", { name: `Select “${FORUM_TITLE}” for reading side by side` }).check();
  await page.getByRole("checkbox", { name: `Select “${MASTNY_TITLE}” for reading side by side` }).check();
  await expect(page.getByRole("status")).toContainText("2 documents selected");
  await page.getByRole("button", { name: "Read side by side" }).click();

  await expect(page).toHaveURL(new RegExp(`/en/read\\?p=${FORUM},${MASTNY}$`));
  await expect(page.getByRole("combobox", { name: "Document in pane 1" })).toHaveValue(FORUM);
  await expect(page.getByRole("combobox", { name: "Document in pane 2" })).toHaveValue(MASTNY);

  // The forum: posts as articles, writers named, unknown ones said to be unknown, quotes attributed.
  const forum = pane(page, 1);
  await expect(forum.getByRole("article")).toHaveCount(13);
  await expect(forum.getByRole("article", { name: /Post 1 thanepower/ })).toBeVisible();
  await expect(forum.getByRole("article", { name: /Post 5 unknown member/ })).toHaveCount(1);
  await expect(forum.getByRole("link", { name: "Quoting post 3 — M." })).toHaveCount(1);
  // Each text keeps its own language whatever the interface language.
  await expect(forum.locator("[data-doc-root]")).toHaveAttribute("lang", "de");
  await expect(pane(page, 2).locator("[data-doc-root]")).toHaveAttribute("lang", "en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("a footnote opens in place, by mouse or keyboard, and leads back to its marker", async ({ page }) => {
  await page.goto(`/en/read?p=${FORUM},${MASTNY}`);
  const mastny = pane(page, 2);
  const marker = mastny.getByRole("button", { name: "Footnote 1", exact: true });
  await marker.click();
  const note = mastny.getByRole("dialog", { name: "Footnote 1" });
  await expect(note).toBeVisible();
  await expect(note).toContainText("Kennan");
  await expect(marker).toHaveAttribute("aria-expanded", "true");
  await note.getByRole("button", { name: "Back to the text" }).click();
  await expect(note).toBeHidden();
  await expect(marker).toBeFocused();

  // Keyboard alone: Enter opens and focuses the note, Escape closes it and returns to the marker.
  const second = mastny.getByRole("button", { name: "Footnote 2", exact: true });
  await second.focus();
  await page.keyboard.press("Enter");
  await expect(mastny.getByRole("dialog", { name: "Footnote 2" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(mastny.getByRole("dialog")).toHaveCount(0);
  await expect(second).toBeFocused();

  // Footnotes are "footnotes"; "notes" are the seminar's.
  await expect(mastny.getByRole("heading", { name: "Footnotes", exact: true })).toBeAttached();
});

test("footnotes the source lost are shown as missing or truncated", async ({ page }) => {
  await page.goto(`/en/read?p=${BAYERLEIN}`);
  const p = pane(page, 1);
  await p.getByRole("button", { name: "Footnote 31", exact: true }).click();
  await expect(p.getByRole("dialog", { name: "Footnote 31" })).toContainText("This footnote is missing from the source.");
  await page.keyboard.press("Escape");
  await p.getByRole("button", { name: "Footnote 43", exact: true }).click();
  await expect(p.getByRole("dialog", { name: "Footnote 43" })).toContainText("This footnote is truncated in the source.");
  await expect(p.getByRole("dialog", { name: "Footnote 43" })).toContainText("Altrichter");
});

test("the outline jumps to a heading within its pane", async ({ page }) => {
  await page.goto(`/en/read?p=${FORUM},${BAYERLEIN}`);
  const p = pane(page, 2);
  await p.getByText("Outline").click();
  const outline = p.getByRole("navigation", { name: "Outline of pane 2" });
  await outline.getByRole("link", { name: "DAS WINOGRADOW-TREFFEN" }).click();
  const heading = p.getByRole("heading", { name: "DAS WINOGRADOW-TREFFEN" });
  await expect(heading).toBeInViewport();
  await expect(heading).toBeFocused();
  expect(await scrollTopOf(page, 2)).toBeGreaterThan(500);
  expect(await scrollTopOf(page, 1)).toBe(0);
});

test("switching to German and to Russian keeps the panes and where they are scrolled to", async ({ page, context }) => {
  await page.goto(`/en/read?p=${FORUM},${MASTNY}&sync=1`);
  await scroller(page, 2).evaluate((el) => (el.scrollTop = 2400));
  await page.getByRole("navigation", { name: "Interface language" }).getByRole("link", { name: "Deutsch" }).click();

  await expect(page).toHaveURL(new RegExp(`/de/read\\?p=${FORUM},${MASTNY}&sync=1&at=[^&]+$`));
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("combobox", { name: "Dokument in Spalte 2" })).toHaveValue(MASTNY);
  await expect(page.getByRole("checkbox", { name: "Synchrones Scrollen" })).toBeChecked();
  await expect.poll(() => scrollTopOf(page, 2)).toBeGreaterThan(2300);
  expect((await context.cookies()).find((c) => c.name === "NEXT_LOCALE")?.value).toBe("de");

  await page.getByRole("navigation", { name: "Sprache der Oberfläche" }).getByRole("link", { name: "Русский" }).click();
  await expect(page).toHaveURL(new RegExp(`/ru/read\\?p=${FORUM},${MASTNY}&sync=1&at=[^&]+$`));
  await expect(page.getByRole("combobox", { name: "Документ в колонке 1" })).toHaveValue(FORUM);
  await expect(pane(page, 1).getByRole("article", { name: /Сообщение 5 неизвестный участник/ })).toHaveCount(1);
  await expect.poll(() => scrollTopOf(page, 2)).toBeGreaterThan(2300);
  expect((await context.cookies()).find((c) => c.name === "NEXT_LOCALE")?.value).toBe("ru");

  // The remembered choice wins over the browser's language on the next visit.
  await page.goto("/");
  await expect(page).toHaveURL(/\/ru$/);
});

test("panes can be changed, added and closed in place; synchronized scrolling follows the pane you scroll", async ({ page }) => {
  await page.goto(`/en/read?p=${FORUM}`);
  await page.getByRole("button", { name: "Add a pane" }).click();
  await expect(page.getByRole("combobox", { name: "Document in pane 2" })).toBeVisible();
  await page.getByRole("combobox", { name: "Document in pane 2" }).selectOption(MASTNY);
  await expect(page).toHaveURL(new RegExp(`p=${FORUM},${MASTNY}$`));
  await expect(pane(page, 2).getByRole("heading", { name: MASTNY_TITLE })).toBeVisible();

  await page.getByRole("checkbox", { name: "Synchronized scrolling" }).check();
  await expect(page).toHaveURL(/sync=1/);
  await scroller(page, 1).hover();
  await page.mouse.wheel(0, 1500);
  await expect.poll(() => scrollTopOf(page, 2)).toBeGreaterThan(500);

  await scroller(page, 1).evaluate((el) => (el.scrollTop = 0));
  await page.getByRole("checkbox", { name: "Synchronized scrolling" }).uncheck();
  const before = await scrollTopOf(page, 2);
  await scroller(page, 1).hover();
  await page.mouse.wheel(0, 800);
  await expect.poll(() => scrollTopOf(page, 1)).toBeGreaterThan(300);
  expect(await scrollTopOf(page, 2)).toBe(before);

  await page.getByRole("button", { name: "Close pane 1" }).click();
  await expect(page).toHaveURL(new RegExp(`p=${MASTNY}(&|$)`));
  await expect(page.getByRole("combobox", { name: "Document in pane 1" })).toHaveValue(MASTNY);
  await expect(page.getByRole("combobox")).toHaveCount(1);
});

test("a deep link opens the pane at the passage, highlighted", async ({ page }) => {
  await page.goto(`/en/read?p=${FORUM},${MASTNY}&b=2.p12&r=10-42`);
  const block = pane(page, 2).locator('[data-block-id="p12"]');
  await expect(block).toBeInViewport();
  const painted = await page.evaluate(() => {
    const h = CSS.highlights.get("deep-link");
    return h ? [...h].map((r) => r.toString()) : null;
  });
  const text = await block.evaluate((el) => el.textContent ?? "");
  expect(painted).toEqual([text.slice(10, 42)]);
  expect(await scrollTopOf(page, 1)).toBe(0);

  // A block id the document does not have: said so in the pane, the text still readable.
  await page.goto(`/en/read?p=${MASTNY}&b=p9999`);
  await expect(pane(page, 1).getByRole("alert")).toHaveText("The passage “p9999” does not exist in this document. Showing its beginning instead.");
  await expect(pane(page, 1).getByRole("heading", { name: MASTNY_TITLE })).toBeVisible();
});

test("selecting text offers a link to the passage that reopens it", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(`/en/read?p=${FORUM},${MASTNY}`);
  // Select characters 4..30 of Mastný's first paragraph, as a mouse drag would.
  const expected = await pane(page, 2)
    .locator('[data-block-id="p1"]')
    .evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const first = walker.nextNode() as Text;
      const range = document.createRange();
      range.setStart(first, 4);
      range.setEnd(first, 30);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return range.toString();
    });
  const toolbar = page.getByRole("group", { name: "Selected text" });
  await toolbar.getByRole("button", { name: "Copy link to this passage" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Link copied" })).toHaveText("Link copied to the clipboard.");
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toMatch(new RegExp(`/en/read\\?p=${FORUM},${MASTNY}&b=2\\.p1&r=4-30$`));

  await page.goto(url);
  // The passage is painted once the reader has hydrated, a moment after the page's load event.
  await expect.poll(() => page.evaluate(() => [...(CSS.highlights.get("deep-link") ?? [])].map((r) => r.toString()))).toEqual([expected]);

  // Keyboard users: the pane toolbar's button links to the paragraph at the top of the pane.
  await page.getByRole("button", { name: "Copy link to this passage" }).first().focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/&b=post1-q1$|&b=p\d+$/);
});

test.describe("a first visit from a German browser", () => {
  test.use({ locale: "de-DE" });

  test("gets the German interface, with dates and numbers written the German way", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/de$/);
    await expect(page.getByRole("heading", { level: 1, name: "Bibliothek" })).toBeVisible();
    const mastny = page.getByRole("row", { name: new RegExp(MASTNY_TITLE) });
    await expect(mastny).toContainText("Dezember 1972");
    await expect(mastny).toContainText("Essay");
    await expect(mastny).toContainText(/\d{1,3}\.\d{3} Wörter/);
    await expect(page.getByRole("row", { name: new RegExp(FORUM_TITLE) })).toContainText("Forumsdiskussion");
  });
});

test.describe("on a phone-sized screen", () => {
  test.use({ viewport: { width: 390, height: 800 } });

  test("the panes stack behind tabs", async ({ page }) => {
    await page.goto(`/en/read?p=${FORUM},${MASTNY}`);
    const tabs = page.getByRole("tablist", { name: "Open documents" });
    await expect(tabs.getByRole("tab")).toHaveCount(2);
    await expect(tabs.getByRole("tab", { name: FORUM_TITLE })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("tabpanel")).toHaveCount(1);
    await expect(pane(page, 1)).toBeVisible();
    await expect(pane(page, 2)).toBeHidden();

    await tabs.getByRole("tab", { name: FORUM_TITLE }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(tabs.getByRole("tab", { name: MASTNY_TITLE })).toBeFocused();
    await expect(pane(page, 2)).toBeVisible();
    await expect(pane(page, 1)).toBeHidden();
    await expect(pane(page, 2).getByRole("heading", { name: MASTNY_TITLE })).toBeInViewport();

    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  });
});

test.describe("bad addresses get a translated, helpful page", () => {
  test("unknown document, malformed layout, bad range", async ({ page }) => {
    await page.goto("/en/read?p=no-such-text");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This reading view cannot be opened");
    await expect(page.getByRole("main")).toContainText("There is no document “no-such-text” in the library.");
    await expect(page.getByRole("link", { name: MASTNY_TITLE })).toBeVisible();

    await page.goto(`/de/read?p=a,b,c,d`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Diese Leseansicht lässt sich nicht öffnen");
    await expect(page.getByRole("main")).toContainText("Die Adresse nennt 4 Dokumente");

    await page.goto(`/ru/read?p=${MASTNY}&b=p1&r=9-3`);
    await expect(page.getByRole("main")).toContainText("«9-3» — не диапазон символов.");

    await page.goto("/en/read");
    await expect(page.getByRole("main")).toContainText("The address names no document.");
  });

  test("unknown pages and locales", async ({ page }) => {
    // "xx" is not a locale: the middleware puts the visitor's language in front, and that path does not exist.
    await page.goto("/xx/read");
    await expect(page).toHaveURL(/\/en\/xx\/read$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");

    const response = await page.goto("/ru/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Страница не найдена");
    await expect(page.getByRole("link", { name: "Назад в библиотеку" })).toBeVisible();

    // Outside every locale (a file name): all three languages.
    const file = await page.goto("/no-such-file.txt");
    expect(file?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Seite nicht gefunden" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Страница не найдена" })).toBeVisible();
  });
});

test.describe("accessibility: no serious or critical axe violations", () => {
  // axe walks every node of three full documents: slow on a busy two-core machine.
  test.describe.configure({ timeout: 150_000 });

  async function expectNoSeriousViolations(page: Page) {
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      bad.map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(", ")}`,
      ),
    ).toEqual([]);
  }

  for (const locale of ["de", "en", "ru"]) {
    test(`library in ${locale}`, async ({ page }) => {
      await page.goto(`/${locale}`);
      await expect(page.getByRole("main")).toBeVisible();
      await expectNoSeriousViolations(page);
    });

    test(`reader with three panes, a deep link and an open note in ${locale}`, async ({ page }) => {
      await page.goto(`/${locale}/read?p=${FORUM},${MASTNY},${BAYERLEIN}&b=2.p12&r=0-20`);
      await pane(page, 2).getByRole("button", { name: /1$/ }).first().click();
      await expect(pane(page, 2).getByRole("dialog")).toBeVisible();
      await expectNoSeriousViolations(page);
    });
  }
});
