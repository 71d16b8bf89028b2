import path from "node:path";
import Database from "better-sqlite3";
import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Browser, type Page, type Request } from "@playwright/test";
import { DEMO_SEMINAR, dragSelect, openAs, saveSessions, selectText, type SavedSession } from "./support/people";

/**
 * Annotating together, as a seminar meets it: a student selects a passage and writes a note, a second
 * student answers and the first sees the answer arrive without reloading; private notes stay private;
 * a note's HTML cannot run script; two tabs editing one note do not lose either version; a note whose
 * passage left the text is listed apart. Elements are found by role and localized name.
 */

// Saves and live events cross two browsers and the server on a shared two-core machine: allow time.
const expect = baseExpect.configure({ timeout: 15_000 });

const FORUM = "forum-separatfrieden-1941-43";
const MASTNY = "mastny-separate-peace";
const SEMINAR_TITLE = DEMO_SEMINAR;

// Sign-in is rate-limited: each account signs in once, and every test opens fresh browser contexts with that session.
let sessions = new Map<string, SavedSession>();

test.beforeAll(async ({ browser }) => {
  sessions = await saveSessions(browser, ["student1@synopse.test", "student2@synopse.test", "instructor@synopse.test"], "e2e");
});

async function student(browser: Browser, email: string): Promise<{ page: Page; seminar: string }> {
  const session = sessions.get(email)!;
  return { page: await openAs(browser, session), seminar: session.seminar };
}

const readerUrl = (seminar: string) => `/en/read?p=${FORUM},${MASTNY}&seminar=${seminar}`;
const notesPanel = (page: Page, n: number) => page.getByRole("complementary", { name: `Notes on pane ${n}` });
const notesToggle = (page: Page, n: number) => page.locator(`#pane${n}-panel`).getByRole("button", { name: /^Notes/ });

async function openNotes(page: Page, n: number): Promise<void> {
  const toggle = notesToggle(page, n);
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await expect(notesPanel(page, n)).toBeVisible();
}

/** The text of every range painted under our highlight names. */
async function paintedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const [name, h] of CSS.highlights)
      if (name.startsWith("syn-") && name !== "syn-active") for (const r of h as unknown as Iterable<Range>) out.push(r.toString());
    return out;
  });
}

async function writeNote(page: Page, parts: Array<{ text: string; bold?: boolean }>): Promise<void> {
  const editor = page.getByRole("textbox", { name: "Note text" });
  await expect(editor).toBeVisible();
  await editor.click();
  for (const part of parts) {
    if (part.bold) await page.keyboard.press("Control+b");
    await page.keyboard.type(part.text);
    if (part.bold) await page.keyboard.press("Control+b");
  }
}

async function blockIdOf(page: Page, n: number, text: string): Promise<string> {
  return (await page.locator(`#pane${n}-panel [data-block-id]`).filter({ hasText: text }).first().getAttribute("data-block-id"))!;
}

