/**
 * Changing one's password, end to end: the demo municipality officer opens the page from the
 * header, makes every mistake the form names, changes the password, is signed out elsewhere,
 * signs in with the new one, and changes it back — in Dutch and in English, with an axe scan of
 * the page in each state, and by keyboard alone.
 *
 * The officer must end with the demo password (other suites sign in with it): the test changes it
 * back itself, and afterEach does so when a failure stopped the test half-way.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { accountEn, accountNl } from "../../app/i18n/sections/account";
import { DEMO, expectAccessible, signIn, useLanguage } from "./support";

const COPY = { nl: accountNl.password, en: accountEn.password } as const;
const SHELL = {
  nl: {
    link: "Wachtwoord wijzigen",
    errorSummary: "Verbeter de fouten voor u verder gaat",
    signOut: "Uitloggen",
    signedOut: "U bent uitgelogd.",
  },
  en: {
    link: "Change password",
    errorSummary: "Please correct the errors before you continue",
    signOut: "Sign out",
    signedOut: "You have been signed out.",
  },
} as const;
const NEW_PASSWORD = "een nieuwe lange zin voor de test";

/** The password the officer has now, when it is not the demo one. */
let changedTo: string | null = null;

async function change(page: Page, lang: "nl" | "en", from: string, to: string) {
  const t = COPY[lang];
  await page.getByLabel(t.current, { exact: true }).fill(from);
  await page.getByLabel(t.next, { exact: true }).fill(to);
  await page.getByLabel(t.repeat, { exact: true }).fill(to);
  await page.getByRole("button", { name: t.submit }).click();
  await expect(page.getByRole("status").filter({ hasText: t.changed })).toBeVisible();
}

async function restore(browser: Browser, baseURL: string) {
  if (!changedTo) return;
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  try {
    await signIn(page, { email: DEMO.officer.email, password: changedTo });
    await page.goto("/account/wachtwoord");
    await change(page, "nl", changedTo, DEMO.officer.password);
    changedTo = null;
  } finally {
    await context.close();
  }
}

test.afterEach(async ({ browser, baseURL }) => {
  await restore(browser, baseURL!);
});

for (const lang of ["nl", "en"] as const) {
  const t = COPY[lang];
  const shell = SHELL[lang];

  test(`the municipality officer changes the password and signs in with the new one (${lang})`, async ({
    page,
    context,
    browser,
    baseURL,
  }) => {
    await useLanguage(context, baseURL!, lang);
    await signIn(page, DEMO.officer);
    await expect(page).toHaveURL(/\/gemeente$/);

    // A second browser, signed in too: it is signed out by the change.
    const other = await browser.newContext({ baseURL });
    const otherPage = await other.newPage();
    await signIn(otherPage, DEMO.officer);
    await expect(otherPage).toHaveURL(/\/gemeente$/);

    await page.getByRole("link", { name: shell.link }).click();
    await expect(page).toHaveURL(/\/account\/wachtwoord$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.title);
    await expectAccessible(page);

    // Every mistake named, at its field and in the summary, which takes the focus.
    await page.getByLabel(t.current, { exact: true }).fill("niet het goede wachtwoord");
    await page.getByLabel(t.next, { exact: true }).fill("kort");
    await page.getByLabel(t.repeat, { exact: true }).fill("anders");
    await page.getByRole("button", { name: t.submit }).click();
    const summary = page.getByRole("alert").filter({ hasText: shell.errorSummary });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole("link")).toHaveText([t.nextTooShort.replace("{min}", "12"), t.repeatMismatch]);
    // No password is sent back into a field.
    await expect(page.getByLabel(t.current, { exact: true })).toHaveValue("");
    await expectAccessible(page);

    // The current password wrong: named at its field.
    await page.getByLabel(t.current, { exact: true }).fill("niet het goede wachtwoord");
    await page.getByLabel(t.next, { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel(t.repeat, { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: t.submit }).click();
    await expect(page.getByRole("alert").filter({ hasText: shell.errorSummary }).getByRole("link")).toHaveText([
      t.wrongCurrent,
    ]);

    // By keyboard: the summary link leads to the field; type, tab on, and submit with Enter.
    await page.getByRole("link", { name: t.wrongCurrent }).press("Enter");
    await expect(page.getByLabel(t.current, { exact: true })).toBeFocused();
    await page.keyboard.type(DEMO.officer.password);
    await page.keyboard.press("Tab");
    await page.keyboard.type(NEW_PASSWORD);
    await page.keyboard.press("Tab");
    await page.keyboard.type(NEW_PASSWORD);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: t.changed })).toBeVisible();
    changedTo = NEW_PASSWORD;
    await expectAccessible(page);

    // Signed out in the other browser; the old password no longer works, the new one does.
    await otherPage.goto("/gemeente");
    await expect(otherPage).toHaveURL(/\/inloggen/);
    await other.close();
    await page.getByRole("link", { name: shell.signOut }).click();
    await page.getByRole("button", { name: shell.signOut }).click();
    await expect(page.getByText(shell.signedOut)).toBeVisible();
    if (lang === "nl") {
      // Once is enough: each wrong password counts towards the account's sign-in throttle.
      await signIn(page, DEMO.officer);
      await expect(page).toHaveURL(/\/inloggen/);
    }
    await signIn(page, { email: DEMO.officer.email, password: NEW_PASSWORD });
    await expect(page).toHaveURL(/\/gemeente$/);

    // And back to the demo password, through the same page.
    await page.getByRole("link", { name: shell.link }).click();
    await change(page, lang, NEW_PASSWORD, DEMO.officer.password);
    changedTo = null;
  });
}
