/**
 * Shared steps for the complaint form ("klacht indienen") end-to-end suite.
 *
 * Labels and headings come from the app's own copy (app/i18n/sections/intake.ts), so the
 * helpers work in Dutch and in English and select fields the way a resident finds them: by
 * role and visible label. Assertions on exact words (error summary
 * heading, "Invoerfout:", outcome headings …) are written out literally in the spec.
 *
 * All dates are calendar dates in Europe/Amsterdam, computed from today, never hard-coded.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { intakeEn, intakeNl } from "../../app/i18n/sections/intake";
import { expectAccessible } from "./support";

export type Lang = "nl" | "en";
export type Copy = typeof intakeEn;
export const COPY: Record<Lang, Copy> = { nl: intakeNl, en: intakeEn };

/** Copy that lives outside the intake section (app/i18n/catalogue.server.ts). */
export const FORM_COPY = {
  nl: {
    errorSummaryHeading: "Verbeter de fouten voor u verder gaat",
    errorPrefix: "Invoerfout:",
    optional: "(niet verplicht)",
  },
  en: {
    errorSummaryHeading: "Please correct the errors before you continue",
    errorPrefix: "Error:",
    optional: "(optional)",
  },
} as const;

export const OMBUDSMAN_PHONE = "020 625 9999";

export const FIXTURES = {
  municipalityAnswer: "test/fixtures/antwoord-gemeente.pdf",
  mandate: "test/fixtures/machtiging-ondertekend.pdf",
  evidence: "test/fixtures/telefoonnotitie.txt",
  executable: "test/fixtures/programma.exe",
} as const;

// ---------------------------------------------------------------------------------------------
// Calendar dates (Europe/Amsterdam)
// ---------------------------------------------------------------------------------------------

