import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { dragSelect, openAs, saveSessions, type SavedSession } from "./support/people";
import { SAMPLE_TEI } from "../lib/content/testing/tei-sample";
import { teiVolume } from "../lib/content/testing/tei-volume";

/**
 * Teaching journeys, as an instructor and as students: uploading a text (TEI) with a preview and errors that
 * name the line; notifications (new document, replies, mentions) with a badge and a list that marks read;
 * "post first" enforced by the server; private feedback between an instructor and one student; the
 * instructor's overview with charts, open questions and a CSV export; a whole volume imported and read.
 * The journeys run in order on one seminar of their own (the demo seminar stays untouched for the others).
 */

const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ mode: "serial" });

const INSTRUCTOR = "instructor@synopse.test";
const ANNA = "student1@synopse.test"; // Anna Petrova
const BEN = "student2@synopse.test"; // Ben Fischer
let sessions = new Map<string, SavedSession>();
let seminar = "";
let seminarTitle = "";
let slug = "";

const as = (browser: Browser, email: string): Promise<Page> => openAs(browser, sessions.get(email)!);

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  sessions = await saveSessions(browser, [INSTRUCTOR, ANNA, BEN], "teaching");
  const page = await as(browser, INSTRUCTOR);
  seminarTitle = `Teaching ${Date.now()}`;
  const created = await page.request.post("/api/seminars", { data: { title: seminarTitle, documents: [] } });
  expect(created.status()).toBe(201);
  const { id, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
  seminar = id;
  for (const email of [ANNA, BEN]) {
    const student = await as(browser, email);
    expect((await student.request.post(`/api/join/${inviteCode}`)).ok()).toBe(true);
    await student.context().close();
  }
  await page.context().close();
});

