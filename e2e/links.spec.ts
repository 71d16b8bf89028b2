import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_SEMINAR, openAs, saveSessions, selectText, type SavedSession } from "./support/people";

/**
 * Linking passages across documents and languages, as a student does it: select a passage in the forum,
 * "Link…", select one in Mastný, choose a relation, save; markers at both ends and a connector; activating
 * a marker takes the other pane there; suggestions for a forum passage propose Mastný with the reason shown;
 * accepting links at once, dismissing is remembered; the seminar's links overview opens both passages; bad
 * input gets a translated answer; a link is discussed in the reader where it is read, replies arriving live.
 * Elements are found by role and localized name.
 */
const expect = baseExpect.configure({ timeout: 15_000 });

const FORUM = "forum-separatfrieden-1941-43";
const MASTNY = "mastny-separate-peace";
const MASTNY_TITLE = "Stalin and the Prospects of a Separate Peace in World War II";
const FORUM_TITLE = "Separatfrieden zwischen Stalin und Hitler zwischen 41 und 43";
const SEMINAR_TITLE = DEMO_SEMINAR;
const FORUM_QUOTE = "Semjonow wird als Deutschlandexperte";
const MASTNY_QUOTE = "Vladimir S. Semyonov, a specialist in German affairs";
const FORUM_ITEM = "Semjonow wird als Deutschlandexperte in das Ressort „Verhandlungen mit den Deutschen“ an die sowjetische Botschaft nach Stockholm versetzt";

let sessions = new Map<string, SavedSession>();
let seminar = "";

test.beforeAll(async ({ browser }) => {
  // Sign-in is rate-limited: sign in once and reuse the session.
  sessions = await saveSessions(browser, ["student1@synopse.test", "student2@synopse.test", "instructor@synopse.test"], "e2e-links");
  seminar = sessions.get("student1@synopse.test")!.seminar;
});

const student = (browser: Browser, locale = "en-US"): Promise<Page> => openAs(browser, sessions.get("student1@synopse.test")!, locale);

/** How far below the top of pane n's visible area `text` is, in pixels. */
async function quoteOffset(page: Page, n: number, text: string): Promise<number> {
  return page.evaluate(
    ({ n, text }) => {
      const scroller = document.querySelector(`#pane${n}-panel [data-pane-scroller]`)!;
      const walker = document.createTreeWalker(scroller.querySelector("[data-doc-root]")!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.nodeValue!.indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        return range.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
      }
      throw new Error(`text not found: ${text}`);
    },
    { n, text },
  );
}

/** The block element (paragraph, post…) in pane n holding `text`. */
const blockWith = (page: Page, n: number, text: string) => page.locator(`#pane${n}-panel [data-block-id]`).filter({ hasText: text }).last();

async function openReader(page: Page, slugs = `${FORUM},${MASTNY}`, locale = "en"): Promise<void> {
  await page.goto(`/${locale}/read?p=${slugs}&seminar=${seminar}`);
  await expect(page.locator("#pane1-panel [data-doc-root]")).toBeVisible();
}

