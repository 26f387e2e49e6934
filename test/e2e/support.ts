import AxeBuilder from "@axe-core/playwright";
import { expect, type BrowserContext, type Page } from "@playwright/test";

export const DEMO = {
  caseHandler: { email: "behandelaar@ombudsman.localhost", password: "behandelaar-demo-2026" },
  coordinator: { email: "coordinator@ombudsman.localhost", password: "coordinator-demo-2026" },
  officer: { email: "klachten@amsterdam.localhost", password: "gemeente-demo-2026" },
  zaanstad: { email: "klachten@zaanstad.localhost", password: "gemeente-demo-2026" },
} as const;

/** Zero axe violations against WCAG 2.0/2.1 A and AA (and the 2.2 AA rules axe has). */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

export async function useLanguage(context: BrowserContext, baseURL: string, lang: "nl" | "en"): Promise<void> {
  await context.addCookies([{ name: "oma_lang", value: lang, url: baseURL }]);
}

export async function signIn(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.goto("/inloggen");
  await page.getByLabel(/E-mail/).fill(account.email);
  await page.getByLabel(/Wachtwoord|Password/).fill(account.password);
  await page.getByRole("button", { name: /Inloggen|Sign in/ }).click();
}

export type SunkMail = { to: string[]; subject: string; text: string };

/**
 * The mail the app delivered over SMTP to this address (the sink Playwright starts), oldest
 * first; waits until one with this subject has arrived.
 */
export async function mailFromSink(to: string, subject: string | RegExp): Promise<SunkMail> {
  const matches = (m: SunkMail) => (typeof subject === "string" ? m.subject === subject : subject.test(m.subject));
  let found: SunkMail | undefined;
  await expect(async () => {
    const res = await fetch(`${process.env.E2E_SMTP_MESSAGES}?to=${encodeURIComponent(to)}`);
    const mails = (await res.json()) as SunkMail[];
    found = mails.filter(matches).at(-1);
    expect(found, `a mail "${String(subject)}" to ${to} in the SMTP sink`).toBeTruthy();
  }).toPass({ timeout: 30_000, intervals: [250, 500, 1000] });
  return found!;
}