test("instructor: uploads a TEI text, sees errors with their line, previews the structure, publishes", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await as(browser, INSTRUCTOR);
  await page.goto(`/en/seminars/${seminar}`);
  await page.getByRole("link", { name: "Upload a text" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Upload a text to “${seminarTitle}”` })).toBeVisible();

  // A malformed file: the error names the line, and nothing is imported.
  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "broken.xml", mimeType: "application/xml", buffer: Buffer.from(SAMPLE_TEI.replace("<lb/>", "<lb>")) });
  await page.getByRole("button", { name: "Check the file" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The file cannot be imported" });
  await expect(alert).toContainText("Line 21:");
  await expect(alert).toContainText("Nothing was imported.");

  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "briefe.xml", mimeType: "application/xml", buffer: Buffer.from(SAMPLE_TEI) });
  await page.getByRole("button", { name: "Check the file" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview).toBeVisible();
  await expect(preview.getByText("Briefe aus Moskau")).toBeVisible();
  await expect(preview.getByText("Anna Beispiel")).toBeVisible();
  await expect(preview.getByRole("row", { name: "Footnotes 2" })).toBeVisible();
  await expect(preview.getByText("2 footnotes, 2 linked to their markers.")).toBeVisible();
  await expect(preview.getByRole("listitem").filter({ hasText: "Nachschrift" })).toBeVisible();
  // Kind, date and source, as the file's header gives them (issue 17, item 10).
  const field = (name: string) => preview.locator("dt", { hasText: new RegExp(`^${name}$`) }).locator("xpath=following-sibling::dd[1]");
  await expect(field("Kind")).toHaveText("Essay");
  await expect(field("Date")).toHaveText("February 1933");
  await expect(field("Source")).toHaveText("Privatarchiv, Kasten 4");
  slug = (await preview.locator("code").innerText()).trim();
  // The page's buttons look like the rest of the app's (the seminar page's Import button).
  const look = (button: import("@playwright/test").Locator) =>
    button.evaluate((el) => {
      const s = getComputedStyle(el);
      return [s.backgroundColor, s.color, s.borderRadius, s.paddingLeft];
    });
  const uploadLook = await look(page.getByRole("button", { name: "Check the file" }));
  expect(uploadLook).toEqual(await look(preview.getByRole("button", { name: "Publish in the seminar" })));

  await preview.getByRole("button", { name: "Publish in the seminar" }).click();
  await expect(page.getByRole("status").filter({ hasText: "“Briefe aus Moskau” is now part of the seminar." })).toBeVisible();
  await page.getByRole("link", { name: "Read it now" }).click();
  await expect(page.getByRole("heading", { name: "Erster Brief" })).toBeVisible();
  await expect(page.getByText("Zeile eins")).toBeVisible();
  // A block quote in an edition is a quotation, not a forum quote "from outside this thread".
  await expect(page.getByText("Erster zitierter Absatz.")).toBeVisible();
  await expect(page.getByText("Quoted from outside this thread")).toHaveCount(0);
  await page.goto(`/en/seminars/${seminar}`);
  expect(await look(page.getByRole("button", { name: "Import", exact: true }))).toEqual(uploadLook);
  await page.context().close();
});

test("student: is told about the new text; opening the list changes nothing, “Mark as read” marks what it showed", async ({ browser }) => {
  const page = await as(browser, ANNA);
  await page.goto("/en/seminars");
  const badge = page.getByRole("link", { name: /^Notifications \(\d+ unread\)$/ });
  await expect(badge).toBeVisible();
  await badge.click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page.getByRole("link", { name: `Irene Lehmann added “Briefe aus Moskau” to ${seminarTitle}` })).toBeVisible();
  // Looking is not reading them all: a reload (a GET) leaves them unread.
  await page.reload();
  await expect(page.getByRole("link", { name: /^Notifications \(\d+ unread\)$/ })).toBeVisible();
  await page.getByRole("button", { name: "Mark as read" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Marked as read." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
  await expect(page.locator(".notification-new")).toHaveCount(0);
  await page.context().close();
});

test("post first: a student sees classmates' notes only after writing one, the moment it is written; the server enforces it", async ({ browser }) => {
  test.setTimeout(120_000);
  const teacher = await as(browser, INSTRUCTOR);
  await teacher.goto(`/en/seminars/${seminar}/settings`);
  await teacher.getByLabel("Notes required in every document").fill("1");
  await teacher.getByRole("button", { name: "Save post-first settings" }).click();
  await expect(teacher.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  const ben = await as(browser, BEN);
  const note = (p: Page, blockId: string, text: string, extra: Record<string, unknown> = {}) =>
    p.request.post(`/api/seminars/${seminar}/annotations`, {
      data: { target: { documentSlug: slug, blockId, blockStart: 0, blockEnd: 6 }, body: text, ...extra },
    });
  const bens = await note(ben, "p1", "Ben's reading: the letter is ironic.");
  expect(bens.status()).toBe(201);
  const bensId = ((await bens.json()) as { id: string }).id;

  const anna = await as(browser, ANNA);
  await anna.goto(`/en/read?p=${slug}&seminar=${seminar}`);
  await expect(
    anna.getByRole("note").filter({ hasText: "1 note by your classmates is waiting. Write 1 more note to see your classmates' notes." }),
  ).toBeVisible();
  // The notes panel does not pretend the text has none: it says they are waiting.
  await anna
    .locator("#pane1-panel")
    .getByRole("button", { name: /^Notes/ })
    .click();
  const panel = anna.getByRole("complementary", { name: "Notes on pane 1" });
  await expect(panel.getByText("1 note by your classmates is waiting.")).toBeVisible();
  await expect(panel.getByText("No notes on this text yet")).toHaveCount(0);
  // A forged request does not help: the server leaves Ben's note out, and will not show it by id.
  const list = (await (await anna.request.get(`/api/seminars/${seminar}/annotations?document=${slug}`)).json()) as { annotations: Array<{ id: string }> };
  expect(list.annotations.map((a) => a.id)).not.toContain(bensId);
  expect((await anna.request.get(`/api/annotations/${bensId}`)).status()).toBe(404);

  // Anna writes her note in the reader: the text opens at once, no reload.
  expect(await dragSelect(anna, 1, "Zeile eins")).toContain("Zeile eins");
  await anna.getByRole("group", { name: "Selected text" }).getByRole("button", { name: "Note", exact: true }).click();
  const editor = anna.getByRole("textbox", { name: "Note text" });
  await editor.click();
  await anna.keyboard.type("My own note on the lines.");
  await panel.getByRole("button", { name: "Save note" }).click();
  await expect(panel.getByRole("heading", { name: "Note by Anna Petrova" })).toBeVisible();
  await expect(anna.getByText("Write 1 more note")).toHaveCount(0);
  await expect(anna.getByRole("status").filter({ hasText: "Your classmates' notes on this text are now shown." })).toBeAttached();
  await panel.getByRole("button", { name: "All notes" }).click();
  await expect(panel.getByRole("button", { name: /Ben's reading: the letter is ironic\./ })).toBeVisible();
  // …and from now on they arrive live.
  const again = await note(ben, "p1", "Ben again: read the postscript.");
  expect(again.status()).toBe(201);
  await expect(panel.getByRole("button", { name: /Ben again: read the postscript\./ })).toBeVisible();
  // (taken back, so the overview journey below counts Ben's notes as before)
  expect((await ben.request.delete(`/api/annotations/${((await again.json()) as { id: string }).id}`)).ok()).toBe(true);
  const after = (await (await anna.request.get(`/api/seminars/${seminar}/annotations?document=${slug}`)).json()) as { annotations: Array<{ id: string }> };
  expect(after.annotations.map((a) => a.id)).toContain(bensId);

  await teacher.getByLabel("Notes required in every document").fill("0");
  await teacher.getByRole("button", { name: "Save post-first settings" }).click();
  await expect(teacher.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  for (const p of [teacher, ben, anna]) await p.context().close();
});

test("private feedback: the instructor writes to one student; the other student never sees it; the reply reaches the instructor", async ({ browser }) => {
  test.setTimeout(120_000);
  const teacher = await as(browser, INSTRUCTOR);
  await teacher.goto(`/en/read?p=${slug}&seminar=${seminar}`);
  await expect(teacher.getByRole("heading", { name: "Erster Brief" })).toBeVisible();
  await teacher.evaluate(() => {
    const root = document.querySelector("#pane1-panel [data-doc-root]")!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.nodeValue!.indexOf("Wir warten");
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + "Wir warten".length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      return;
    }
  });
  await teacher.getByRole("group", { name: "Selected text" }).getByRole("button", { name: "Note", exact: true }).click();
  const editor = teacher.getByRole("textbox", { name: "Note text" });
  await editor.click();
  await teacher.keyboard.type("Anna, look again at the tone here.");
  await teacher.getByLabel("Who can see this").selectOption({ label: "Feedback to Anna Petrova" });
  await expect(teacher.getByText("Only you and the person you choose will see this note and its replies.")).toBeVisible();
  await teacher.getByRole("button", { name: "Save note" }).click();
  await expect(teacher.getByText("Anna, look again at the tone here.").first()).toBeVisible();
  // Who can read it, in the thread: the feedback's recipient by name, not a bare "Private".
  await expect(teacher.getByText("Feedback to Anna Petrova").first()).toBeVisible();

  const texts = async (email: string) => {
    const p = await as(browser, email);
    const body = (await (await p.request.get(`/api/seminars/${seminar}/annotations?document=${slug}`)).json()) as {
      annotations: Array<{ id: string; bodyText: string; visibility: string }>;
    };
    return { p, notes: body.annotations };
  };
  const anna = await texts(ANNA);
  const feedback = anna.notes.find((a) => a.bodyText === "Anna, look again at the tone here.");
  expect(feedback?.visibility).toBe("feedback");
  const ben = await texts(BEN);
  expect(ben.notes.some((a) => a.bodyText.includes("look again"))).toBe(false);
  expect((await ben.p.request.get(`/api/annotations/${feedback!.id}`)).status()).toBe(404);
  expect((await ben.p.request.post(`/api/seminars/${seminar}/annotations`, { data: { parentId: feedback!.id, body: "me too" } })).status()).toBe(400);

  // Anna reads it as feedback from her instructor.
  await anna.p.goto(teacher.url());
  const annasNotes = anna.p.locator("#pane1-panel").getByRole("button", { name: /^Notes/ });
  if ((await annasNotes.getAttribute("aria-expanded")) !== "true") await annasNotes.click();
  await expect(anna.p.getByRole("complementary", { name: "Notes on pane 1" }).getByText("Feedback from Irene Lehmann")).toBeVisible();

  const reply = await anna.p.request.post(`/api/seminars/${seminar}/annotations`, { data: { parentId: feedback!.id, body: "Thank you, I will." } });
  expect(reply.status()).toBe(201);
  expect(((await reply.json()) as { visibility: string }).visibility).toBe("feedback");
  await teacher.goto("/en/notifications");
  await expect(teacher.getByRole("link", { name: `Anna Petrova replied to your note in ${seminarTitle}` })).toBeVisible();
  for (const p of [teacher, anna.p, ben.p]) await p.context().close();
});

test("overview: the instructor sees activity charts with tables, where discussion concentrates, open questions, and a CSV", async ({ browser }) => {
  test.setTimeout(120_000);
  const ben = await as(browser, BEN);
  const asked = await ben.request.post(`/api/seminars/${seminar}/annotations`, {
    data: { target: { documentSlug: slug, blockId: "p3", blockStart: 0, blockEnd: 3 }, body: "Who wrote the postscript? @Irene Lehmann" },
  });
  expect(asked.status()).toBe(201);
  // a student has no overview
  expect((await ben.request.get(`/api/seminars/${seminar}/overview`)).status()).toBe(403);
  await ben.goto(`/en/seminars/${seminar}/overview`);
  await expect(ben.getByRole("heading", { level: 1, name: /not found/i })).toBeVisible();

  const teacher = await as(browser, INSTRUCTOR);
  await teacher.goto(`/en/seminars/${seminar}`);
  await teacher.getByRole("link", { name: "Overview", exact: true }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: `Overview: ${seminarTitle}` })).toBeVisible();
  await expect(teacher.getByRole("img", { name: /^Words written per week by Ben Fischer/ })).toBeVisible();
  const table = teacher.getByRole("table", { name: "Activity per member and week" });
  await expect(table.getByRole("row", { name: /^Ben Fischer 2 0 0 \d+/ })).toBeVisible();
  await expect(teacher.getByRole("img", { name: /^Discussion along “Briefe aus Moskau”: \d+ notes and replies$/ })).toBeVisible();
  const questions = teacher.getByRole("region", { name: "Open questions" });
  await expect(questions.getByText("Who wrote the postscript? @Irene Lehmann")).toBeVisible();
  const csv = await teacher.request.get(`/api/seminars/${seminar}/overview?format=csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).replace(/^\ufeff/, "").split("\r\n");
  expect(lines[0]).toBe("member,role,week,notes,replies,links,words");
  expect(lines.some((l) => /^Ben Fischer,student,total,2,0,0,\d+$/.test(l))).toBe(true);

  // the mention reached the instructor
  await teacher.goto("/en/notifications");
  await expect(teacher.getByRole("link", { name: `Ben Fischer mentioned you in ${seminarTitle}` })).toBeVisible();

  // the heat strip beside the pane jumps to where the notes are
  await teacher.goto(`/en/read?p=${slug}&seminar=${seminar}`);
  const strip = teacher.getByRole("group", { name: "Where notes concentrate in this document" });
  await expect(strip).toBeVisible();
  await strip
    .getByRole("button", { name: /notes and replies|note or reply/ })
    .first()
    .click();
  for (const p of [teacher, ben]) await p.context().close();
});