test("link a forum passage to Mastný: markers at both ends, connector, the marker takes the other pane there", async ({ browser }) => {
  const page = await student(browser);
  await openReader(page);

  await selectText(page, 1, FORUM_QUOTE);
  await page.getByRole("button", { name: "Link…", exact: true }).click();
  const banner = page.getByRole("region", { name: "New link" });
  await expect(banner).toContainText(`Linking from “${FORUM_QUOTE}”`);

  await selectText(page, 2, MASTNY_QUOTE);
  await page.getByRole("button", { name: "Link here" }).click();
  const dialog = page.getByRole("dialog", { name: "New link" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(FORUM_QUOTE);
  await expect(dialog).toContainText(MASTNY_QUOTE);
  await dialog.getByLabel("Relation").selectOption("supports");
  await dialog.getByLabel("Note (optional)").fill("Both name Semjonow/Semyonov in Stockholm.");
  await dialog.getByRole("button", { name: "Save link" }).click();
  await expect(dialog).toBeHidden();
  await expect(banner).toBeHidden();

  // A marker at each end, named after the other end.
  const forumMarker = page.locator("#pane1-panel").getByRole("button", { name: /^supports: “Vladimir S\. Semyonov/ });
  const mastnyMarker = page.locator("#pane2-panel").getByRole("button", { name: /^supports: “Semjonow wird als Deutschlandexperte” in Separatfrieden/ });
  await expect(forumMarker).toBeVisible();
  await expect(mastnyMarker).toBeAttached();

  // Both ends in view: a connector between the panes.
  await selectText(page, 2, MASTNY_QUOTE);
  await selectText(page, 1, FORUM_QUOTE);
  await page.evaluate(() => window.getSelection()?.removeAllRanges());
  await expect(page.locator(".link-connectors path").first()).toBeAttached();

  // Scroll Mastný away, then activate the forum end's marker: the Mastný pane comes back to the passage.
  await page.locator("#pane2-panel [data-pane-scroller]").evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(blockWith(page, 2, MASTNY_QUOTE)).not.toBeInViewport();
  await forumMarker.focus();
  await page.keyboard.press("Enter");
  await expect(blockWith(page, 2, MASTNY_QUOTE)).toBeInViewport();
  // Hovering/focusing one end highlights the other (CSS Custom Highlight "link-peer").
  const peer = await page.evaluate(() => [...((CSS.highlights.get("link-peer") as unknown as Iterable<Range>) ?? [])].map((r) => r.toString()));
  expect(peer.join(" ")).toContain("Semyonov");

  // Synchronized scrolling: scrolling the forum brings Mastný's end of the link level with the forum's.
  await page.getByLabel("Synchronized scrolling").check();
  await page.locator("#pane2-panel [data-pane-scroller]").evaluate((el) => (el.scrollTop = 0));
  await page.locator("#pane1-panel [data-pane-scroller]").hover();
  await page.mouse.wheel(0, (await quoteOffset(page, 1, FORUM_QUOTE)) - 250);
  await expect.poll(async () => Math.abs((await quoteOffset(page, 1, FORUM_QUOTE)) - (await quoteOffset(page, 2, "Vladimir S. Semyonov")))).toBeLessThan(8);
  await page.context().close();
});

test("activating a link end whose document is not open opens it in a new pane", async ({ browser }) => {
  const page = await student(browser);
  await openReader(page, FORUM);
  const marker = page.locator("#pane1-panel").getByRole("button", { name: /^supports: “Vladimir S\. Semyonov.*opens the document in a new pane/ });
  await marker.click();
  await expect(page).toHaveURL(new RegExp(`p=${FORUM},${MASTNY}`));
  await expect(blockWith(page, 2, MASTNY_QUOTE)).toBeInViewport();
  await page.context().close();
});

test("suggestions: a Mastný candidate with its reason; accept links at once; dismiss is remembered", async ({ browser }) => {
  const page = await student(browser);
  await openReader(page);
  await selectText(page, 1, FORUM_ITEM);
  await page.getByRole("button", { name: "Suggest links" }).click();
  const panel = page.getByRole("complementary", { name: "Suggested passages" });
  await expect(panel.getByRole("listitem", { name: MASTNY_TITLE }).first()).toBeVisible();
  const candidates = panel.getByRole("listitem", { name: MASTNY_TITLE });
  const first = candidates.first();
  const reasons = first.getByRole("list", { name: "Why this passage" });
  // A listed person ("Person") when the seminar has a name list, else a name met by its spelling ("Name").
  await expect(reasons).toContainText(/(Person|Name)\s+Semjonow → Semyonov/);
  await expect(reasons).toContainText(/Glossary\s+Botschaft → legation/);

  // Accept the first Mastný candidate not linked yet (an earlier journey may have linked the best one: it is
  // shown as linked, with no button): one action, a link with the default relation.
  const linkButton = { name: `Link to this passage in ${MASTNY_TITLE} as “context”` };
  const unlinked = candidates.filter({ has: page.getByRole("button", linkButton) }).first();
  const before = await page.locator("#pane1-panel .link-marker").count();
  const acceptedText = await unlinked.locator("blockquote").innerText();
  await unlinked.getByRole("button", linkButton).click();
  await expect(page.locator("#pane1-panel .link-marker")).toHaveCount(before + 1);
  await expect(panel.locator("blockquote", { hasText: acceptedText })).toHaveCount(0);

  // Dismiss the next candidate (whatever its document); it stays dismissed after a reload.
  const next = panel.getByRole("listitem").first();
  const dismissedText = await next.locator("blockquote").innerText();
  await next.getByRole("button", { name: /^Dismiss the suggestion from / }).click();
  await expect(panel.locator("blockquote", { hasText: dismissedText })).toHaveCount(0);

  await page.reload();
  await expect(page.locator("#pane1-panel [data-doc-root]")).toBeVisible();
  await selectText(page, 1, FORUM_ITEM);
  await page.getByRole("button", { name: "Suggest links" }).click();
  await expect(panel.getByRole("listitem").first()).toBeVisible();
  await expect(panel.locator("blockquote", { hasText: dismissedText })).toHaveCount(0);
  await page.context().close();
});

test("a link made elsewhere appears live in an open reader, at both ends", async ({ browser }) => {
  const page = await student(browser);
  await openReader(page);
  const markers = page.locator("#pane2-panel").getByRole("button", { name: /^cites: / });
  await expect(markers).toHaveCount(0);
  // Another tab (a script, a classmate) links Mastný's first paragraph to the forum.
  const other = await student(browser);
  const forumBlock = await (async () => {
    await openReader(other);
    return blockWith(other, 1, FORUM_QUOTE).getAttribute("data-block-id");
  })();
  const created = await other.request.post(`/api/seminars/${seminar}/annotations`, {
    data: {
      motivation: "linking",
      relation: "cites",
      target: { documentSlug: MASTNY, blockId: "p1", blockStart: 0, blockEnd: 12 },
      bodyTarget: { documentSlug: FORUM, blockId: forumBlock, blockStart: 0, blockEnd: 8 },
    },
  });
  expect(created.status()).toBe(201);
  await expect(markers).toHaveCount(1);
  await expect(page.locator("#pane1-panel").getByRole("button", { name: /^cites: / })).toHaveCount(1);
  // Deleted elsewhere: gone here too.
  const link = await created.json();
  expect((await other.request.delete(`/api/annotations/${link.id}?revision=1`)).status()).toBe(204);
  await expect(markers).toHaveCount(0);
  await other.context().close();
  await page.context().close();
});

test("the links overview lists the link by document pair and opens both passages", async ({ browser }) => {
  const page = await student(browser);
  await page.goto(`/en/seminars/${seminar}`);
  await page.getByRole("link", { name: "Links", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Links in ${SEMINAR_TITLE}` })).toBeVisible();
  await page.getByRole("form", { name: "Filter links" }).getByLabel("Relation").selectOption("supports");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/relation=supports/);
  const pair = page.getByRole("region", { name: new RegExp(`${FORUM_TITLE}.*${MASTNY_TITLE}`) });
  const row = pair.getByRole("listitem").filter({ hasText: FORUM_QUOTE });
  await expect(row).toContainText("supports");
  await expect(row).toContainText(MASTNY_QUOTE);
  // A link has replies like a note.
  await row.getByLabel("Your reply").fill("Semjonow ist Semyonov: gleiche Person.");
  await row.getByRole("button", { name: "Reply" }).click();
  await expect(row.getByRole("list", { name: "Replies" })).toContainText("Semjonow ist Semyonov: gleiche Person.");
  await row.getByRole("link", { name: /^Open both passages side by side/ }).click();
  await expect(page).toHaveURL(/\/en\/read\?p=.*&b=.*&b2=/);
  await expect(blockWith(page, 1, FORUM_QUOTE)).toBeInViewport();
  await expect(blockWith(page, 2, MASTNY_QUOTE)).toBeInViewport();

  // One's own link can be reclassified or deleted from the overview, like a note.
  await page.goto(`/en/seminars/${seminar}/links?relation=context`);
  await expect(page.getByRole("status").filter({ hasText: /^1 link$/ })).toBeVisible();
  await page.getByRole("listitem").filter({ hasText: FORUM_QUOTE }).getByLabel("Relation of your link").selectOption("same-event");
  await page.getByRole("button", { name: "Change" }).click();
  await expect(page.getByText("No links match these filters.")).toBeVisible();
  await page.goto(`/en/seminars/${seminar}/links?relation=same-event`);
  await page.getByRole("button", { name: "Delete link" }).click();
  await expect(page.getByText("No links match these filters.")).toBeVisible();
  await page.context().close();
});

test("the seminar glossary: members search and sort it; the instructor edits rows in place and is told about a duplicate", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await student(browser);
  await page.goto(`/en/seminars/${seminar}`);
  await page.getByRole("link", { name: "Glossary", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Glossary of ${SEMINAR_TITLE}` })).toBeVisible();
  await expect(page.getByText("Only the seminar's instructors can change the glossary.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add entry" })).toHaveCount(0);
  // Search in any language: the Russian term finds the entry, whose German terms stand one per line.
  await page.getByLabel("Search terms in all three languages").fill("сепаратный");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText(/^1 of \d+ entries match$/)).toBeVisible();
  const german = page.getByRole("row").nth(1).getByRole("cell").first();
  await expect(german).toContainText("Separatfrieden");
  await expect(german.locator(".glossary-term")).toHaveText(["Separatfrieden", "separater Frieden", "Separatfriedensschluss", "Sonderfrieden"]);
  // Sort by English, then the other way round.
  await page.getByRole("link", { name: "Show all" }).click();
  await expect(page.getByText(/^\d+ entries$/)).toBeVisible();
  await page.getByRole("link", { name: "Sort by English" }).click();
  await expect(page).toHaveURL(/[?&]sort=en(&|$)/);
  await expect(page.getByRole("columnheader", { name: "English, sorted A to Z" })).toHaveAttribute("aria-sort", "ascending");
  const english = async () => (await page.locator("tbody tr td:nth-child(2)").allInnerTexts()).map((t) => t.split("\n")[0]).filter(Boolean);
  const ascending = await english();
  expect(ascending.length).toBeGreaterThan(5);
  expect(ascending).toEqual([...ascending].sort((x, y) => x.localeCompare(y, "en", { sensitivity: "base", numeric: true })));
  await page.getByRole("link", { name: "English, sorted A to Z" }).click();
  await expect(page).toHaveURL(/[?&]dir=desc(&|$)/);
  await expect(page.getByRole("columnheader", { name: "English, sorted Z to A" })).toHaveAttribute("aria-sort", "descending");
  expect((await english())[0]).toBe(ascending.at(-1));
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.context().close();

  const instructor = await openAs(browser, sessions.get("instructor@synopse.test")!);
  await instructor.goto(`/en/seminars/${seminar}/glossary`);
  const add = instructor.getByRole("region", { name: "New entry" });
  const longTerm = "Sowjetisch-finnischer Krieg 1939–1940 (im engeren Sinn, ohne den Fortsetzungskrieg von 1941 bis 1944)";
  await add.getByLabel("German").fill(`Winterkrieg\n${longTerm}`);
  await add.getByLabel("English").fill("Winter War");
  await add.getByLabel("Russian").fill("Зимняя война");
  await add.getByRole("button", { name: "Add entry" }).click();
  await expect(instructor.getByText("Saved.", { exact: true })).toBeVisible();

  // Found by search; every line of the long term is visible in its cell, nothing scrolled away.
  await instructor.getByLabel("Search terms in all three languages").fill("winter");
  await instructor.getByRole("button", { name: "Search", exact: true }).click();
  const cell = instructor.getByRole("textbox", { name: "German terms of Winterkrieg" });
  await expect(cell).toHaveValue(`Winterkrieg\n${longTerm}`);
  const clipped = await cell.evaluate((el) => el.scrollHeight - el.clientHeight);
  expect(clipped).toBeLessThanOrEqual(1);

  // Edit in place: the search stays, the change is saved.
  await instructor.getByRole("textbox", { name: "English terms of Winterkrieg" }).fill("Winter War\nRusso-Finnish War");
  await instructor.getByRole("button", { name: "Save Winterkrieg" }).click();
  await expect(instructor.getByText("Saved.", { exact: true })).toBeVisible();
  await expect(instructor.getByLabel("Search terms in all three languages")).toHaveValue("winter");
  await expect(instructor.getByRole("textbox", { name: "English terms of Winterkrieg" })).toHaveValue("Winter War\nRusso-Finnish War");

  // A term another entry has is refused, naming that entry; what was typed stays in the form.
  await add.getByLabel("German").fill("Sonderfrieden\nTeilfrieden");
  await add.getByLabel("English").fill("partial peace");
  await add.getByRole("button", { name: "Add entry" }).click();
  const alert = instructor.getByRole("alert").filter({ hasText: "already" });
  await expect(alert).toContainText("“Sonderfrieden” is already a German term of the entry “Separatfrieden”.");
  await expect(add.getByLabel("German")).toHaveValue("Sonderfrieden\nTeilfrieden");
  await expect(add.getByLabel("English")).toHaveValue("partial peace");
  await alert.getByRole("link", { name: "Show “Separatfrieden”" }).click();
  await expect(instructor.getByRole("textbox", { name: "German terms of Separatfrieden" })).toBeInViewport();
  expect((await new AxeBuilder({ page: instructor }).analyze()).violations).toEqual([]);

  await instructor.goto(`/en/seminars/${seminar}/glossary?q=winter`);
  await instructor.getByRole("button", { name: "Delete Winterkrieg" }).click();
  await expect(instructor.getByText("No entry matches this search.")).toBeVisible();
  await instructor.context().close();
});

