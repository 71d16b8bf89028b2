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

test("a new seminar's lists start empty and from the library's in one click; the glossary goes out as CSV and comes back", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await openAs(browser, sessions.get("instructor@synopse.test")!);
  await page.goto("/en/seminars");
  await page.getByLabel("Title").fill(`Other texts ${Date.now()}`);
  await page.getByRole("group", { name: "Documents" }).getByRole("checkbox").first().check();
  await page.getByRole("button", { name: "Create seminar" }).click();
  await expect(page).toHaveURL(/\/en\/seminars\/[^/]+\/settings/);
  const id = new URL(page.url()).pathname.split("/")[3];

  // The glossary starts empty, and offers the library's list.
  await page.goto(`/en/seminars/${id}/glossary`);
  await expect(page.getByText("No entries", { exact: true })).toBeVisible();
  await expect(page.getByText(/^The list is empty\. .* start from the library's list \(\d+ entries\)/)).toBeVisible();
  await page.getByRole("button", { name: "Start from the library's list" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Imported: \d+ added, 0 already in the list, 0 removed\.$/ })).toBeVisible();
  const count = page.getByText(/^\d+ entries$/);
  await expect(count).toBeVisible();
  const total = Number((await count.textContent())!.split(" ")[0]);
  expect(total).toBeGreaterThan(0);
  await expect(page.getByRole("button", { name: "Start from the library's list" })).toHaveCount(0);

  // Export, change the file in a spreadsheet's way (one entry out, one in), import it to replace the glossary.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export the glossary as CSV" }).click();
  const exported = (await import("node:fs")).readFileSync((await (await download).path())!, "utf8").replace(/^\ufeff/, "");
  const [header, , ...rest] = exported.trimEnd().split("\n");
  expect(header).toBe("de,en,ru");
  const edited = [header, ...rest, "Kolchose | Kolchos,collective farm,колхоз"].join("\n") + "\n";
  const csv = (text: string) => ({ name: "glossary.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.getByLabel("CSV file").setInputFiles(csv(edited));
  await page.getByLabel("Replace the glossary with the file").check();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Imported: ${total} added, 0 already in the list, ${total} removed.` })).toBeVisible();
  await expect(page.getByText(`${total} entries`, { exact: true })).toBeVisible();
  await page.getByLabel("Search terms in all three languages").fill("колхоз");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("textbox", { name: "English terms of Kolchose" })).toHaveValue("collective farm");

  // A bad file is refused with its line and reason, and nothing changes.
  await page.getByLabel("CSV file").setInputFiles(csv("de,en,ru\nWinterkrieg,Winter War,Зимняя война\nSepa\u200Bratfrieden,,\n"));
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /^Line 3: “Sepa\?ratfrieden” contains a character a term cannot hold/ })).toBeVisible();
  await page.goto(`/en/seminars/${id}/glossary`);
  await expect(page.getByText(`${total} entries`, { exact: true })).toBeVisible();

  // The name list too starts empty and from the library's list.
  await page.goto(`/en/seminars/${id}/names`);
  await expect(page.getByText("No names", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Start from the library's list" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Imported: \d+ added, 0 already in the list, 0 removed\.$/ })).toBeVisible();
  await expect(page.getByText(/^\d+ names$/)).toBeVisible();
  await page.context().close();
});
