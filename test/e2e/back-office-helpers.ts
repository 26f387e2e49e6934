/**
 * Shared steps for the back-office suite (test/e2e/back-office.spec.ts): the copy of the pages
 * in both languages, signing in and out (with the second step), soft axe scans, the dossier
 * page's facts, timeline and action forms, the coordinator's compliance table, and registering
 * complaints through the staff intake page.
 *
 * Labels come from the app's own catalogue (app/i18n/catalogue.server.ts), so every selector
 * reads as what a case handler sees: roles, labels, headings. Dates are Amsterdam calendar dates.
 */
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { totpCode, totpStep } from "../../app/auth/totp.server";
import { catalogues, type Messages } from "../../app/i18n/catalogue.server";
import { daysAgo, today } from "./intake-helpers";
import { DEMO, expectAccessible, signIn } from "./support";

export type Lang = "nl" | "en";
export const M: Record<Lang, Messages> = catalogues;
export const NL = catalogues.nl;
export const EN = catalogues.en;

/** Replaces {name} placeholders, as the app's interpolate does. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
export const exactly = (s: string) => new RegExp(`^${escapeRegExp(s)}$`);

// ---------------------------------------------------------------------------------------------
// Dates as the back office writes them
// ---------------------------------------------------------------------------------------------

const DATE = {
  nl: new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
};
const MONTH = {
  nl: new Intl.DateTimeFormat("nl-NL", { month: "long", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }),
};

/** "17 oktober 2026" (formatDate without the weekday). */
export const plainDate = (iso: string, lang: Lang = "nl") => DATE[lang].format(new Date(`${iso}T00:00:00Z`));
/** "oktober 2026": the compliance table's row for the month of `iso`. */
export const monthLabel = (iso: string, lang: Lang = "nl") =>
  MONTH[lang].format(new Date(`${iso.slice(0, 7)}-01T00:00:00Z`));

// ---------------------------------------------------------------------------------------------
// Axe, soft
// ---------------------------------------------------------------------------------------------

/**
 * expectAccessible (support.ts: WCAG 2.0/2.1/2.2 A+AA), as a soft check: a violation is reported
 * with the page it was found on, and the journey goes on, so one run lists every problem.
 */