test("bad input gets a clear, translated answer and stores nothing", async ({ browser }) => {
  // In the reader, in German: linking a passage to itself.
  const page = await student(browser, "de-DE");
  await openReader(page, `${FORUM},${FORUM}`, "de");
  await selectText(page, 1, FORUM_QUOTE);
  await page.getByRole("button", { name: "Verknüpfen…", exact: true }).click();
  await selectText(page, 2, FORUM_QUOTE);
  await page.getByRole("button", { name: "Hierher verknüpfen" }).click();
  const dialog = page.getByRole("dialog", { name: "Neue Verknüpfung" });
  await dialog.getByRole("button", { name: "Verknüpfung speichern" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(
    "Eine Textstelle kann nicht mit sich selbst verknüpft werden. Wählen Sie für das andere Ende eine andere Stelle.",
  );
  await page.keyboard.press("Escape");

  // Through the API (scripts): each bad link has its own code, and nothing is stored.
  const api = page.request;
  const count = async () => ((await (await api.get(`/api/seminars/${seminar}/links`)).json()).links as unknown[]).length;
  const before = await count();
  const end = (documentSlug: string, blockId: string) => ({ documentSlug, blockId, blockStart: 0, blockEnd: 5 });
  const forumBlock = await blockWith(page, 1, FORUM_QUOTE).getAttribute("data-block-id");
  const link = (data: object) =>
    api.post(`/api/seminars/${seminar}/annotations`, {
      data: { motivation: "linking", relation: "cites", target: end(FORUM, forumBlock!), bodyTarget: end(MASTNY, "p1"), ...data },
    });
  const selfLink = await link({ bodyTarget: end(FORUM, forumBlock!) });
  expect([selfLink.status(), (await selfLink.json()).code]).toEqual([400, "link-to-self"]);
  const badRelation = await link({ relation: "agrees" });
  expect([badRelation.status(), (await badRelation.json()).code]).toEqual([400, "invalid-relation"]);
  const orphaned = await link({ bodyTarget: { ...end(MASTNY, "p1"), exact: "a passage that is not there", prefix: "", suffix: "" } });
  expect([orphaned.status(), (await orphaned.json()).code]).toEqual([409, "link-end-orphaned"]);
  // A seminar of this student's own without Mastný: a link into Mastný is refused there.
  const created = await api.post("/api/seminars", { data: { title: "Nur das Forum", documents: [FORUM] } });
  expect(created.status()).toBe(201);
  const narrow = (await created.json()).id as string;
  const foreign = await api.post(`/api/seminars/${narrow}/annotations`, {
    data: { motivation: "linking", relation: "cites", target: end(FORUM, forumBlock!), bodyTarget: end(MASTNY, "p1") },
  });
  expect([foreign.status(), (await foreign.json()).code]).toEqual([403, "document-not-in-seminar"]);
  expect(await count()).toBe(before);
  await page.context().close();
});

test("a link is discussed where it is read: relation, comment, both passages, and replies that arrive live", async ({ browser }) => {
  const FORUM_KLEIST = "Peter Kleist reist im Auftrag von Ribbentrop nach Stockholm";
  const MASTNY_KLEIST = "Thriving on excitement and lucrative connections";
  const COMMENT = "Das Forum nimmt Kleists Bericht als Tatsache; Mastný hält ihn für unbestätigt.";
  const REPLY = "Mastný stützt sich nur auf Kleists Memoiren, das Forum auf Martin.";
  const discussion = (page: Page, n: number, otherQuote: string) =>
    page.locator(`#pane${n}-panel`).getByRole("button", { name: new RegExp(`^Discussion of the link \\(contradicts: “${otherQuote}`) });
  const notesOf = (page: Page, n: number) => page.getByRole("complementary", { name: `Notes on pane ${n}` });

  // Anna reads the forum beside Mastný; a link between two passages on Kleist arrives (made through the API).
  const anna = await student(browser);
  await openReader(anna);
  const forumBlock = await blockWith(anna, 1, FORUM_KLEIST).getAttribute("data-block-id");
  const mastnyBlock = await blockWith(anna, 2, MASTNY_KLEIST).getAttribute("data-block-id");
  const end = (documentSlug: string, blockId: string | null, exact: string) => ({ documentSlug, blockId, blockStart: 0, blockEnd: exact.length, exact });
  const created = await anna.request.post(`/api/seminars/${seminar}/annotations`, {
    data: {
      motivation: "linking",
      relation: "contradicts",
      body: `<p>${COMMENT}</p>`,
      target: end(FORUM, forumBlock, FORUM_KLEIST),
      bodyTarget: end(MASTNY, mastnyBlock, MASTNY_KLEIST),
    },
  });
  expect(created.status()).toBe(201);
  const annaDiscussion = discussion(anna, 1, MASTNY_KLEIST);
  await expect(annaDiscussion).toHaveAccessibleName(/no replies yet$/);

  // Ben opens the same link from its other end, with the keyboard: Tab from the marker to its discussion, Enter.
  const ben = await openAs(browser, sessions.get("student2@synopse.test")!);
  await openReader(ben);
  // (Marker names quote the other passage's first fifty characters.)
  await ben
    .locator("#pane2-panel")
    .getByRole("button", { name: /^contradicts: “Peter Kleist reist im Auftrag/ })
    .focus();
  await ben.keyboard.press("Tab");
  const benDiscussion = discussion(ben, 2, "Peter Kleist reist im Auftrag");
  await expect(benDiscussion).toBeFocused();
  await ben.keyboard.press("Enter");
  const benPanel = notesOf(ben, 2);
  await expect(benPanel.getByRole("heading", { name: "Link by Anna Petrova" })).toBeFocused();
  await expect(benPanel.getByText("contradicts", { exact: true })).toBeVisible();
  await expect(benPanel.getByText(COMMENT)).toBeVisible();
  await expect(benDiscussion).toHaveAttribute("aria-expanded", "true");

  // Anna, with the mouse, from the forum's end: relation, comment, both passages, each leading there.
  await annaDiscussion.click();
  const annaPanel = notesOf(anna, 1);
  await expect(annaPanel.getByRole("heading", { name: "Link by Anna Petrova" })).toBeVisible();
  // (Her panel also offers the relations in a select, so the stored one is read off its own line.)
  await expect(annaPanel.getByText(/^Relation\s*contradicts$/)).toBeVisible();
  await expect(annaPanel.getByText(COMMENT)).toBeVisible();
  await expect(annaPanel.getByRole("button", { name: `Go to “${FORUM_KLEIST}” in ${FORUM_TITLE}` })).toBeVisible();
  expect((await new AxeBuilder({ page: anna }).include("#pane1-notes").analyze()).violations).toEqual([]);
  await anna.locator("#pane2-panel [data-pane-scroller]").evaluate((el) => (el.scrollTop = 0));
  await expect(blockWith(anna, 2, MASTNY_KLEIST)).not.toBeInViewport();
  await annaPanel.getByRole("button", { name: `Go to “${MASTNY_KLEIST}” in ${MASTNY_TITLE}` }).click();
  await expect(blockWith(anna, 2, MASTNY_KLEIST)).toBeInViewport();

  // Anna answers in the link's thread, with the notes' own reply box.
  await annaPanel.getByRole("button", { name: "Reply", exact: true }).click();
  await anna.getByRole("textbox", { name: "Reply text" }).click();
  await anna.keyboard.type(REPLY);
  await annaPanel.getByRole("button", { name: "Send reply" }).click();
  await expect(annaPanel.getByRole("list", { name: "1 reply" })).toContainText(REPLY);
  // A screenshot of a link's discussion beside the text, for the README and a look by eye.
  await anna.screenshot({ path: test.info().outputPath("reader-link-thread.png") });

  // Ben never reloads: the reply appears in his open thread, and the discussion button counts it.
  await expect(benPanel.getByRole("list", { name: "1 reply" })).toContainText(REPLY, { timeout: 8000 });
  await expect(benPanel.getByRole("list", { name: "1 reply" })).toContainText("Anna Petrova");
  await expect(benDiscussion).toHaveAccessibleName(/1 reply$/);

  // Anna, who made the link, changes its relation where she reads it; Ben, who did not, has no such control,
  // and sees the change arrive in his open thread.
  await expect(benPanel.getByRole("combobox", { name: "Relation of your link" })).toHaveCount(0);
  await annaPanel.getByRole("combobox", { name: "Relation of your link" }).selectOption({ label: "cites" });
  await annaPanel.getByRole("button", { name: "Change", exact: true }).click();
  await expect(annaPanel.getByText(/^Relation\s*cites$/)).toBeVisible();
  await expect(anna.getByRole("status").filter({ hasText: "Relation changed to “cites”." })).toBeAttached();
  await expect(benPanel.getByText("cites", { exact: true })).toBeVisible({ timeout: 8000 });
  await expect(benPanel.getByText("contradicts", { exact: true })).toHaveCount(0);

  // The same thread on the seminar's links overview, under its new relation.
  await ben.goto(`/en/seminars/${seminar}/links?relation=cites`);
  const row = ben.getByRole("listitem").filter({ hasText: FORUM_KLEIST });
  await expect(row.getByRole("list", { name: "Replies" })).toContainText(REPLY);
  await ben.context().close();
  await anna.context().close();
});

// On a phone the panes stack behind tabs: a link's discussion opens from its marker in the pane shown, and going
// to the other passage brings the other pane's tab to the front, scrolled there.
test("on a phone, a link's discussion opens from its marker and its other passage shows in the other tab", async ({ browser }) => {
  const FORUM_STOCKHOLM = "Der Botschaft in Stockholm wird im März 1942 das Angebot unterbreitet";
  const MASTNY_OBSTACLES = "The obstacles to a negotiated settlement between the Soviet Union and Germany";
  const phone = await openAs(browser, sessions.get("student1@synopse.test")!, "en-US", { width: 390, height: 800 });
  await openReader(phone);
  const tabs = phone.getByRole("tablist", { name: "Open documents" });
  await expect(tabs.getByRole("tab", { name: FORUM_TITLE })).toHaveAttribute("aria-selected", "true");

  const forumBlock = await blockWith(phone, 1, FORUM_STOCKHOLM).getAttribute("data-block-id");
  const mastnyBlock = await phone.locator("#pane2-panel [data-block-id]").filter({ hasText: MASTNY_OBSTACLES }).last().getAttribute("data-block-id");
  const end = (documentSlug: string, blockId: string | null, exact: string) => ({ documentSlug, blockId, blockStart: 0, blockEnd: exact.length, exact });
  const created = await phone.request.post(`/api/seminars/${seminar}/annotations`, {
    data: {
      motivation: "linking",
      relation: "supports",
      body: "<p>Beide nennen Stockholm als Ort der Sondierungen.</p>",
      target: end(FORUM, forumBlock, FORUM_STOCKHOLM),
      bodyTarget: end(MASTNY, mastnyBlock, MASTNY_OBSTACLES),
    },
  });
  expect(created.status()).toBe(201);

  // The link arrives live; its discussion button under the marker opens the thread.
  const discussion = phone
    .locator("#pane1-panel")
    .getByRole("button", { name: new RegExp(`^Discussion of the link \\(supports: “${MASTNY_OBSTACLES.slice(0, 30)}`) });
  await discussion.scrollIntoViewIfNeeded();
  await discussion.click();
  const thread = phone.getByRole("complementary", { name: "Notes on pane 1" });
  await expect(thread.getByRole("heading", { name: "Link by Anna Petrova" })).toBeInViewport();
  await expect(thread.getByText("Beide nennen Stockholm als Ort der Sondierungen.")).toBeVisible();

  // Its other passage is in Mastný's pane, hidden behind its tab: going there shows that tab, at the passage.
  await thread.getByRole("button", { name: `Go to “${MASTNY_OBSTACLES}” in ${MASTNY_TITLE}` }).click();
  await expect(tabs.getByRole("tab", { name: MASTNY_TITLE })).toHaveAttribute("aria-selected", "true");
  await expect(phone.locator("#pane1-panel")).toBeHidden();
  await expect(blockWith(phone, 2, MASTNY_OBSTACLES)).toBeInViewport();
  await phone.context().close();
});