test("a student notes a passage, another answers, the answer arrives live", async ({ browser }) => {
  const anna = await student(browser, "student1@synopse.test");
  const { page } = anna;
  const scripts: Request[] = [];
  const loading = new Set<Request>();
  page.on("request", (r) => {
    // The live stream's shared worker (lib/live-client) is reported as a script request that never ends,
    // which is also why "networkidle" never comes: the page's own scripts are waited for instead.
    if (r.resourceType() === "script" && !/turbopack-worker/.test(r.url())) loading.add(r);
  });
  page.on("requestfinished", (r) => {
    loading.delete(r);
    if (r.resourceType() === "script") scripts.push(r);
  });
  page.on("requestfailed", (r) => loading.delete(r));
  await page.goto(readerUrl(anna.seminar));
  await expect(page.getByText(`Notes of the seminar ${SEMINAR_TITLE}`)).toBeVisible();
  await page.waitForLoadState("load");
  await expect.poll(() => loading.size, { intervals: [500] }).toBe(0);

  // Reading costs little: the editor is not part of the page until someone writes.
  const before = [...scripts];
  let bytes = 0;
  for (const r of before) bytes += (await r.sizes()).responseBodySize;
  expect(bytes).toBeLessThanOrEqual(250 * 1024);
  console.log(`reader JavaScript before the editor: ${(bytes / 1024).toFixed(1)} KB compressed`);

  const passage = "touchstone for appraising the wartime policies";
  const selected = await dragSelect(page, 2, passage);
  expect(selected).toContain("touchstone for appraising");
  await page.getByRole("group", { name: "Selected text" }).getByRole("button", { name: "Note", exact: true }).click();
  await writeNote(page, [{ text: "Kennan's verdict is quoted " }, { text: "without its context", bold: true }, { text: "." }]);
  expect(scripts.length).toBeGreaterThan(before.length); // the editor came in on demand
  await notesPanel(page, 2).getByRole("button", { name: "Quellenkritik" }).click();
  await notesPanel(page, 2).getByRole("button", { name: "Save note" }).click();

  // The thread opens; the note is bold where it was written bold.
  const panel = notesPanel(page, 2);
  await expect(panel.getByRole("heading", { name: "Note by Anna Petrova" })).toBeVisible();
  await expect(panel.locator(".note-body strong")).toHaveText("without its context");
  // Painted without touching the text: a highlight range over exactly the selected words.
  await expect.poll(() => paintedTexts(page)).toContain(selected);
  // …and listed.
  await panel.getByRole("button", { name: "All notes" }).click();
  const item = panel.getByRole("button", { name: /Kennan's verdict is quoted without its context/ });
  await expect(item).toBeVisible();
  await expect(item).toContainText("Quellenkritik");
  expect((await new AxeBuilder({ page }).include("#pane2-notes").include(".pane-toolbar").analyze()).violations).toEqual([]);
  // The notes panel and Mastný's footnotes each have their own id (they shared "pane2-notes").
  const duplicateIds = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  expect(duplicateIds).toEqual([]);
  // The annotated paragraph is described for screen readers and has a keyboard-reachable count.
  await expect(page.locator("#pane2-panel").getByRole("button", { name: /1 note on this passage: Anna Petrova/ })).toBeVisible();
  // The list leads to the passage (focused, in view) and opens the thread; Tab goes on into the thread.
  await item.click();
  await expect(panel.getByRole("heading", { name: "Note by Anna Petrova" })).toBeVisible();
  await expect(page.locator("#pane2-panel [data-block-id]:focus")).toContainText(passage);
  await page.keyboard.press("Tab");
  await expect(panel.getByRole("heading", { name: "Note by Anna Petrova" })).toBeFocused();

  // Ben answers from his own browser.
  const ben = await student(browser, "student2@synopse.test");
  await ben.page.goto(readerUrl(ben.seminar));
  await openNotes(ben.page, 2);
  await notesPanel(ben.page, 2)
    .getByRole("button", { name: /Kennan's verdict is quoted/ })
    .click();
  await notesPanel(ben.page, 2).getByRole("button", { name: "Reply", exact: true }).click();
  const reply = ben.page.getByRole("textbox", { name: "Reply text" });
  await reply.click();
  await ben.page.keyboard.type("Kennan wrote this in 1951, long after the war.");
  await notesPanel(ben.page, 2).getByRole("button", { name: "Send reply" }).click();
  // In the thread's list of replies (the editor may still hold the words for a moment while the live event lands).
  await expect(notesPanel(ben.page, 2).getByRole("list", { name: /reply/ }).getByText("Kennan wrote this in 1951, long after the war.")).toBeVisible();

  // Anna never reloads: the reply appears in her open thread.
  const started = Date.now();
  await expect(panel.getByText("Kennan wrote this in 1951, long after the war.")).toBeVisible({ timeout: 8000 });
  test.info().annotations.push({ type: "live delay", description: `${Date.now() - started} ms after Ben's page showed it` });
  await expect(panel.getByRole("list", { name: "1 reply" })).toContainText("Ben Fischer");

  // Clicking the painted passage in the text opens its thread too.
  await page.getByRole("button", { name: "All notes" }).click();
  await expect(panel.getByRole("heading", { name: "Note by Anna Petrova" })).toHaveCount(0);
  const spot = await page.evaluate(() => {
    const range = [...(CSS.highlights.get("syn-mine") as unknown as Iterable<Range>)][0];
    const r = range.getClientRects()[0];
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await page.mouse.click(spot.x, spot.y);
  await expect(panel.getByRole("heading", { name: "Note by Anna Petrova" })).toBeVisible();

  // A screenshot of the reader with notes, for the README and a look by eye.
  await page.getByRole("button", { name: "All notes" }).click();
  await page.screenshot({ path: test.info().outputPath("reader-with-notes.png") });
  await ben.page.context().close();
  await page.context().close();
});

test("a private note stays with its author", async ({ browser }) => {
  const anna = await student(browser, "student1@synopse.test");
  await anna.page.goto(readerUrl(anna.seminar));
  const ben = await student(browser, "student2@synopse.test");
  await ben.page.goto(readerUrl(ben.seminar));
  await openNotes(ben.page, 2);

  const passage = "the soundness and accuracy of their fears";
  await selectText(anna.page, 2, passage);
  // Keyboard: from the text, Tab reaches the selection's toolbar.
  await anna.page.locator("#pane2-panel [data-pane-scroller]").focus();
  await anna.page.keyboard.press("Tab");
  await expect(anna.page.getByRole("button", { name: "Highlight", exact: true })).toBeFocused();
  await anna.page.keyboard.press("Tab");
  await expect(anna.page.getByRole("button", { name: "Note", exact: true })).toBeFocused();
  await anna.page.keyboard.press("Enter");
  // Pasting from Word or a web page keeps bold, italic, lists, quotes and links — nothing else.
  const editor = anna.page.getByRole("textbox", { name: "Note text" });
  await expect(editor).toBeVisible();
  await editor.evaluate((el) => {
    const data = new DataTransfer();
    data.setData(
      "text/html",
      '<!--[if gte mso 9]><xml><w:WordDocument/></xml><![endif]--><h1 style="color:red">Pasted heading</h1>' +
        '<p class="MsoNormal"><span style="font-weight:bold">Word bold</span> <u>underlined</u> <code>code</code> ' +
        '<img src="x" onerror="window.__xss=1"><a href="javascript:alert(1)">bad link</a> <a href="https://example.org/" style="color:blue">good link</a><o:p></o:p></p>' +
        "<table><tr><td>cell</td></tr></table><script>window.__xss=1</script>",
    );
    data.setData("text/plain", "Pasted heading Word bold underlined code bad link good link cell");
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(editor).toContainText("Word bold");
  const pasted = await editor.evaluate((el) => el.innerHTML);
  expect(pasted).toContain("<strong>Word bold</strong>");
  expect(pasted).toMatch(/<a [^>]*href="https:\/\/example.org\/"/);
  expect(pasted).not.toMatch(/<(h1|u|code|img|table|script|span)\b|style=|class="Mso|javascript:|mso/i);
  await anna.page.keyboard.press("Control+a");
  await anna.page.keyboard.press("Delete");
  await writeNote(anna.page, [{ text: "Only for me: check the Kennan memoirs." }]);
  await notesPanel(anna.page, 2).getByLabel("Who can see this").selectOption({ label: "Only me" });
  await notesPanel(anna.page, 2).getByRole("button", { name: "Save note" }).click();
  // Her own private note says so in its own words: "Only me", not the feedback's label.
  await expect(
    notesPanel(anna.page, 2)
      .getByText(/Only me/)
      .first(),
  ).toBeVisible();
  await expect.poll(() => paintedTexts(anna.page)).toContain(passage);

  // Ben, live and after a reload, sees neither the note nor its highlight.
  await ben.page.waitForTimeout(1500);
  await expect(notesPanel(ben.page, 2).getByText(/check the Kennan memoirs/)).toHaveCount(0);
  await ben.page.reload();
  await openNotes(ben.page, 2);
  await expect(notesPanel(ben.page, 2).getByText(/check the Kennan memoirs/)).toHaveCount(0);
  expect(await paintedTexts(ben.page)).not.toContain(passage);
  await ben.page.context().close();
  await anna.page.context().close();
});

test("markup in a note cannot run script", async ({ browser }) => {
  const anna = await student(browser, "student1@synopse.test");
  const { page } = anna;
  await page.goto(readerUrl(anna.seminar));
  const blockId = await blockIdOf(page, 2, "THE FEAR THAT Moscow");
  const url = `/api/seminars/${anna.seminar}/annotations`;
  const html = await page.request.post(url, {
    data: {
      target: { documentSlug: MASTNY, blockId, blockStart: 0, blockEnd: 13 },
      body: '<p>Careful reading <img src=x onerror="window.__xss=1"> needed<script>window.__xss=1</script></p>',
    },
  });
  expect(html.status()).toBe(201);
  const json = await page.request.post(url, {
    data: {
      target: { documentSlug: MASTNY, blockId, blockStart: 4, blockEnd: 8 },
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Typed as text: <script>window.__xss=1</script>" }] }] },
    },
  });
  expect(json.status()).toBe(201);

  await page.reload();
  await openNotes(page, 2);
  const panel = notesPanel(page, 2);
  await panel.getByRole("button", { name: /Careful reading/ }).click();
  await expect(panel.locator(".note-body").first()).toHaveText(/Careful reading\s+needed/);
  await expect(panel.locator(".note-body img, .note-body script")).toHaveCount(0);
  await panel.getByRole("button", { name: "All notes" }).click();
  await panel.getByRole("button", { name: /Typed as text/ }).click();
  await expect(panel.locator(".note-body").first()).toHaveText("Typed as text: <script>window.__xss=1</script>");
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await page.context().close();
});

test("two tabs edit one note: the second sees both versions and loses nothing", async ({ browser }) => {
  const tabA = await student(browser, "student1@synopse.test");
  const tabB = await student(browser, "student1@synopse.test");
  await tabA.page.goto(readerUrl(tabA.seminar));
  const blockId = await blockIdOf(tabA.page, 2, "THE FEAR THAT Moscow");
  const created = await tabA.page.request.post(`/api/seminars/${tabA.seminar}/annotations`, {
    data: { target: { documentSlug: MASTNY, blockId, blockStart: 14, blockEnd: 20 }, body: "<p>First draft of a note on Moscow.</p>" },
  });
  expect(created.status()).toBe(201);
  await tabA.page.reload();
  await tabB.page.goto(readerUrl(tabB.seminar));

  for (const { page } of [tabA, tabB]) {
    await openNotes(page, 2);
    await notesPanel(page, 2)
      .getByRole("button", { name: /First draft of a note on Moscow/ })
      .click();
    await notesPanel(page, 2).getByRole("button", { name: "Edit", exact: true }).click();
    await expect(page.getByRole("textbox", { name: "Note text" })).toBeVisible();
  }

  const editorA = tabA.page.getByRole("textbox", { name: "Note text" });
  await editorA.click();
  await tabA.page.keyboard.press("Control+a");
  await tabA.page.keyboard.type("Version from tab A.");
  await notesPanel(tabA.page, 2).getByRole("button", { name: "Save changes" }).click();
  await expect(notesPanel(tabA.page, 2).locator(".note-body").first()).toHaveText("Version from tab A.");

  const editorB = tabB.page.getByRole("textbox", { name: "Note text" });
  await editorB.click();
  await tabB.page.keyboard.press("Control+a");
  await tabB.page.keyboard.type("Version from tab B.");
  const panelB = notesPanel(tabB.page, 2);
  await panelB.getByRole("button", { name: "Save changes" }).click();
  await expect(panelB.getByRole("alert")).toHaveText("This note was changed elsewhere in the meantime. Compare both versions, then save again.");
  await expect(panelB.getByRole("region", { name: "The version saved in the meantime" })).toContainText("Version from tab A.");
  await expect(editorB).toHaveText("Version from tab B.");
  await tabB.page.screenshot({ path: test.info().outputPath("conflict.png") });
  await panelB.getByRole("button", { name: "Save my version" }).click();
  await expect(panelB.locator(".note-body").first()).toHaveText("Version from tab B.");
  // Tab A hears about it live.
  await expect(notesPanel(tabA.page, 2).locator(".note-body").first()).toHaveText("Version from tab B.", { timeout: 8000 });
  await tabA.page.context().close();
  await tabB.page.context().close();
});

test("a note whose passage left the text is listed apart with its quote", async ({ browser }) => {
  const anna = await student(browser, "student1@synopse.test");
  const { page } = anna;
  await page.goto(readerUrl(anna.seminar));
  const blockId = await blockIdOf(page, 2, "THE FEAR THAT Moscow");
  const created = await page.request.post(`/api/seminars/${anna.seminar}/annotations`, {
    data: { target: { documentSlug: MASTNY, blockId, blockStart: 0, blockEnd: 8 }, body: "<p>This passage will vanish.</p>" },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  // The API only accepts passages that exist; simulate a later edition of the text that dropped it.
  const db = new Database(path.join(process.cwd(), "e2e.db"));
  try {
    db.prepare(
      `UPDATE "Target" SET exact = ?, prefix = ?, suffix = ?, documentVersion = ?, blockId = ?, blockStart = 0, blockEnd = 40, start = 5, "end" = 45 WHERE annotationId = ?`,
    ).run(
      "A sentence that was never in Mastný's essay",
      "Completely unrelated context before it ",
      " and unrelated context after it.",
      "0000000000000000",
      "p9999",
      id,
    );
  } finally {
    db.close();
  }
  await page.reload();
  await openNotes(page, 2);
  const orphans = notesPanel(page, 2).getByRole("region", { name: "Notes whose passage is gone" });
  await expect(orphans.getByRole("button", { name: /A sentence that was never in Mastný's essay/ })).toBeVisible();
  await expect(orphans).toContainText("This passage will vanish.");
  expect(await paintedTexts(page)).not.toContain("A sentence that was never in Mastný's essay");
  // Its author can still read it, and delete it.
  await orphans.getByRole("button", { name: /A sentence that was never in Mastný's essay/ }).click();
  await expect(notesPanel(page, 2).getByText("This passage is no longer in the text; the quote shows what was annotated.")).toBeVisible();
  await notesPanel(page, 2).getByRole("button", { name: "Delete", exact: true }).click();
  await notesPanel(page, 2).getByRole("group", { name: "Delete this note for good?" }).getByRole("button", { name: "Delete", exact: true }).click();
  await expect(notesPanel(page, 2).getByRole("region", { name: "Notes whose passage is gone" })).toHaveCount(0);
  await page.reload();
  await openNotes(page, 2);
  await expect(notesPanel(page, 2).getByText("This passage will vanish.")).toHaveCount(0);
  await page.context().close();
});

test("an instructor hides a note: students lose it live, the instructor keeps it marked", async ({ browser }) => {
  const irene = await student(browser, "instructor@synopse.test");
  const ben = await student(browser, "student2@synopse.test");
  await ben.page.goto(readerUrl(ben.seminar));
  const blockId = await blockIdOf(ben.page, 2, "THE FEAR THAT Moscow");
  const created = await ben.page.request.post(`/api/seminars/${ben.seminar}/annotations`, {
    data: { target: { documentSlug: MASTNY, blockId, blockStart: 9, blockEnd: 13 }, body: "<p>An off-topic remark to be moderated.</p>" },
  });
  expect(created.status()).toBe(201);
  const anna = await student(browser, "student1@synopse.test");
  await anna.page.goto(readerUrl(anna.seminar));
  await openNotes(anna.page, 2);
  await expect(notesPanel(anna.page, 2).getByRole("button", { name: /An off-topic remark/ })).toBeVisible();

  await irene.page.goto(readerUrl(irene.seminar));
  await openNotes(irene.page, 2);
  await notesPanel(irene.page, 2)
    .getByRole("button", { name: /An off-topic remark/ })
    .click();
  await notesPanel(irene.page, 2).getByRole("button", { name: "Hide from students" }).click();
  await expect(notesPanel(irene.page, 2).getByText("Hidden from students", { exact: true })).toBeVisible();
  // Anna did not reload.
  await expect(notesPanel(anna.page, 2).getByRole("button", { name: /An off-topic remark/ })).toHaveCount(0, { timeout: 8000 });
  await notesPanel(irene.page, 2).getByRole("button", { name: "Show to students again" }).click();
  await expect(notesPanel(anna.page, 2).getByRole("button", { name: /An off-topic remark/ })).toBeVisible({ timeout: 8000 });
  for (const p of [irene, ben, anna]) await p.page.context().close();
});

test("signed out, the reader invites to sign in and shows no notes", async ({ page }) => {
  await page.goto(`/en/read?p=${FORUM},${MASTNY}`);
  const link = page.getByRole("link", { name: "Sign in to annotate" }).first();
  await expect(link).toBeVisible();
  expect(await link.getAttribute("href")).toContain("/en/sign-in?next=");
  expect(await paintedTexts(page)).toEqual([]);
});

/**
 * Issue 17, items 9 and 14: a note keeps what was written. A `javascript:` address typed into the link field
 * is refused with a visible reason (no silent drop); a real citation link and a numbered list are saved and
 * come out of the Markdown report as a link and a list; a reply to a reply quotes what it answers.
 */
test("a citation link and a list survive into the report; a script address is refused with a reason; a reply to a reply quotes it", async ({ browser }) => {
  test.setTimeout(120_000);
  const anna = await student(browser, "student1@synopse.test");
  const { page } = anna;
  await page.goto(readerUrl(anna.seminar));
  // As a person would: the seminar's notes are in the page before text is selected for a new one.
  await expect(page.getByText(/Notes of the seminar/)).toBeVisible();
  await dragSelect(page, 2, "The possibility never materialized");
  await page.getByRole("group", { name: "Selected text" }).getByRole("button", { name: "Note", exact: true }).click();
  const editor = page.getByRole("textbox", { name: "Note text" });
  await expect(editor).toBeVisible();
  await editor.click();
  await page.keyboard.type("FRUS 1943");
  await page.keyboard.press("Control+a");
  const toolbar = page.getByRole("toolbar", { name: "Formatting" });
  await toolbar.getByRole("button", { name: "Link", exact: true }).click();
  const address = toolbar.getByRole("textbox", { name: "Link address" });
  await address.fill("javascript:alert(document.cookie)");
  await address.press("Enter");
  const refusal = toolbar.getByRole("alert");
  await expect(refusal).toHaveText(/^“javascript:” addresses are refused: a note links only to web pages \(http, https\) and e-mail addresses \(mailto\)/);
  await expect(address).toHaveAttribute("aria-invalid", "true");
  await expect(editor.locator("a")).toHaveCount(0);
  const citation = "https://history.state.gov/historicaldocuments/frus1943v03";
  await address.fill(citation);
  await expect(refusal).toHaveCount(0);
  await toolbar.getByRole("button", { name: "Apply link" }).click();
  await expect(editor.locator("a")).toHaveAttribute("href", citation);
  await editor.press("End");
  await page.keyboard.press("Enter");
  await toolbar.getByRole("button", { name: "Numbered list" }).click();
  await page.keyboard.type("first reading");
  await page.keyboard.press("Enter");
  await page.keyboard.type("second reading");
  const panel = notesPanel(page, 2);
  await panel.getByRole("button", { name: "Save note" }).click();
  await expect(panel.locator(".note-body a")).toHaveAttribute("href", citation);
  await expect(panel.locator(".note-body ol li")).toHaveText(["first reading", "second reading"]);

  // A reply, and an answer to that reply: the answer quotes what it answers.
  await panel.getByRole("button", { name: "Reply", exact: true }).click();
  await page.getByRole("textbox", { name: "Reply text" }).click();
  await page.keyboard.type("Which volume exactly?");
  await panel.getByRole("button", { name: "Send reply" }).click();
  await expect(panel.getByRole("list", { name: "1 reply" })).toBeVisible();
  await panel.getByRole("button", { name: "Answer Anna Petrova's reply" }).click();
  await page.getByRole("textbox", { name: "Your answer to Anna Petrova" }).click();
  await page.keyboard.type("Volume III, pages 696 to 700.");
  await panel.getByRole("button", { name: "Send reply" }).click();
  const answer = panel.getByRole("listitem").filter({ hasText: "Volume III, pages 696 to 700." });
  await expect(answer.locator("figure")).toHaveText("In reply to Anna Petrova:Which volume exactly?");
  expect((await new AxeBuilder({ page }).include("#pane2-notes").analyze()).violations).toEqual([]);

  // The seminar's Markdown report keeps the link and the list.
  await page.goto(`/en/seminars/${anna.seminar}`);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Report (Markdown) – All annotations in this seminar" }).click();
  const report = await (await import("node:fs/promises")).readFile((await (await download).path())!, "utf8");
  expect(report).toContain(`[FRUS 1943](${citation})`);
  expect(report).toMatch(/\n {2}1\. first reading\n {2}2\. second reading\n/);
  expect(report).toContain("Volume III, pages 696 to 700.");
  await page.context().close();
});

test("a link to a note (as the notifications make) opens its thread once the member's notes have streamed in", async ({ browser }) => {
  const anna = await student(browser, "student1@synopse.test");
  await anna.page.goto(readerUrl(anna.seminar));
  const blockId = await blockIdOf(anna.page, 2, "THE FEAR THAT Moscow");
  const created = await anna.page.request.post(`/api/seminars/${anna.seminar}/annotations`, {
    data: { target: { documentSlug: MASTNY, blockId, blockStart: 4, blockEnd: 8 }, body: "<p>A note a notification leads to.</p>" },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await anna.page.context().close();

  // A classmate follows the link in a fresh tab: the text comes first, then the notes, then the thread opens.
  const ben = await student(browser, "student2@synopse.test");
  await ben.page.goto(`${readerUrl(ben.seminar)}#note-${id}`);
  const panel = notesPanel(ben.page, 2);
  await expect(panel).toBeVisible();
  await expect(panel.locator(".note-body").first()).toHaveText("A note a notification leads to.");
  await ben.page.context().close();
});