let volumeSlug = "";

test("a whole volume (about 5 MB of TEI) imports in one go", async ({ browser }) => {
  test.setTimeout(300_000);
  const teacher = await as(browser, INSTRUCTOR);
  const volume = Buffer.from(teiVolume(5_000_000));
  const t0 = Date.now();
  const preview = await teacher.request.post(`/api/seminars/${seminar}/uploads?name=band.xml&slug=gesammelte-briefe-${Date.now()}`, {
    data: volume,
    headers: { "Content-Type": "application/xml" },
    timeout: 240_000,
  });
  expect(preview.status()).toBe(200);
  const p = (await preview.json()) as { token: string; slug: string; blocks: number; footnotes: { total: number; linked: number } };
  const cleaned = Date.now() - t0;
  expect(p.footnotes.total).toBeGreaterThan(5000);
  expect(p.footnotes.total).toBe(p.footnotes.linked);
  const published = await teacher.request.post(`/api/seminars/${seminar}/uploads/publish`, { data: { token: p.token }, timeout: 60_000 });
  expect(published.status()).toBe(201);
  const imported = Date.now() - t0;
  // Speed is measured by `npm run bench` (bench/volume.ts), never asserted here.
  console.log(
    `[teaching] volume ${(volume.length / 1e6).toFixed(1)} MB, ${p.blocks} blocks: previewed (cleaned) in ${cleaned} ms, published in ${imported} ms`,
  );
  volumeSlug = p.slug;
  await teacher.context().close();
});

