import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { dragSelect, openAs, saveSessions, type SavedSession } from "./support/people";

/**
 * A real TEI edition, as an instructor meets it: a soldier's letter from the Deutsches Textarchiv (deletions,
 * additions, regularised spelling, folio numbers) is uploaded as published, the preview names its licence, and
 * in the reader it can be read as corrected or as written. A note made in one view is the same note, on the
 * same words, in the other.
 */

const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ mode: "serial" });

const INSTRUCTOR = "instructor@synopse.test";
const fixture = (name: string) => fs.readFileSync(new URL(`../lib/content/testing/fixtures/tei/${name}`, import.meta.url));
const LETTER = fixture("dta-soldatenbrief-042.xml");
const FRUS_FRONT = fixture("frus1944Quebec-front.xml");
let session: SavedSession;
let seminar = "";
let slug = "";

/** The text of every range painted under the notes' highlight names. */
async function paintedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const [name, h] of CSS.highlights)
      if (name.startsWith("syn-") && name !== "syn-active") for (const r of h as unknown as Iterable<Range>) out.push(r.toString());
    return out;
  });
}

async function note(page: Page, passage: string, text: string): Promise<string> {
  const selected = await dragSelect(page, 1, passage);
  await page.getByRole("group", { name: "Selected text" }).getByRole("button", { name: "Note", exact: true }).click();
  const editor = page.getByRole("textbox", { name: "Note text" });
  await expect(editor).toBeVisible();
  await editor.click();
  await page.keyboard.type(text);
  await page.getByRole("complementary", { name: "Notes on pane 1" }).getByRole("button", { name: "Save note" }).click();
  await expect(page.getByRole("complementary", { name: "Notes on pane 1" }).getByText(text)).toBeVisible();
  return selected;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  session = (await saveSessions(browser, [INSTRUCTOR], "editions")).get(INSTRUCTOR)!;
  const page = await openAs(browser, session);
  const created = await page.request.post("/api/seminars", { data: { title: `Editions ${Date.now()}`, documents: [] } });
  expect(created.status()).toBe(201);
  seminar = ((await created.json()) as { id: string }).id;
  await page.context().close();
});

test("a DTA letter uploads as published: its licence and language come from the header", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await openAs(browser, session);
  await page.goto(`/en/seminars/${seminar}/upload`);
  // FRUS front matter: elements Synopse shows as plain text are listed, with how often they occur.
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "frus-front.xml", mimeType: "application/xml", buffer: FRUS_FRONT });
  await page.getByRole("combobox", { name: "Language" }).selectOption({ label: "English" });
  await page.getByRole("button", { name: "Check the file" }).click();
  const frus = page.getByRole("region", { name: "Preview" });
  await expect(frus.getByRole("heading", { name: "Shown as plain text" })).toBeVisible();
  await expect(frus.getByRole("listitem").filter({ hasText: "<publisher>: 1 time" })).toBeVisible();

  await page.getByRole("combobox", { name: "Language" }).selectOption({ index: 0 }); // "as the file says"
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "soldatenbrief-42.xml", mimeType: "application/xml", buffer: LETTER });
  await page.getByRole("button", { name: "Check the file" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview).toBeVisible();
  await expect(preview.getByText("Peter Osterwind", { exact: true })).toBeVisible();
  await expect(preview.getByText(/Licence stated in the file: .*CC BY-SA 4\.0/)).toBeVisible();
  await expect(preview.getByText("de", { exact: true })).toBeVisible();
  slug = (await preview.locator("code").innerText()).trim();
  await preview.getByRole("button", { name: "Publish in the seminar" }).click();
  await page.getByRole("link", { name: "Read it now" }).click();
  // the letter's heading (the edition's own, in <supplied>) and the licence on the document
  await expect(page.getByRole("heading", { name: "SB-Nr. 42: Peter Osterwind (Mannschaften?), 10.06.1815, Westmitteldeutsch", exact: true })).toBeVisible();
  await expect(page.locator(".doc-licence")).toContainText("CC BY-SA 4.0");
  await page.context().close();
});

test("a file nested 20,000 deep is refused with a reason, not a crash", async ({ browser }) => {
  const page = await openAs(browser, session);
  const deep = `<TEI><text><body>\n${"<hi>".repeat(20_000)}x${"</hi>".repeat(20_000)}</body></text></TEI>`;
  const res = await page.request.post(`/api/seminars/${seminar}/uploads?name=deep.xml&lang=de`, {
    data: Buffer.from(deep),
    headers: { "content-type": "application/xml" },
  });
  expect(res.status()).toBeGreaterThanOrEqual(400);
  expect(res.status()).toBeLessThan(500);
  expect(JSON.stringify(await res.json())).toContain("xml-too-deep");
  await page.context().close();
});

test("reading and diplomatic views: the switch shows the letter as written, and a note shows in both", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await openAs(browser, session);
  await page.goto(`/en/read?p=${slug}&seminar=${seminar}`);
  const pane = page.locator("#pane1-panel");
  const views = pane.getByRole("group", { name: "View of the edition" });
  const reading = views.getByRole("button", { name: "Reading text" });
  const written = views.getByRole("button", { name: "As written" });
  await expect(reading).toHaveAttribute("aria-pressed", "true");

  // Reading view: regularised, deletions hidden.
  await expect(pane.getByText("Freundlich", { exact: true })).toBeVisible();
  await expect(pane.getByText("Frundlch", { exact: true })).toBeHidden();
  await expect(pane.getByText("wücht", { exact: true })).toBeHidden();

  // A note in the reading view…
  const first = await note(page, "ich bin noch recht gesund", "The writer reassures his parents.");
  await expect.poll(() => paintedTexts(page)).toContain(first);

  // …the diplomatic view: the spelling as written, the deletion struck through, and the same note on the same words.
  await written.click();
  await expect(written).toHaveAttribute("aria-pressed", "true");
  await expect(pane.getByText("Frundlch", { exact: true })).toBeVisible();
  await expect(pane.getByText("Freundlich", { exact: true })).toBeHidden();
  const deletion = pane.locator("del").filter({ hasText: "wücht" });
  await expect(deletion).toBeVisible();
  expect(await deletion.evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain("line-through");
  await expect.poll(() => paintedTexts(page)).toContain(first);
  // the edition's markup and the switch pass axe in the diplomatic view too
  const serious = (await new AxeBuilder({ page }).include("#pane1-panel").analyze()).violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(serious).toEqual([]);

  // A note made in the diplomatic view shows in the reading view, on the same words.
  const second = await note(page, "Schwester Sie Bleiben Meine", "A formula of letters home.");
  await reading.click();
  await expect(pane.getByText("Frundlch", { exact: true })).toBeHidden();
  await expect.poll(() => paintedTexts(page)).toEqual(expect.arrayContaining([first, second]));

  // After a reload both notes are anchored where they were made (the server stored one passage for both views).
  await page.reload();
  await expect.poll(() => paintedTexts(page)).toEqual(expect.arrayContaining([first, second]));
  await page.context().close();
});
