import { expect as baseExpect, test, type Page } from "@playwright/test";
import { DEMO_SEMINAR, openAs, saveSessions, type SavedSession } from "./support/people";

/**
 * The seminar's name list, as members and instructors use it: a student reads and searches it; the instructor
 * adds a name, is told when it duplicates one, edits a row in place, deletes it, imports a CSV file (a bad line
 * is named, in the interface language, and nothing changes) and exports the list.
 */
const expect = baseExpect.configure({ timeout: 15_000 });

let sessions = new Map<string, SavedSession>();
let seminar = "";

test.beforeAll(async ({ browser }) => {
  sessions = await saveSessions(browser, ["student1@synopse.test", "instructor@synopse.test"], "e2e-names");
  seminar = sessions.get("student1@synopse.test")!.seminar;
});

const csvFile = (text: string) => ({ name: "names.csv", mimeType: "text/csv", buffer: Buffer.from(text) });

test("members read and search the name list; only instructors can change it", async ({ browser }) => {
  const page = await openAs(browser, sessions.get("student1@synopse.test")!);
  await page.goto(`/en/seminars/${seminar}`);
  await page.getByRole("link", { name: "Names", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Names in ${DEMO_SEMINAR}` })).toBeVisible();
  await page.getByLabel("Search names, roles and years").fill("semjonow");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("cell", { name: "Semyonov · Semenov · Vladimir Semyonov", exact: true })).toBeVisible();
  await expect(page.getByText(/^1 of \d+ names match$/)).toBeVisible();
  await expect(page.getByText("Instructors edit this list; members can read it.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add" })).toHaveCount(0);
  await page.context().close();
});

test("the instructor adds, edits and deletes a name; a duplicate is refused with the entry it duplicates", async ({ browser }) => {
  const page: Page = await openAs(browser, sessions.get("instructor@synopse.test")!);
  await page.goto(`/en/seminars/${seminar}/names`);
  const add = page.getByRole("region", { name: "Add a name" });
  const fill = async () => {
    await add.getByLabel("German").fill("Chruschtschow");
    await add.getByLabel("English").fill("Khrushchev | Nikita Khrushchev");
    await add.getByLabel("Russian").fill("Хрущёв");
    await add.getByLabel("Years").fill("1962");
    await add.getByRole("button", { name: "Add" }).click();
  };
  await fill();
  await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
  await fill();
  await expect(page.getByText(/^“Chruschtschow” is already in the list with this spelling/)).toBeVisible();

  await page.getByLabel("Search names, roles and years").fill("Khrushchev");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const years = page.getByLabel("Years of Chruschtschow");
  await expect(years).toHaveValue("1962");
  await years.fill("1962 | 1964");
  await page.getByRole("button", { name: "Save Chruschtschow" }).click();
  await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Years of Chruschtschow")).toHaveValue("1962 | 1964");
  await page.getByRole("button", { name: "Delete Chruschtschow" }).click();
  await expect(page.getByText("No name matches this search.")).toBeVisible();
  await page.context().close();
});

test("CSV import names the bad line in the interface language and changes nothing; export gives the list back", async ({ browser }) => {
  const page = await openAs(browser, sessions.get("instructor@synopse.test")!, "de-DE");
  await page.goto(`/de/seminars/${seminar}/names`);
  const total = await page.getByText(/^\d+ Namen$/).textContent();
  await page.getByLabel("CSV-Datei").setInputFiles(csvFile("kind,de,en,ru,years,roles\nplace,Kuba,Cuba,Куба,,\nplanet,Mars,,,,\n"));
  await page.getByRole("button", { name: "Importieren" }).click();
  await expect(page.getByText("Zeile 3: „planet“ ist keine Art; erlaubt sind: person, place, organisation, work.", { exact: true })).toBeVisible();
  await expect(page.getByText(/^\d+ Namen$/)).toHaveText(total!);

  await page.getByLabel("CSV-Datei").setInputFiles(csvFile("kind,de,en,ru,years,roles\nplace,Kuba,Cuba,Куба,,\n"));
  await page.getByRole("button", { name: "Importieren" }).click();
  await expect(page.getByText("Importiert: 1 hinzugefügt, 0 schon vorhanden, 0 entfernt.", { exact: true })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Liste als CSV exportieren" }).click();
  const file = await (await download).path();
  const text = (await import("node:fs")).readFileSync(file, "utf8");
  expect(text.replace(/^\ufeff/, "").split("\n")[0]).toBe("kind,de,en,ru,years,roles");
  expect(text).toContain("Kuba,Cuba,Куба");
  await page.context().close();
});
