import { expect as baseExpect, test } from "@playwright/test";
import { signIn } from "./support/people";

// Accounts and seminars without client-side JavaScript libraries: every form is a server action.
// Server actions render the next page in the same round trip: allow for a cold server.
const expect = baseExpect.configure({ timeout: 20_000 });

test("an instructor creates a seminar, a newcomer joins through the invite link", async ({ page }) => {
  test.setTimeout(120_000);
  const title = `Seminar ${Date.now()}`;
  await signIn(page, "instructor@synopse.test");
  await expect(page.getByRole("link", { name: "Separatfrieden 1941–1943", exact: true })).toBeVisible();

  await page.getByLabel("Title").fill(title);
  await page.getByRole("group", { name: "Documents" }).getByRole("checkbox").first().check();
  await page.getByRole("button", { name: "Create seminar" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Settings: ${title}` })).toBeVisible();

  await page.getByRole("textbox", { name: "New tag", exact: true }).fill("Quelle");
  await page.getByRole("button", { name: "Save tags" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name of tag 1", exact: true })).toHaveValue("Quelle");
  const invite = await page.getByRole("textbox", { name: "Invite link" }).inputValue();
  expect(invite).toMatch(/\/en\/join\/[\w-]+$/);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invite link copied to the clipboard." })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(invite);

  await page.goto("/en/account");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "You are signed out." })).toBeVisible();

  await page.goto(new URL(invite).pathname);
  await expect(page.getByRole("heading", { level: 1, name: `Join “${title}”` })).toBeVisible();
  await page.getByRole("link", { name: "Create an account to join" }).click();
  // The invitation travels with the sign-up and the sign-in (issue 17, item 14): no second "Join" click.
  await expect(page.getByText(`You are joining “${title}”.`)).toBeVisible();
  const studentEmail = `student-${Date.now()}@synopse.test`;
  await page.getByLabel("Name").fill("New Student");
  await page.getByLabel("Email address").fill(studentEmail);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  // Sign-up never signs in (it answers alike for addresses that already have an account): sign in next.
  await expect(page.getByRole("status").filter({ hasText: "If no account used this email address yet, it has been created." })).toBeVisible();
  await expect(page.getByText(`Sign in to join “${title}”: signing in makes you a student member at once.`)).toBeVisible();
  await page.getByLabel("Email address").fill(studentEmail);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Sign in and join" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("New Student (Student)")).toBeVisible();

  await page.goto("/en/account");
  await page.getByRole("button", { name: "Sign out on all devices" }).click();
  // The sign-out lands on the sign-in page; going elsewhere before then would cancel it.
  await expect(page).toHaveURL(/\/en\/sign-in\?signedOut=1/);
  await page.goto("/en/seminars");
  await expect(page).toHaveURL(/\/en\/sign-in\?next=/);
});

test("a wrong password is refused with a translated message", async ({ page }) => {
  await page.goto("/de/sign-in");
  await page.getByLabel("E-Mail-Adresse").fill("instructor@synopse.test");
  await page.getByLabel("Passwort").fill("falsches-passwort");
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "E-Mail-Adresse oder Passwort ist falsch." })).toBeVisible();
});