export async function scan(page: Page, what: string): Promise<void> {
  await test.step(`axe: ${what}`, async () => {
    await page.waitForLoadState("load");
    try {
      await expectAccessible(page);
    } catch (error) {
      expect.soft(null, `axe violations on ${what}:\n${(error as Error).message}`).toBeTruthy();
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Signing in and out, with and without the second step
// ---------------------------------------------------------------------------------------------

export async function signOut(page: Page, lang: Lang = "nl"): Promise<void> {
  const t = M[lang];
  await page.getByRole("link", { name: t.layout.signOut, exact: true }).click();
  await page.getByRole("button", { name: t.logout.submit, exact: true }).click();
  await expect(page.getByText(t.login.signedOut)).toBeVisible();
}

/** A signed-in page in a context of its own (a second person at another desk). */
export async function openAs(
  browser: Browser,
  baseURL: string,
  account: { email: string; password: string },
  { lang = "nl" as Lang } = {},
): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  await context.addCookies([{ name: "oma_lang", value: lang, url: baseURL }]);
  const page = await context.newPage();
  await signIn(page, account);
  await expect(page).not.toHaveURL(/\/inloggen/);
  return page;
}

/** The second step the case handler turned on and has not turned off yet, and the last step it used a code for. */
export const totp: { state: { secret: string; lastStep: number } | null } = { state: null };

/** A code the server has not accepted yet: this 30-second step, or the next (one step of drift is allowed). */
export async function freshCode(state: { secret: string; lastStep: number }): Promise<string> {
  while (state.lastStep >= totpStep(Date.now()) + 1) await new Promise((r) => setTimeout(r, 500));
  const step = Math.max(totpStep(Date.now()), state.lastStep + 1);
  state.lastStep = step;
  return totpCode(state.secret, step);
}

export function wrongCode(secret: string): string {
  const right = Number(totpCode(secret, totpStep(Date.now())));
  return String((right + 500_000) % 1_000_000).padStart(6, "0");
}

/** Turns the case handler's second step off when a failed test left it on (other suites sign in with the password alone). */
export async function turnOffLeftoverTotp(browser: Browser, baseURL: string): Promise<void> {
  if (!totp.state) return;
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  try {
    await signIn(page, DEMO.caseHandler);
    await page.waitForURL((url) => url.pathname !== "/inloggen");
    if (new URL(page.url()).pathname === "/inloggen/code") {
      await page.getByLabel(NL.account.codeLabel, { exact: true }).fill(await freshCode(totp.state));
      await page.getByRole("button", { name: NL.account.code.submit }).click();
      await page.waitForURL((url) => url.pathname !== "/inloggen/code");
    }
    await page.goto("/account/tweede-stap");
    await page.getByRole("button", { name: NL.account.enabled.disableSubmit }).click();
    await expect(page.getByRole("button", { name: NL.account.setup.submit })).toBeVisible();
    totp.state = null;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The work queue
// ---------------------------------------------------------------------------------------------

/** The table's body rows (the header row has no row header). */
export function queueRows(page: Page): Locator {
  return page
    .getByRole("table")
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader") });
}

/** A quick view's link in the "Weergaven" navigation, e.g. "Niet toegewezen 1 dossier". */
export function viewLink(page: Page, lang: Lang, view: keyof Messages["queue"]["views"]): Locator {
  const t = M[lang].queue;
  return page.getByRole("navigation", { name: t.viewsLabel }).getByRole("link", {
    name: new RegExp(
      `^${escapeRegExp(t.views[view])} \\d+ (${escapeRegExp(t.viewCountSuffix)}|${escapeRegExp(t.viewCountSuffixOne)})$`,
    ),
  });
}

export async function viewCount(page: Page, lang: Lang, view: keyof Messages["queue"]["views"]): Promise<number> {
  const name = (await viewLink(page, lang, view).textContent()) ?? "";
  return Number(/(\d+)/.exec(name)?.[1] ?? Number.NaN);
}

/**
 * `number` is at the top of the queue as sorted by deadline: in the first row, or, when other
 * dossiers share its deadline (the id breaks the tie), only rows with that same deadline come before it.
 */
export async function expectAtTop(page: Page, number: string): Promise<number> {
  const rows = queueRows(page);
  const numbers = await rows.getByRole("rowheader").allTextContents();
  const index = numbers.map((n) => n.trim()).indexOf(number);
  expect(index, `${number} is listed on this page of the queue`).toBeGreaterThanOrEqual(0);
  const deadlines = await rows.locator("td.oma-due .oma-due__date").allTextContents();
  for (let i = 0; i < index; i++) {
    expect(deadlines[i], `row ${i + 1} (${numbers[i]}) comes before ${number} only with the same deadline`).toBe(
      deadlines[index],
    );
  }
  return index;
}

// ---------------------------------------------------------------------------------------------
// The dossier page
// ---------------------------------------------------------------------------------------------

/** The value (dd) of a fact (dt) on the dossier page; the first with that term. */
export function fact(page: Page, term: string): Locator {
  return page
    .getByRole("term")
    .filter({ hasText: exactly(term) })
    .first()
    .locator("xpath=following-sibling::dd[1]");
}

/** An action's section ("Contact vastleggen", "Status wijzigen", …): a region named by its heading. */
export function action(page: Page, title: string): Locator {
  return page.getByRole("region", { name: title, exact: true });
}

/** The status message after a successful action ("Het contact is vastgelegd."). */
export function doneMessage(page: Page, text: string): Locator {
  return page.getByRole("status").filter({ hasText: text });
}

/** The history under "Geschiedenis", each entry without its date and time ("17 oktober 2026 om 10:12: "). */
export async function timeline(page: Page, lang: Lang = "nl"): Promise<string[]> {
  const list = page
    .getByRole("heading", { name: M[lang].dossier.historyHeading, level: 2 })
    .locator("xpath=following-sibling::ol[1]");
  const items = await list.getByRole("listitem").allTextContents();
  return items.map((s) => s.replace(/^[^:]*?\d:\d\d: /, "").trim());
}

// ---------------------------------------------------------------------------------------------
// The coordinator's overview
// ---------------------------------------------------------------------------------------------

export type ComplianceRow = {
  submitted: number;
  inTime: number;
  late: number;
  openOverdue: number;
  notYetDue: number;
  closedWithoutContact: number;
  share: string;
};

/** The compliance table's row for this month (the accessible source of the chart's figures). */
export async function complianceRow(page: Page, lang: Lang = "nl"): Promise<ComplianceRow> {
  const t = M[lang].overview;
  const table = page.getByRole("table", { name: t.complianceCaption });
  const row = table
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: monthLabel(today(), lang), exact: true }) });
  await expect(row).toHaveCount(1);
  const cells = (await row.getByRole("cell").allTextContents()).map((c) => c.trim());
  expect(cells).toHaveLength(7);
  const [submitted, inTime, late, openOverdue, notYetDue, closedWithoutContact] = cells
    .slice(0, 6)
    .map(Number) as number[];
  return {
    submitted: submitted!,
    inTime: inTime!,
    late: late!,
    openOverdue: openOverdue!,
    notYetDue: notYetDue!,
    closedWithoutContact: closedWithoutContact!,
    share: cells[6]!,
  };
}

/** The share "in time" as the page writes it, from the figures (wholePercent in overview.server.ts). */
export function expectedShare(r: ComplianceRow, lang: Lang = "nl"): string {
  const t = M[lang].overview;
  const whole = r.inTime + r.late + r.openOverdue;
  if (whole === 0) return t.noShare;
  let p = Math.round((100 * r.inTime) / whole);
  if (p === 100 && r.inTime < whole) p = 99;
  if (p === 0 && r.inTime > 0) p = 1;
  return fill(t.percent, { value: p });
}

/** The chart: one image named by its title and its text summary. */
export function complianceChart(page: Page, lang: Lang = "nl"): Locator {
  const t = M[lang].overview;
  return page.getByRole("img", {
    name: new RegExp(`^${escapeRegExp(t.chartTitle.slice(0, t.chartTitle.indexOf("{")))}`),
  });
}

/** The figure printed above each month's bar (a percentage, or "–"), oldest month first; drawn for sighted readers. */
export async function chartNotes(chart: Locator): Promise<string[]> {
  return chart.locator('text[font-weight="700"]').allTextContents();
}

// ---------------------------------------------------------------------------------------------
// Staff intake
// ---------------------------------------------------------------------------------------------

export type StaffComplaint = {
  name: string;
  receivedOn: string;
  answer: { answeredOn: string } | "none";
  overrideReason?: string;
  /** Given: the complainant is reached by e-mail at this address (and gets the confirmation). */
  email?: string;
};

/**
 * Registers a complaint the way the staff intake page posts it (the same fields, the page's own
 * CSRF token, the session of `page`), without clicking through the form: for filling the queue
 * in bulk. Returns the new dossier's number.
 */
export async function registerByPost(page: Page, c: StaffComplaint): Promise<string> {
  if (!page.url().endsWith("/behandelaar/nieuw")) await page.goto("/behandelaar/nieuw");
  const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
  const [ry, rm, rd] = c.receivedOn.split("-");
  const [iy, im, id] = daysAgo(30).split("-");
  const form: Record<string, string> = {
    _csrf: csrf,
    channel: "letter",
    municipalityId: "amsterdam",
    topic: "conduct",
    courtCase: "no",
    complainedFirst: "yes",
    "receivedOn.day": String(Number(rd)),
    "receivedOn.month": String(Number(rm)),
    "receivedOn.year": ry!,
    answerStatus: c.answer === "none" ? "not_answered" : "answered",
    "complainant.name": c.name,
    "complainant.street": "Prinsengracht",
    "complainant.houseNumber": "263",
    "complainant.postcode": "1016 GV",
    "complainant.city": "Amsterdam",
    "complainant.phone": "06 12345678",
    "complainant.preferredChannel": c.email ? "email" : "phone",
    ...(c.email ? { "complainant.email": c.email } : {}),
    hasRepresentative: "no",
    "complaint.text": "De gemeente reageerde niet op mijn brief over de afvalinzameling.",
    "complaint.place": "Per brief",
    "complaint.day": String(Number(id)),
    "complaint.month": String(Number(im)),
    "complaint.year": iy!,
    overrideReason: c.overrideReason ?? "",
  };
  if (c.answer !== "none") {
    const [ay, am, ad] = c.answer.answeredOn.split("-");
    Object.assign(form, {
      "answeredOn.day": String(Number(ad)),
      "answeredOn.month": String(Number(am)),
      "answeredOn.year": ay!,
    });
  }
  const response = await page.request.post("/behandelaar/nieuw", { form, maxRedirects: 0 });
  expect(response.status(), `registering ${c.name}: ${await response.text().catch(() => "")}`.slice(0, 400)).toBe(302);
  const location = response.headers()["location"] ?? "";
  const number = /\/behandelaar\/dossiers\/(OMA-\d{4}-\d{5})$/.exec(location)?.[1];
  expect(number, `the answer redirects to the new dossier (${location})`).toBeTruthy();
  return number!;
}
