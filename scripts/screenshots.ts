// The README's screenshots, taken from the demo by a browser like a person would see them:
//   npx tsx scripts/screenshots.ts [--base http://127.0.0.1:3000] [--out docs/screenshots]
// Needs a running app with the demo seminar (`npm run up`, or `bash scripts/e2e-server.sh <port>`) and Chromium
// (CHROMIUM_PATH, default /usr/bin/chromium). Writes reader-three-panes.png, reader-phone.png and overview.png.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser, type Page } from "@playwright/test";

// The demo seminar's data (scripts/seed.ts): its accounts, title and three of its texts.
const DEMO = {
  password: "synopse-demo",
  student: "student1@synopse.test",
  instructor: "instructor@synopse.test",
  seminar: "Separatfrieden 1941–1943",
  documents: ["forum-separatfrieden-1941-43", "mastny-separate-peace", "bayerlein-winogradow-treffen"],
};

const { values } = parseArgs({ options: { base: { type: "string", default: "http://127.0.0.1:3000" }, out: { type: "string", default: "docs/screenshots" } } });
const base = values.base!.replace(/\/$/, "");
const out = values.out!;

async function signedIn(
  browser: Browser,
  email: string,
  viewport: { width: number; height: number },
  isMobile = false,
): Promise<{ page: Page; seminar: string }> {
  const context = await browser.newContext({ baseURL: base, viewport, locale: "en-US", deviceScaleFactor: isMobile ? 2 : 1, isMobile, hasTouch: isMobile });
  const page = await context.newPage();
  await page.goto("/en/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Seminars" }).waitFor();
  const href = await page.getByRole("link", { name: DEMO.seminar, exact: true }).first().getAttribute("href");
  const seminar = /\/seminars\/([^/?#]+)/.exec(href ?? "")?.[1];
  if (!seminar) throw new Error(`the demo seminar "${DEMO.seminar}" is not on the seminars page of ${email}`);
  return { page, seminar };
}

/** Wait until the reader's panes show their text (fonts and layout settled). */
async function readerReady(page: Page, panes: number): Promise<void> {
  for (let n = 1; n <= panes; n++) await page.locator(`#pane${n}-panel [data-block-id]`).first().waitFor();
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(500);
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    // 1. The three-pane reader: a forum thread, a scholarly essay and a German analysis side by side, notes marked in the margin.
    const desk = await signedIn(browser, DEMO.student, { width: 1600, height: 1000 });
    await desk.page.goto(`/en/read?p=${DEMO.documents.join(",")}&seminar=${desk.seminar}`);
    await readerReady(desk.page, 3);
    await desk.page.screenshot({ path: path.join(out, "reader-three-panes.png") });
    await desk.page.context().close();

    // 2. The phone reader: one tab per document.
    const phone = await signedIn(browser, DEMO.student, { width: 390, height: 844 }, true);
    await phone.page.goto(`/en/read?p=${DEMO.documents.slice(0, 2).join(",")}&seminar=${phone.seminar}`);
    await readerReady(phone.page, 1);
    await phone.page.screenshot({ path: path.join(out, "reader-phone.png") });
    await phone.page.context().close();

    // 3. The instructor's overview of the seminar.
    const teacher = await signedIn(browser, DEMO.instructor, { width: 1280, height: 1000 });
    await teacher.page.goto(`/en/seminars/${teacher.seminar}/overview`);
    await teacher.page.getByRole("heading", { level: 1 }).waitFor();
    await teacher.page.waitForTimeout(500);
    await teacher.page.screenshot({ path: path.join(out, "overview.png") });
    await teacher.page.context().close();
  } finally {
    await browser.close();
  }
  console.log(`screenshots: wrote reader-three-panes.png, reader-phone.png and overview.png to ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
