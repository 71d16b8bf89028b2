import { readFile } from "node:fs/promises";
import { expect as baseExpect, test } from "@playwright/test";
import { DEMO_SEMINAR, signIn } from "./support/people";

/**
 * Exporting from the seminar page, as a student does it: the Markdown report downloads as a file and
 * holds the seeded note under its quoted passage; a file that is not W3C JSON-LD is refused with a
 * translated reason and nothing is imported.
 */
const expect = baseExpect.configure({ timeout: 20_000 });
const SEMINAR_TITLE = DEMO_SEMINAR;

test("a student downloads the seminar's Markdown report and tries an import", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "student1@synopse.test");
  await page.getByRole("link", { name: SEMINAR_TITLE, exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: SEMINAR_TITLE })).toBeVisible();
  const id = /\/seminars\/([^/?#]+)/.exec(page.url())?.[1];
  expect(id).toBeTruthy();

  // A seeded note the student can read (the same session, through the annotations API).
  const listed = await (await page.request.get(`/api/seminars/${id}/annotations`)).json();
  const note = (listed.annotations as Array<{ motivation: string; bodyText: string; targets: Array<{ exact: string }> }>).find((a) => a.motivation === "commenting")!;
  expect(note).toBeTruthy();

  await expect(page.getByRole("heading", { level: 2, name: "Export and import" })).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Report (Markdown) – All annotations in this seminar" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.md$/);
  const report = await readFile((await download.path())!, "utf8");
  expect(report.startsWith(`# ${SEMINAR_TITLE}\n`)).toBe(true);
  expect(report).toContain(`> ${note.targets[0].exact}`);
  expect(report).toContain(note.bodyText);

  await page.getByLabel("JSON-LD file").setInputFiles({ name: "not-annotations.jsonld", mimeType: "application/ld+json", buffer: Buffer.from('{"type":"Nonsense"}') });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const status = page.getByRole("status").filter({ hasText: "No annotations imported." });
  await expect(status).toBeVisible();
  await expect(status).toContainText("Annotation 1: Some of the input is not valid.");
});