const AMSTERDAM = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Amsterdam",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today's calendar date in Amsterdam, 'YYYY-MM-DD'. */
export function today(): string {
  return AMSTERDAM.format(new Date());
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const daysAgo = (days: number) => addDays(today(), -days);

/** One calendar year later; 29 February becomes 28 February (the one-year window). */
export function addOneYear(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return new Date(Date.UTC(y + 1, m - 1, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/**
 * A receipt date about `days` ago whose 6-week term (receipt + 42 days, the same weekday) ends on a
 * plain working day: a Tuesday or Wednesday that is not a fixed-date public holiday. The movable
 * holidays (Good Friday, Easter/Whit Monday, Ascension Thursday) and every equated day in the table
 * fall on other weekdays, so the term needs no roll-forward and the test can state it exactly.
 */
export function receiptWithPlainTerm(days: number): { receivedOn: string; term: string } {
  const fixedHolidays = ["01-01", "04-26", "04-27", "05-05", "12-25", "12-26"];
  for (let back = days; back < days + 14; back++) {
    const receivedOn = daysAgo(back);
    const term = addDays(receivedOn, 42);
    const weekday = new Date(`${term}T00:00:00Z`).getUTCDay();
    if ((weekday === 2 || weekday === 3) && !fixedHolidays.includes(term.slice(5))) return { receivedOn, term };
  }
  throw new Error(`no plain receipt date near ${days} days ago`);
}

const LONG = {
  nl: new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
};
const LONG_WEEKDAY = {
  nl: new Intl.DateTimeFormat("nl-NL", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }),
  en: new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }),
};

/** "14 december 2026", or with `weekday` "maandag 14 december 2026". */
export function longDate(iso: string, lang: Lang = "nl", weekday = false): string {
  // One English format on a page: "Sunday 12 April 2026", without en-GB's comma after the weekday.
  return (weekday ? LONG_WEEKDAY : LONG)[lang].format(new Date(`${iso}T00:00:00Z`)).replace(/^(\p{L}+), /u, "$1 ");
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A field's accessible name starts with its label (optional fields add "(niet verplicht)"). */
export const labelled = (label: string) => new RegExp(`^${escapeRegExp(label)}`);

// ---------------------------------------------------------------------------------------------
// The form
// ---------------------------------------------------------------------------------------------

export type AnswerCheck = {
  /** A municipality's name, or "other" for "Een andere organisatie". */
  municipality?: string | "other";
  topic?: "conduct" | "decision" | "publicSpace" | "damages" | "careProvider";
  courtCase?: boolean;
  complainedFirst?: boolean;
  receivedOn?: string;
  /** The answer status with its date: answered on a date, no answer, or postponed to a date. */
  answer?: { answeredOn: string } | { postponedUntil: string } | "none";
};

export type ContactInput = {
  name: string;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  email?: string;
  phone?: string;
  preferred?: "email" | "phone";
};

export type ComplaintInput = { text: string; place: string; date: string; people?: string; desired?: string };

export const RESIDENT: ContactInput = {
  name: "Fatima el Amrani",
  street: "Dam",
  houseNumber: "1",
  postcode: "1012js",
  city: "Amsterdam",
  email: "fatima.el.amrani@example.nl",
  preferred: "email",
};

export const COMPLAINT: ComplaintInput = {
  text: "Ik heb drie keer gebeld over mijn parkeervergunning.\nIk zou worden teruggebeld, maar niemand belde terug.",
  place: "Aan de telefoon",
  date: "",
  people: "Afdeling Parkeren",
  desired: "Excuses en een antwoord op mijn vraag.",
};

export type FormOptions = { lang?: Lang; axe?: boolean; js?: boolean };

/**
 * Axe needs JavaScript in the page, and with `javaScriptEnabled: false` its injected script never
 * finishes. So a page rendered without JavaScript is scanned as a copy: its DOM (exactly what the
 * server sent, no script ran) is served at the same address, scripts removed, to a page in a
 * short-lived JavaScript-enabled context, where the stylesheets load from the app as usual.
 */
export async function expectAccessibleWithoutScripts(page: Page): Promise<void> {
  const url = page.url();
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
  const context = await page.context().browser()!.newContext({ javaScriptEnabled: true });
  try {
    const copy = await context.newPage();
    await copy.route(
      (u) => u.href === url,
      (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    );
    await copy.goto(url);
    await expectAccessible(copy);
  } finally {
    await context.close();
  }
}

/**
 * The complaint form as a resident sees it, in one language. With `axe` on, every page the
 * helper arrives at is scanned (expectAccessible: WCAG 2.0/2.1/2.2 A+AA).
 */
export class IntakeForm {
  readonly t: Copy;
  readonly lang: Lang;
  /** Scan every page `at` arrives at; may be switched on and off along a journey. */
  axe: boolean;
  readonly js: boolean;

  constructor(
    readonly page: Page,
    { lang = "nl", axe = true, js = true }: FormOptions = {},
  ) {
    this.lang = lang;
    this.t = COPY[lang];
    this.axe = axe;
    this.js = js;
  }

  get form() {
    return FORM_COPY[this.lang];
  }

  heading(level = 1): Locator {
    return this.page.getByRole("heading", { level });
  }

  radio(label: string): Locator {
    return this.page.getByRole("radio", { name: label, exact: true });
  }

  textbox(label: string): Locator {
    return this.page.getByRole("textbox", { name: labelled(label) });
  }

  button(label: string): Locator {
    return this.page.getByRole("button", { name: label, exact: true });
  }

  /** The error summary (role alert, focusable) with its heading. */
  errorSummary(): Locator {
    return this.page
      .getByRole("alert")
      .filter({ has: this.page.getByRole("heading", { name: this.form.errorSummaryHeading }) });
  }

  /** Arrived at /klacht/<slug> with this h1; scanned with axe when `scan` (by default: `this.axe`). */
  async at(slug: string, heading: string | RegExp, scan = this.axe): Promise<void> {
    await expect(this.page).toHaveURL(new RegExp(`/klacht/${escapeRegExp(slug)}(\\?.*)?$`));
    await expect(this.heading(1)).toHaveText(heading);
    if (scan) await this.scan();
  }

  /** Axe on the page as it is now (after the document finished loading). */
  async scan(): Promise<void> {
    await this.page.waitForLoadState("load");
    if (this.js) await expectAccessible(this.page);
    else await expectAccessibleWithoutScripts(this.page);
  }

  async continue(): Promise<void> {
    await this.press(this.button(this.t.continue));
  }

  /**
   * Clicks a submit button and waits for the server's answer to the POST. Without JavaScript the
   * click already waits for the new document; with JavaScript it would return at once, and the
   * page would still show the previous state (say, the previous error summary) for a moment.
   */
  async press(button: Locator): Promise<void> {
    if (!this.js) return button.click();
    const answered = this.page.waitForResponse((r) => r.request().method() === "POST");
    await button.click();
    await answered;
  }

  async choose(label: string): Promise<void> {
    await this.radio(label).check();
  }

  /** Day, month and year into the (only) date group on the page. */
  async fillDate(iso: string): Promise<void> {
    const [year, month, day] = iso.split("-");
    await this.page.getByRole("textbox", { name: this.t.date.day, exact: true }).fill(String(Number(day)));
    await this.page.getByRole("textbox", { name: this.t.date.month, exact: true }).fill(String(Number(month)));
    await this.page.getByRole("textbox", { name: this.t.date.year, exact: true }).fill(year!);
  }

  /** Opens the form on its first step. */
  async start(): Promise<void> {
    await this.page.goto("/klacht");
    await this.at("gemeente", this.t.municipality.title);
  }

  /**
   * The first-line check from the first question up to where the answers lead (the outcome page
   * or an exit); stops after the last answer given. Returns nothing: the caller asserts the page.
   */
  async answerCheck(a: AnswerCheck): Promise<void> {
    const t = this.t;
    if (a.municipality === undefined) return;
    await this.choose(a.municipality === "other" ? t.municipality.other : a.municipality);
    await this.continue();
    if (a.municipality === "other" || !a.topic) return;

    await this.at("onderwerp", t.topic.title);
    await this.choose(t.topic[a.topic]);
    await this.continue();
    if (a.topic !== "conduct" || a.courtCase === undefined) return;

    await this.at("rechter", t.court.title);
    await this.choose(a.courtCase ? t.yes : t.no);
    await this.continue();
    if (a.courtCase || a.complainedFirst === undefined) return;

    await this.at("eerst-geklaagd", t.firstLine.title);
    await this.choose(a.complainedFirst ? t.yes : t.no);
    await this.continue();
    if (!a.complainedFirst || !a.receivedOn) return;

    await this.at("ontvangen", t.receivedOn.title);
    await this.fillDate(a.receivedOn);
    await this.continue();
    if (!a.answer) return;

    await this.at("antwoord", t.answer.title);
    if (a.answer === "none") {
      await this.choose(t.answer.notAnswered);
      await this.continue();
    } else if ("answeredOn" in a.answer) {
      await this.choose(t.answer.answered);
      await this.continue();
      await this.at("antwoorddatum", t.answerDate.title);
      await this.fillDate(a.answer.answeredOn);
      await this.continue();
    } else {
      await this.choose(t.answer.postponed);
      await this.continue();
      await this.at("uitstel", t.postponedDate.title);
      await this.fillDate(a.answer.postponedUntil);
      await this.continue();
    }
  }

  /** The eligible outcome page: check its heading, then "Verder" to "Voor wie". */
  async acceptOutcome(): Promise<void> {
    await this.at("uitkomst", this.t.outcome.titleEligible);
    await this.continue();
  }

  async chooseForWhom(forWhom: "self" | "other"): Promise<void> {
    await this.at("voor-wie", this.t.forWhom.title);
    await this.choose(forWhom === "self" ? this.t.forWhom.self : this.t.forWhom.other);
    await this.continue();
  }

  async fillAddress(c: Omit<ContactInput, "email" | "phone" | "preferred">, nameLabel: string): Promise<void> {
    const t = this.t.contact;
    await this.textbox(nameLabel).fill(c.name);
    await this.textbox(t.street).fill(c.street);
    await this.textbox(t.houseNumber).fill(c.houseNumber);
    await this.textbox(t.postcode).fill(c.postcode);
    await this.textbox(t.city).fill(c.city);
  }

  /** Fills the contact step (own details, or the representative's own details) and continues. */
  async fillContact(c: ContactInput, { representative = false, submit = true } = {}): Promise<void> {
    const t = this.t.contact;
    await this.at("gegevens", representative ? t.titleRepresentative : t.titleSelf);
    await this.fillAddress(c, t.name);
    await this.textbox(t.email).fill(c.email ?? "");
    await this.textbox(t.phone).fill(c.phone ?? "");
    if (c.preferred) await this.choose(c.preferred === "phone" ? t.byPhone : t.byEmail);
    if (submit) await this.continue();
  }

  async fillRepresented(p: Omit<ContactInput, "email" | "phone" | "preferred">): Promise<void> {
    await this.at("vertegenwoordigde", this.t.represented.title);
    await this.fillAddress(p, this.t.represented.name);
    await this.continue();
  }

  async fillComplaint(c: ComplaintInput, { submit = true } = {}): Promise<void> {
    const t = this.t.complaint;
    await this.at("uw-klacht", t.title);
    await this.textbox(t.text).fill(c.text);
    await this.textbox(t.place).fill(c.place);
    await this.fillDate(c.date);
    await this.textbox(t.people).fill(c.people ?? "");
    await this.textbox(t.desired).fill(c.desired ?? "");
    if (submit) await this.continue();
  }

  /**
   * Where a resident picks files for an upload category (`label` is the category's label):
   * without JavaScript the plain file input with that label; with JavaScript the uploader that
   * replaces it (a group named after the category, with a "kies bestanden" button).
   */
  fileControl(label: string): Locator {
    if (!this.js) return this.page.getByLabel(labelled(label));
    return this.fileField(label).getByRole("button", { name: this.t.attachments.browse, exact: true });
  }

  /** The element that represents an upload category, for its error message. */
  fileField(label: string): Locator {
    if (!this.js) return this.page.getByLabel(labelled(label));
    return this.page.getByRole("group", { name: label, exact: true });
  }

  /** Waits until every category's file control is ready (with JavaScript the uploader loads lazily). */
  async uploadsReady(labels: string[]): Promise<void> {
    for (const label of labels) await expect(this.fileControl(label)).toBeVisible();
  }

  /**
   * Picks files through the browser's file chooser, opened by activating the category's control
   * (click, or `viaKeyboard`: Enter on the focused control). With JavaScript the uploader sends
   * them at once: this waits until each is listed with its remove button; without JavaScript they
   * go with the next submit.
   */
  async chooseFiles(label: string, paths: string[], { viaKeyboard = false, expectListed = true } = {}): Promise<void> {
    const chooser = this.page.waitForEvent("filechooser");
    if (viaKeyboard) await this.page.keyboard.press("Enter");
    else await this.fileControl(label).click();
    await (await chooser).setFiles(paths);
    if (this.js && expectListed) {
      for (const path of paths)
        await expect(this.removeButton(path.split("/").pop()!)).toBeVisible({ timeout: 15_000 });
    }
  }

  removeButton(fileName: string): Locator {
    return this.button(this.t.attachments.remove.replace("{name}", fileName));
  }

  /** An upload step (bijlagen, machtiging): arrived, uploader ready, then scanned. */
  async atUploadStep(slug: string, heading: string, labels: string[]): Promise<void> {
    await this.at(slug, heading, false);
    await this.uploadsReady(labels);
    if (this.axe) await this.scan();
  }

  /** Attachments step: add files per category (label → paths) and continue. */
  async addAttachments(files: { label: string; paths: string[] }[]): Promise<void> {
    await this.atUploadStep("bijlagen", this.t.attachments.title, [this.t.attachments.categoryMunicipalityAnswer]);
    for (const f of files) await this.chooseFiles(f.label, f.paths);
    await this.continue();
  }

  /** Check page: consent, send, and the confirmation page. Returns the dossier number. */
  async submit(): Promise<string> {
    const r = this.t.review;
    await this.at("controleren", r.title);
    await this.page.getByRole("checkbox", { name: r.consentCheckbox }).check();
    await this.press(this.button(r.submit));
    return this.expectConfirmation();
  }

  async expectConfirmation(): Promise<string> {
    await this.at("verzonden", this.t.confirmation.title);
    const number = this.page.getByText(/^OMA-\d{4}-\d{5}$/);
    await expect(number).toHaveText(new RegExp(`^OMA-${today().slice(0, 4)}-\\d{5}$`));
    return (await number.textContent())!.trim();
  }

  /**
   * The confirmation page promises contact by today + 14 days (Amsterdam calendar date), written
   * out with the weekday: "maandag 14 december 2026".
   */
  async expectContactDate(channel: "email" | "phone" = "email"): Promise<void> {
    const c = this.t.confirmation;
    const due = longDate(addDays(today(), 14), this.lang, true);
    const sentence = c.next2
      .replace("{date}", due)
      .replace("{channel}", channel === "phone" ? c.channelPhone : c.channelEmail);
    await expect(this.page.getByText(sentence, { exact: true })).toBeVisible();
  }

  /** Polls the development mailbox until the confirmation for `number` shows as sent to `to`. */
  async expectConfirmationMail(number: string, to: string): Promise<void> {
    const subject = this.t.mail.subject.replace("{number}", number);
    const mail = this.page.getByRole("article", { name: subject });
    await expect(async () => {
      await this.page.goto("/ontwikkeling/mailbox");
      await expect(mail).toBeVisible({ timeout: 500 });
      await expect(mail).toContainText(to, { timeout: 500 });
      // The status line of the mailbox entry: the in-app worker delivered it.
      await expect(mail.locator("dd").nth(1)).toHaveText("sent", { timeout: 500 });
    }).toPass({ timeout: 20_000, intervals: [250, 500, 1000] });
    await expect(mail).toContainText(number);
    await expect(mail).toContainText(longDate(addDays(today(), 14), this.lang, true));
  }
}

// ---------------------------------------------------------------------------------------------
// Keyboard only
// ---------------------------------------------------------------------------------------------

/** Presses Tab (or Shift+Tab) until `target` has focus; fails when it is not reachable. */
export async function tabTo(page: Page, target: Locator, { max = 60, backwards = false } = {}): Promise<void> {
  await expect(target).toBeAttached();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    if (await target.evaluate((el) => el === document.activeElement, undefined, { timeout: 2000 })) return;
  }
  throw new Error(`not reachable with ${backwards ? "Shift+Tab" : "Tab"} in ${max} presses: ${target}`);
}

/**
 * Chooses a radio button by keyboard: Tab into the group (which lands on its checked or first
 * radio), arrow keys to the wanted one, Space when the arrows did not already select it.
 */
export async function chooseRadioByKeyboard(page: Page, group: Locator, label: string): Promise<void> {
  const radios = group.getByRole("radio");
  const target = group.getByRole("radio", { name: label, exact: true });
  const focusedIndex = () => radios.evaluateAll((els) => els.findIndex((el) => el === document.activeElement));
  for (let i = 0; i < 80 && (await focusedIndex()) < 0; i++) await page.keyboard.press("Tab");
  const from = await focusedIndex();
  if (from < 0) throw new Error(`radio group not reachable with Tab: ${group}`);
  const labels = await radios.evaluateAll((els) =>
    els.map((el) => (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? ""),
  );
  const to = labels.indexOf(label);
  if (to < 0) throw new Error(`no radio "${label}" in ${labels.join(", ")}`);
  for (let i = from; i < to; i++) await page.keyboard.press("ArrowDown");
  for (let i = from; i > to; i--) await page.keyboard.press("ArrowUp");
  await expect(target).toBeFocused();
  if (!(await target.isChecked())) await page.keyboard.press("Space");
  await expect(target).toBeChecked();
}

/** Types into the focused field after checking it is the one expected (keyboard-only walk). */
export async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await expect(field).toBeFocused();
  await page.keyboard.type(text);
}

// ---------------------------------------------------------------------------------------------
// Uploads (test/e2e/uploads.spec.ts, test/e2e/uploads.s3.spec.ts)
// ---------------------------------------------------------------------------------------------

/** The answers that lead to an eligible outcome with an answer from the municipality (which makes it required). */
const ELIGIBLE_ANSWERED: AnswerCheck = {
  municipality: "Amsterdam",
  topic: "conduct",
  courtCase: false,
  complainedFirst: true,
  receivedOn: daysAgo(80),
  answer: { answeredOn: daysAgo(20) },
};

export const REPRESENTATIVE_CONTACT: ContactInput = {
  name: "Jan de Vries",
  street: "Keizersgracht",
  houseNumber: "12-2",
  postcode: "1015 CJ",
  city: "Amsterdam",
  email: "jan.de.vries@example.nl",
  preferred: "email",
};
export const REPRESENTED_PERSON = {
  name: "Anna de Vries",
  street: "Javastraat",
  houseNumber: "80A",
  postcode: "1094hj",
  city: "Amsterdam",
};

/**
 * A fresh draft walked to the attachment step (for oneself), or for someone else to the mandate
 * step, without axe scans on the way; arrives with the uploader (or, without JavaScript, the file
 * input) ready. `f.axe` is restored afterwards.
 */
export async function walkToUploadStep(f: IntakeForm, step: "bijlagen" | "machtiging"): Promise<void> {
  const axe = f.axe;
  f.axe = false;
  try {
    await f.start();
    await f.answerCheck(ELIGIBLE_ANSWERED);
    await f.acceptOutcome();
    if (step === "bijlagen") {
      await f.chooseForWhom("self");
      await f.fillContact(RESIDENT);
      await f.fillComplaint({ ...COMPLAINT, date: daysAgo(100) });
      await f.atUploadStep("bijlagen", f.t.attachments.title, [f.t.attachments.categoryMunicipalityAnswer]);
    } else {
      await f.chooseForWhom("other");
      await f.fillContact(REPRESENTATIVE_CONTACT, { representative: true });
      await f.fillRepresented(REPRESENTED_PERSON);
      await f.atUploadStep("machtiging", f.t.mandate.title, [f.t.mandate.uploadLabel]);
    }
  } finally {
    f.axe = axe;
  }
}

/**
 * A file of `bytes` bytes in `dir` that starts with `head` (a PDF header by default) followed by
 * random bytes; written in 1 MB blocks, so large files are generated at test time, never committed.
 */
export function writeTestFile(
  dir: string,
  name: string,
  bytes: number,
  head: string | Buffer = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n",
): string {
  const file = path.join(dir, name);
  const fd = fs.openSync(file, "w");
  try {
    const start = typeof head === "string" ? Buffer.from(head, "latin1") : head;
    fs.writeSync(fd, start);
    const block = randomBytes(1024 * 1024);
    for (let written = start.length; written < bytes;) {
      const n = Math.min(block.length, bytes - written);
      fs.writeSync(fd, block, 0, n);
      written += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

/** The size as the page's list of added files shows it (app/i18n/format.ts, formatSize). */
export function shownSize(bytes: number, lang: Lang): string {
  const fmt = new Intl.NumberFormat(lang === "en" ? "en-GB" : "nl-NL", { maximumFractionDigits: 1 });
  return bytes >= 1048576
    ? `${fmt.format(bytes / 1048576)} MB`
    : `${fmt.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

/**
 * Everything on the page a Content Security Policy refused while the test ran: console errors
 * that name the policy and `securitypolicyviolation` events (recorded in every document).
 */
export async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const found: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) found.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations?: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__cspViolations!.push(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  return async () => {
    const inPage = await page
      .evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])
      .catch(() => [] as string[]);
    return [...found, ...inPage.map((v) => `event: ${v}`)];
  };
}

/** Small files the upload steps must refuse; the renamed copies are made at test time. */
export const REFUSED_FIXTURES = { html: "test/fixtures/pagina.html", svg: "test/fixtures/tekening.svg" } as const;

/**
 * Four files the upload check must refuse, as files in `dir`: an .exe renamed to .pdf, an HTML page
 * named .pdf, the same page as .html, and an SVG image (with a script inside).
 */
export function refusedFiles(dir: string): string[] {
  const exeAsPdf = path.join(dir, "programma.pdf");
  const htmlAsPdf = path.join(dir, "pagina.pdf");
  fs.copyFileSync(FIXTURES.executable, exeAsPdf);
  fs.copyFileSync(REFUSED_FIXTURES.html, htmlAsPdf);
  return [exeAsPdf, htmlAsPdf, REFUSED_FIXTURES.html, REFUSED_FIXTURES.svg];
}

export const baseName = (file: string) => path.basename(file);

/** The per-file limit the step states ("Per bestand maximaal 25 MB"), in MB. */
export async function perFileLimitMb(f: IntakeForm): Promise<number> {
  const re = f.lang === "nl" ? /Per bestand maximaal (\d+) MB/ : /At most (\d+) MB per file/;
  const text = await f.page.getByText(re).first().textContent();
  const mb = Number(re.exec(text ?? "")?.[1]);
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`no per-file limit on the page: ${text}`);
  return mb;
}

/**
 * Records every value that a progress bar on the page (Uppy's status bar: role progressbar,
 * aria-valuenow 0–100) takes from now on; the returned function reads them.
 */
export async function recordProgress(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { __progress: number[] };
    w.__progress = [];
    const read = () => {
      for (const el of document.querySelectorAll('[role="progressbar"]')) {
        const v = Number(el.getAttribute("aria-valuenow"));
        if (Number.isFinite(v) && w.__progress[w.__progress.length - 1] !== v) w.__progress.push(v);
      }
    };
    new MutationObserver(read).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["aria-valuenow"],
    });
  });
  return () => page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);
}

/** The page's own (server-rendered) list entry of an added file: its name, size and remove button. */
export function listedFile(f: IntakeForm, fileName: string): Locator {
  return f.page.getByRole("listitem").filter({ has: f.removeButton(fileName) });
}

/** The refusal of a file that is no PDF, image or document, as an alert. */
export function badTypeAlert(f: IntakeForm, fileName: string): Locator {
  return f.page.getByRole("alert").filter({ hasText: f.t.attachments.badType.replace("{name}", fileName) });
}