// A whole volume is read in parts (components/reader/WindowedDocument.tsx): the page brings the part a reader
// opens at, the rest comes as they scroll, follow the outline, a note or a deep link.
test("a whole volume reads smoothly in the reader", async ({ browser }) => {
  test.setTimeout(300_000);
  const teacher = await as(browser, INSTRUCTOR);
  // A note deep in the volume ("Absatz 12 im Kapitel 300"), made before the reader opens.
  const noted = await teacher.request.post(`/api/seminars/${seminar}/annotations`, {
    data: { target: { documentSlug: volumeSlug, blockId: "p3600", blockStart: 0, blockEnd: 12 }, body: "<p>Spät im Band</p>" },
  });
  expect(noted.status()).toBe(201);

  await teacher.goto(`/en/read?p=${volumeSlug}&seminar=${seminar}`, { timeout: 120_000 });
  const panel = teacher.locator("#pane1-panel");
  const pane = teacher.getByRole("region", { name: "Pane 1" });
  await expect(pane.getByRole("heading", { name: "Kapitel 1", exact: true })).toBeVisible();
  // The text keeps its language under the English interface; the way on is in the interface's.
  await expect(pane.locator("[data-doc-root]")).toHaveAttribute("lang", "de");
  const later = pane.getByRole("button", { name: /^Load later part \(2 of \d+\)$/ });
  await expect(later.locator("xpath=ancestor-or-self::*[@lang][1]")).toHaveAttribute("lang", "en");
  // Not the whole volume at once: the last chapters are not in the page yet.
  await expect(teacher.getByRole("heading", { name: "Kapitel 1100", exact: true })).toHaveCount(0);

  // Scrolling to the end of what is there brings the next part, right below.
  const chapters = pane.getByRole("heading", { name: /^Kapitel \d+$/ });
  const lastShown = Number((await chapters.last().textContent())!.replace("Kapitel ", ""));
  await pane.focus();
  await teacher.keyboard.press("End");
  await expect(pane.getByRole("heading", { name: `Kapitel ${lastShown + 1}`, exact: true })).toBeInViewport();

  // The outline lists every chapter; a late one is loaded and shown.
  await panel.getByText("Outline", { exact: true }).click();
  await teacher.getByRole("navigation", { name: "Outline of pane 1" }).getByRole("link", { name: "Kapitel 1100", exact: true }).click();
  const late = pane.getByRole("heading", { name: "Kapitel 1100", exact: true });
  await expect(late).toBeInViewport();
  await expect(late).toBeFocused();
  await panel.getByText("Outline", { exact: true }).click();

  // The notes list has the note though its part is not loaded; choosing it goes there, painted and marked.
  // (A page break inside a paragraph shows its number first: the "⁋ 900" of a TEI <pb/>, lib/reader/html.ts.)
  await expect(pane.getByText(/^\d*Absatz 12 im Kapitel 300:/)).toHaveCount(0);
  await panel.getByRole("button", { name: /^Notes/ }).click();
  await teacher
    .getByRole("complementary", { name: "Notes on pane 1" })
    .getByRole("button", { name: /Spät im Band/ })
    .click();
  await expect(pane.getByText(/^\d*Absatz 12 im Kapitel 300:/)).toBeInViewport();
  await expect(pane.getByRole("button", { name: /^1 note on this passage/ })).toBeVisible();

  // A deep link into the middle of the volume opens there, the passage marked.
  await teacher.goto(`/en/read?p=${volumeSlug}&b=p7195&seminar=${seminar}`, { timeout: 120_000 });
  const passage = pane.getByText(/^\d*Absatz 7 im Kapitel 600:/);
  await expect(passage).toBeInViewport();
  await expect(passage).toHaveAttribute("data-deep-link", /.*/);
  // From there, the part before it (keyboard: the button, then reading on at that part's start).
  await pane.getByRole("button", { name: /^Load earlier part \(\d+ of \d+\)$/ }).click();
  const focused = teacher.locator(":focus");
  await expect(focused).toHaveText(/^Kapitel \d+$/);
  const chapter = (await focused.textContent())!;
  expect(Number(chapter.replace("Kapitel ", ""))).toBeLessThan(600);

  // Switching the interface to German keeps the reader at that chapter (another part than the link's).
  await teacher.getByRole("navigation", { name: "Interface language" }).getByRole("link", { name: "Deutsch" }).click();
  await expect(teacher.locator("html")).toHaveAttribute("lang", "de");
  await expect(panel.getByRole("heading", { name: chapter, exact: true })).toBeInViewport();
  await expect(panel.getByRole("button", { name: /^Nächsten Teil laden|^Vorherigen Teil laden/ }).first()).toBeAttached();

  // The page sends the part it opens with once (not again in its script payload): a volume that moves to another
  // pane without a page load (the pane to its left closed) has no server HTML there, and fetches that part.
  await teacher.goto(`/en/read?p=mastny-separate-peace,${volumeSlug}&seminar=${seminar}`, { timeout: 120_000 });
  const second = teacher.getByRole("region", { name: "Pane 2" });
  await expect(second.getByRole("heading", { name: "Kapitel 1", exact: true })).toBeVisible();
  await teacher.getByRole("button", { name: "Close pane 1" }).click();
  await expect(teacher).toHaveURL(new RegExp(`p=${volumeSlug}(&|$)`));
  await expect(pane.getByRole("heading", { name: "Kapitel 1", exact: true })).toBeVisible();
  await expect(pane.getByRole("button", { name: /^Load later part \(2 of \d+\)$/ })).toBeVisible();
  await teacher.context().close();
});

