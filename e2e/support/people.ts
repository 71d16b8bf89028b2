import os from "node:os";
import path from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";

/**
 * What every journey does as a person before it starts: sign in through the form, find the seminar, and —
 * because sign-in is rate-limited (five attempts a minute per address) — keep each account's session to
 * open fresh browser contexts with it. Also selecting words in a pane the way a mouse or caret does.
 */

export const DEMO_PASSWORD = "synopse-demo";
export const DEMO_SEMINAR = "Separatfrieden 1941–1943";
export const DESKTOP = { width: 1400, height: 900 };

/** Sign in through the English form and land on the seminars page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/en/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Seminars" })).toBeVisible({ timeout: 20_000 });
}

/** The id of a seminar listed on the seminars page, from its link. */
export async function seminarIdOn(page: Page, title = DEMO_SEMINAR): Promise<string> {
  const href = await page.getByRole("link", { name: title, exact: true }).first().getAttribute("href");
  const id = /\/seminars\/([^/?#]+)/.exec(href ?? "")?.[1];
  expect(id, `a link to the seminar "${title}"`).toBeTruthy();
  return id!;
}

export interface SavedSession {
  /** A Playwright storage-state file holding the account's session cookie. */
  storageState: string;
  /** The demo seminar's id, as this account's seminars page links it. */
  seminar: string;
}

/** Sign each account in once; `label` keeps the files of different spec files apart. */
export async function saveSessions(browser: Browser, emails: readonly string[], label: string): Promise<Map<string, SavedSession>> {
  const sessions = new Map<string, SavedSession>();
  for (const email of emails) {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await signIn(page, email);
    const storageState = path.join(os.tmpdir(), `synopse-${label}-${process.pid}-${email}.json`);
    await context.storageState({ path: storageState });
    sessions.set(email, { storageState, seminar: await seminarIdOn(page) });
    await context.close();
  }
  return sessions;
}

/** A new browser window (desktop-sized unless told) signed in with a saved session. */
export async function openAs(browser: Browser, session: SavedSession, locale = "en-US", viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ locale, viewport, storageState: session.storageState });
  return context.newPage();
}

/** Select `text` in pane n's document programmatically (what caret browsing with the keyboard produces). */
export async function selectText(page: Page, n: number, text: string): Promise<void> {
  await page.evaluate(
    ({ n, text }) => {
      const root = document.querySelector(`#pane${n}-panel [data-doc-root]`)!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.nodeValue!.indexOf(text);
        if (at < 0) continue;
        (node.parentElement as HTMLElement).scrollIntoView({ block: "center" });
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error(`text not found: ${text}`);
    },
    { n, text },
  );
}

/** Select `text` inside pane n's document by dragging the mouse over it; returns what got selected. */
export async function dragSelect(page: Page, n: number, text: string): Promise<string> {
  const points = await page.evaluate(
    ({ n, text }) => {
      const root = document.querySelector(`#pane${n}-panel [data-doc-root]`)!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.nodeValue!.indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        (node.parentElement as HTMLElement).scrollIntoView({ block: "center" });
        const rects = [...range.getClientRects()];
        const first = rects[0];
        const last = rects[rects.length - 1];
        return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
      }
      throw new Error(`text not found: ${text}`);
    },
    { n, text },
  );
  await page.mouse.move(points.x1, points.y1);
  await page.mouse.down();
  await page.mouse.move((points.x1 + points.x2) / 2, (points.y1 + points.y2) / 2, { steps: 4 });
  await page.mouse.move(points.x2, points.y2, { steps: 4 });
  await page.mouse.up();
  return page.evaluate(() => window.getSelection()!.toString());
}
