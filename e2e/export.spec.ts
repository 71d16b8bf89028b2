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
  const note = (listed.annotations as Array<{ motivation: string; bodyText: string; targets: Array<{ exact: string }> }>).find(
    (a) => a.motivation === "commenting",
  )!;
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

  await page
    .getByLabel("JSON-LD file")
    .setInputFiles({ name: "not-annotations.jsonld", mimeType: "application/ld+json", buffer: Buffer.from('{"type":"Nonsense"}') });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const status = page.getByRole("status").filter({ hasText: "No annotations imported." });
  await expect(status).toBeVisible();
  // The real reason, not the editor's wording ("Some of the input is not valid").
  await expect(status).toContainText(
    "Annotation 1 of the file: the file does not describe it as a W3C Web Annotation (@context must include http://www.w3.org/ns/anno.jsonld)",
  );
});

/**
 * Issue 17, item 9: exports keep what was written and imports keep who wrote it. The instructor starts a
 * new term: one student has joined it, the other has not. Last term's JSON-LD (downloaded from the page) is
 * imported together with a note from another server's account and a note whose passage the text no longer
 * has. The student's note keeps her name; the foreign one is listed as now the instructor's; the missing
 * passage is named by its quote and the real reason. The CSV starts with a byte order mark for Excel.
 */
test("an instructor carries last term's notes into a new seminar: members keep their names, the rest is said plainly", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, "instructor@synopse.test");
  await page.getByRole("link", { name: SEMINAR_TITLE, exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: SEMINAR_TITLE })).toBeVisible();

  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Table (CSV) – All annotations in this seminar" }).click();
  const csv = await readFile((await (await csvDownload).path())!);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv.toString("utf8")).toContain("Woher stammt diese Aussage?");

  const jsonDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "W3C Web Annotation (JSON-LD) – All annotations in this seminar" }).click();
  const exported = JSON.parse(await readFile((await (await jsonDownload).path())!, "utf8"));
  const items = exported.first.items as Array<
    Record<string, unknown> & { motivation: string; creator: { name: string }; target: { selector: Array<Record<string, unknown>> } }
  >;
  const annas = items.find((i) => i.motivation === "commenting" && i.creator.name === "Anna Petrova")!;
  expect(annas).toBeTruthy();
  const annasQuote = (annas.target.selector.find((s) => s.type === "TextQuoteSelector")!.exact as string).trim();
  // A note written on another server (an account this one does not know), and one on a passage since rewritten.
  const { "synopse:author": _account, ...annasWithoutAccount } = structuredClone(annas);
  const guest = {
    ...annasWithoutAccount,
    id: "urn:uuid:5b0c1f7e-2a43-4d8e-9f61-0c3a1e7d9b25",
    creator: { id: "https://elsewhere.example/users/7", type: "Person", name: "Guest Historian" },
  };
  const rewritten = structuredClone(annas);
  rewritten.id = "urn:uuid:9e4d2b71-8c3f-4a50-b6d2-7f1e0a9c3d48";
  rewritten.target.selector = [{ type: "TextQuoteSelector", exact: "a sentence this text never had" }];
  exported.first.items = [...items, guest, rewritten];

  // The new term: a seminar with every document; Anna joins it, Ben does not.
  const title = `Next term ${Date.now()}`;
  await page.goto("/en/seminars");
  await page.getByLabel("Title").fill(title);
  for (const box of await page.getByRole("group", { name: "Documents" }).getByRole("checkbox").all()) await box.check();
  await page.getByRole("button", { name: "Create seminar" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Settings: ${title}` })).toBeVisible();
  const invite = await page.getByRole("textbox", { name: "Invite link" }).inputValue();
  const anna = await (await browser.newContext({ locale: "en-US" })).newPage();
  await signIn(anna, "student1@synopse.test");
  await anna.goto(new URL(invite).pathname);
  await anna.getByRole("button", { name: "Join as a student" }).click();
  await expect(anna.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await anna.context().close();

  await page.goto("/en/seminars");
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page
    .getByLabel("JSON-LD file")
    .setInputFiles({ name: "last-term.jsonld", mimeType: "application/ld+json", buffer: Buffer.from(JSON.stringify(exported)) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const status = page.getByRole("status").filter({ hasText: "imported" });
  await expect(status).toContainText(/\d+ annotations imported\. \d+ of them kept their authors\./);
  // How many others wrote notes depends on what earlier journeys left in the seminar: one or more.
  await expect(status).toContainText(/(written by someone else is|written by others are) now in your name:/);
  const guestLine = status.getByRole("listitem").filter({ hasText: "Guest Historian" });
  await expect(guestLine).toContainText(`“${annasQuote.slice(0, 30)}`);
  await expect(guestLine).toContainText("” by Guest Historian (not a member of this seminar)");
  await expect(status).toContainText("could not be imported:");
  const missing = status.getByRole("listitem").filter({ hasText: "never had" });
  await expect(missing).toContainText("“a sentence this text never had” in ");
  await expect(missing).toContainText("this passage is not in the seminar's text");
  await expect(status).not.toContainText("Annotation 1");

  // In the new seminar Anna's note is still Anna's.
  const id = /\/seminars\/([^/?#]+)/.exec(page.url())![1];
  const listed = await (await page.request.get(`/api/seminars/${id}/annotations`)).json();
  const authors = (listed.annotations as Array<{ bodyText: string; author: { name: string } }>)
    .filter((a) => a.bodyText.startsWith("Woher stammt"))
    .map((a) => a.author.name);
  expect(authors).toContain("Anna Petrova");
  expect(authors).toContain("Irene Lehmann");
});