// A note cited twice, near the start and at the end of a text read in parts: its text travels with the part of
// its first marker, so from the last part (the first one not loaded) it is read from the part that holds it.
test("a footnote cited in two parts of a long text opens from either marker", async ({ browser }) => {
  test.setTimeout(120_000);
  const teacher = await as(browser, INSTRUCTOR);
  const NOTE = "Politisches Archiv des Auswärtigen Amts, Handakten Ribbentrop, Band 7.";
  const paragraphs = Array.from(
    { length: 4000 },
    (_, i) => `Absatz ${i + 1}: Die Verhandlungen zogen sich hin, und niemand wusste, wann der Frieden kommen würde.`,
  );
  const markdown = [
    "---",
    "title: Akten mit Rückverweis",
    "lang: de",
    "kind: article",
    "source: Synthetischer Text für Tests",
    "---",
    "",
    "Die erste Erwähnung der Handakten.[^akten]",
    "",
    paragraphs.join("\n\n"),
    "",
    "Die letzte Erwähnung derselben Handakten.[^akten]",
    "",
    `[^akten]: ${NOTE}`,
    "",
  ].join("\n");
  const preview = await teacher.request.post(`/api/seminars/${seminar}/uploads?name=akten.md&slug=akten-rueckverweis-${Date.now()}`, {
    data: Buffer.from(markdown),
    headers: { "Content-Type": "text/markdown" },
    timeout: 60_000,
  });
  expect(preview.status()).toBe(200);
  const { token, slug: akten } = (await preview.json()) as { token: string; slug: string };
  expect((await teacher.request.post(`/api/seminars/${seminar}/uploads/publish`, { data: { token } })).status()).toBe(201);

  // A deep link to the last paragraph (p1 is the first mention, p2…p4001 the filler) opens the last part; the
  // first part, which holds the note's text, is not loaded.
  await teacher.goto(`/en/read?p=${akten}&b=p4002&seminar=${seminar}`);
  const pane = teacher.getByRole("region", { name: "Pane 1" });
  const closing = pane.getByText("Die letzte Erwähnung derselben Handakten.");
  await expect(closing).toBeInViewport();
  await expect(pane.getByText("Die erste Erwähnung der Handakten.")).toHaveCount(0);

  // Its marker opens the note in place, the text read from the first part (which stays unloaded); Escape leads back.
  const marker = closing.getByRole("button", { name: /^Footnote / });
  await marker.click();
  const note = teacher.getByRole("dialog", { name: /^Footnote / });
  await expect(note).toContainText(NOTE);
  await expect(pane.getByText("Die erste Erwähnung der Handakten.")).toHaveCount(0);
  await teacher.keyboard.press("Escape");
  await expect(marker).toBeFocused();
  await teacher.context().close();
});
