/**
 * The second sign-in step (TOTP) end to end: the demo coordinator turns it on, signs in with a
 * code and turns it off again, in Dutch and in English, with an axe scan of every page and error
 * state. The codes are computed here from the key the page shows, as an authenticator app would.
 *
 * The coordinator must end without TOTP (other suites sign in with the password alone): the test
 * turns it off itself, and afterEach does so when a failure stopped the test half-way.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { totpCode, totpStep } from "../../app/auth/totp.server";
import { accountEn, accountNl } from "../../app/i18n/sections/account";
import { DEMO, expectAccessible, signIn, useLanguage } from "./support";

type Lang = "nl" | "en";
const COPY = { nl: accountNl, en: accountEn } as const;
const SHELL = {
  nl: { errorSummary: "Verbeter de fouten voor u verder gaat", signOut: "Uitloggen", signedOut: "U bent uitgelogd." },
  en: {
    errorSummary: "Please correct the errors before you continue",
    signOut: "Sign out",
    signedOut: "You have been signed out.",
  },
} as const;

/** What the test has turned on and not yet off, and the last step it used a code for. */
let enabled: { secret: string; lastStep: number } | null = null;

/**
 * A code the server has not seen yet: the current step, or the next one when the current one was
 * just used (the server accepts one step of clock drift either way). A real user would wait.
 */
async function freshCode(state: { secret: string; lastStep: number }): Promise<string> {
  while (state.lastStep >= totpStep(Date.now()) + 1) await new Promise((r) => setTimeout(r, 500));
  const step = Math.max(totpStep(Date.now()), state.lastStep + 1);
  state.lastStep = step;
  return totpCode(state.secret, step);
}

function wrongCode(secret: string): string {
  const right = Number(totpCode(secret, totpStep(Date.now())));
  return String((right + 500_000) % 1_000_000).padStart(6, "0");
}

async function signOut(page: Page, lang: Lang) {
  await page.getByRole("link", { name: SHELL[lang].signOut }).click();
  await page.getByRole("button", { name: SHELL[lang].signOut }).click();
  await expect(page.getByText(SHELL[lang].signedOut)).toBeVisible();
}

async function turnOffLeftover(browser: Browser, baseURL: string) {
  if (!enabled) return;
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  try {
    await signIn(page, DEMO.coordinator);
    await page.waitForURL((url) => url.pathname !== "/inloggen");
    if (new URL(page.url()).pathname === "/inloggen/code") {
      await page.getByLabel(/^Code$/).fill(await freshCode(enabled));
      await page.getByRole("button", { name: /Inloggen|Sign in/ }).click();
      await page.waitForURL((url) => url.pathname !== "/inloggen/code");
    }
    await page.goto("/account/tweede-stap");
    await page.getByRole("button", { name: /Tweede stap uitzetten|Turn off the second step/ }).click();
    await expect(page.getByRole("button", { name: /Tweede stap aanzetten|Turn on the second step/ })).toBeVisible();
    enabled = null;
  } finally {
    await context.close();
  }
}

// Six axe scans and up to one 30-second wait for a fresh code.
test.describe.configure({ timeout: 120_000 });

test.afterEach(async ({ browser, baseURL }, testInfo) => {
  if (!enabled) return;
  testInfo.setTimeout(testInfo.timeout + 60_000);
  await turnOffLeftover(browser, baseURL!);
});

for (const lang of ["nl", "en"] as const) {
  const t = COPY[lang];
  const shell = SHELL[lang];

  test(`the coordinator turns on the second step, then signs in with a code, and turns it off (${lang})`, async ({
    page,
    context,
    baseURL,
  }) => {
    await useLanguage(context, baseURL!, lang);
    await signIn(page, DEMO.coordinator);
    await expect(page).toHaveURL(/\/behandelaar$/);

    // The set-up page: QR code with a useful alt text, the key in groups of four, the otpauth link.
    await page.goto("/account/tweede-stap");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.setup.title);
    await expect(page.getByRole("img", { name: t.setup.qrAlt })).toBeVisible();
    const key = (await page.getByText(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/).textContent())!;
    const secret = key.replace(/ /g, "");
    await expect(page.getByRole("link", { name: t.setup.openInApp })).toHaveAttribute(
      "href",
      `otpauth://totp/Ombudsman%20Metropool%20Amsterdam:coordinator%40ombudsman.localhost?secret=${secret}&issuer=Ombudsman%20Metropool%20Amsterdam&algorithm=SHA1&digits=6&period=30`,
    );
    await expectAccessible(page);

    // A wrong code is named in the summary and at the field; the key on the page stays the same.
    const codeField = page.getByLabel(t.codeLabel, { exact: true });
    await codeField.fill(wrongCode(secret));
    await page.getByRole("button", { name: t.setup.submit }).click();
    await expect(page.getByRole("alert")).toContainText(shell.errorSummary);
    await expect(page.getByRole("alert")).toContainText(t.setup.invalid);
    await expect(codeField).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(key, { exact: true })).toBeVisible();
    await expectAccessible(page);

    const step = totpStep(Date.now());
    enabled = { secret, lastStep: step };
    await codeField.fill(totpCode(secret, step));
    await page.getByRole("button", { name: t.setup.submit }).click();
    await expect(page.getByText(t.enabled.justEnabled)).toBeVisible();
    await expect(page.getByRole("button", { name: t.enabled.disableSubmit })).toBeVisible();
    await expectAccessible(page);

    // Signing in again: the password alone gives no session, the code page asks for the code.
    await signOut(page, lang);
    await signIn(page, DEMO.coordinator);
    await expect(page).toHaveURL(/\/inloggen\/code$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.code.title);
    await expectAccessible(page);
    await page.goto("/behandelaar");
    await expect(page).toHaveURL(/\/inloggen\?terug=%2Fbehandelaar$/);
    await page.goto("/inloggen/code");

    await page.getByLabel(t.codeLabel, { exact: true }).fill(wrongCode(secret));
    await page.getByRole("button", { name: t.code.submit }).click();
    await expect(page.getByRole("alert")).toContainText(t.code.invalid);
    await expectAccessible(page);

    const code = await freshCode(enabled);
    await page.getByLabel(t.codeLabel, { exact: true }).fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await page.getByRole("button", { name: t.code.submit }).click();
    await expect(page).toHaveURL(/\/behandelaar$/);
    await expect(page.getByRole("link", { name: shell.signOut })).toBeVisible();

    // Embedded mode allows turning it off again, which leaves the demo account as it was.
    await page.goto("/account/tweede-stap");
    await page.getByRole("button", { name: t.enabled.disableSubmit }).click();
    await expect(page.getByText(t.disabled.justDisabled)).toBeVisible();
    await expect(page.getByRole("button", { name: t.setup.submit })).toBeVisible();
    enabled = null;
    await expectAccessible(page);

    await signOut(page, lang);
    await signIn(page, DEMO.coordinator);
    await expect(page).toHaveURL(/\/behandelaar$/);
  });
}
