/**
 * The case handlers' back office end to end, in Chromium.
 *
 * One journey covers a whole case: a resident submits a complaint; the coordinator
 * notes this month's first-contact figures; the demo case handler turns on the second sign-in
 * step, signs in with password and code, finds the new dossier at the top of the queue, takes
 * it, records a phone contact (in time), moves it to intervention and closes it with an outcome;
 * the history lists every step in order; the coordinator's figures and chart change with it, and
 * the audit log shows who looked and what changed, from which address.
 *
 * The other tests: the staff intake of a phone complaint that comes too early (the override),
 * the queue's filters, search, pages and CSV export, the pages in English, and who may see what.
 *
 * Axe (WCAG 2.0/2.1/2.2 A+AA, support.ts) scans every back-office page visited, in its states
 * (empty, with errors, after actions); the scans are soft, so one run names every violation.
 * The tests run in order in one file: the journey first, while the new dossier is the only one
 * due that day, then the tests that fill the queue. Each finds or makes the dossiers it needs.
 */
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import {
  COMPLAINT,
  FIXTURES,
  IntakeForm,
  RESIDENT,
  addDays,
  daysAgo,
  longDate,
  receiptWithPlainTerm,
  today,
  type ContactInput,
} from "./intake-helpers";
import {
  EN,
  NL,
  action,
  chartNotes,
  complianceChart,
  complianceRow,
  doneMessage,
  escapeRegExp,
  expectAtTop,
  expectedShare,
  fact,
  fill,
  freshCode,
  monthLabel,
  openAs,
  plainDate,
  queueRows,
  registerByPost,
  scan,
  signOut,
  timeline,
  totp,
  turnOffLeftoverTotp,
  viewCount,
  viewLink,
  wrongCode,
} from "./back-office-helpers";
import { totpCode, totpStep } from "../../app/auth/totp.server";
import { DEMO, signIn } from "./support";

const CALLER_EMAIL = "daan.visser@example.nl";
const COMPLAINANT: ContactInput = { ...RESIDENT, name: "Noor Terpstra", email: "noor.terpstra@example.nl" };

test.afterEach(async ({ browser, baseURL }, testInfo) => {
  if (!totp.state) return;
  testInfo.setTimeout(testInfo.timeout + 60_000);
  await turnOffLeftoverTotp(browser, baseURL!);
});

/** The case handler's name, from the queue's greeting "Welkom, {name}. U bent ingelogd als behandelaar." */
async function ownName(page: Page): Promise<string> {
  const greeting = page.getByText(/^Welkom, .+\. U bent ingelogd als /);
  const text = (await greeting.textContent()) ?? "";
  return /^Welkom, (.+)\. U bent ingelogd als /.exec(text)![1]!;
}

test("a new complaint from the queue to closed: second step, contact in time, intervention, outcome; history, compliance figures and audit log", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const q = NL.queue;
  const c = NL.casework;
  const d = NL.dossier;
  const o = NL.overview;
  const a = NL.account;
  const day = today();

  // 1. A resident submits a complaint through the public form (no answer from the municipality in time).
  const number = await test.step("a resident submits a complaint", async () => {
    const context = await browser.newContext({ baseURL });
    try {
      const f = new IntakeForm(await context.newPage(), { axe: false });
      const { receivedOn } = receiptWithPlainTerm(70);
      await f.start();
      await f.answerCheck({
        municipality: "Amsterdam",
        topic: "conduct",
        courtCase: false,
        complainedFirst: true,
        receivedOn,
        answer: "none",
      });
      await f.acceptOutcome();
      await f.chooseForWhom("self");
      await f.fillContact(COMPLAINANT);
      await f.fillComplaint({ ...COMPLAINT, date: daysAgo(90) });
      await f.addAttachments([]);
      return await f.submit();
    } finally {
      await context.close();
    }
  });

  const coordinator = await openAs(browser, baseURL!, DEMO.coordinator);
  try {
    // 2. The coordinator's figures for this month before anyone worked the dossier.
    const before = await test.step("the coordinator notes this month's first-contact figures", async () => {
      await expect(coordinator).toHaveURL(/\/behandelaar$/);
      await coordinator.getByRole("link", { name: q.coordinatorOverview }).click();
      await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText(o.title);
      const row = await complianceRow(coordinator);
      expect(row.submitted, "the new dossier counts for this month").toBeGreaterThanOrEqual(1);
      expect(row.notYetDue, "its contact date is still to come").toBeGreaterThanOrEqual(1);
      expect(row.share).toBe(expectedShare(row));
      const chart = complianceChart(coordinator);
      await expect(chart).toBeVisible();
      const [y, m] = day.split("-").map(Number) as [number, number];
      const firstMonth = new Date(Date.UTC(y, m - 1 - 11, 1)).toISOString().slice(0, 10);
      const title = fill(o.chartTitle, { from: monthLabel(firstMonth), to: monthLabel(day) });
      const summary = ((await chart.locator("desc").textContent()) ?? "").trim();
      expect(summary, "the chart has a text summary").not.toBe("");
      await expect(chart).toHaveAccessibleName(`${title} ${summary}`);
      const notes = await chartNotes(chart);
      expect(notes, "a figure above each of the 12 months").toHaveLength(12);
      expect(notes.at(-1), "this month's bar shows the table's share").toBe(row.share === o.noShare ? "–" : row.share);
      await scan(coordinator, "overview (nl)");
      return { row, summary };
    });

    // 3. The case handler turns on the second step and signs in with password and code.
    await test.step("the case handler turns on the second step", async () => {
      await signIn(page, DEMO.caseHandler);
      await expect(page).toHaveURL(/\/behandelaar$/);
      await page.getByRole("link", { name: q.twoFactor }).click();
      await expect(page).toHaveURL(/\/account\/tweede-stap$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.setup.title);
      await expect(page.getByRole("img", { name: a.setup.qrAlt })).toBeVisible();
      await scan(page, "second step: set-up (nl)");
      const key = (await page.getByText(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/).textContent())!;
      const secret = key.replace(/ /g, "");
      const step = totpStep(Date.now());
      totp.state = { secret, lastStep: step };
      await page.getByLabel(a.codeLabel, { exact: true }).fill(totpCode(secret, step));
      await page.getByRole("button", { name: a.setup.submit }).click();
      await expect(page.getByText(a.enabled.justEnabled)).toBeVisible();
      await scan(page, "second step: turned on (nl)");
    });

    await test.step("…signs out, and in again with password and code", async () => {
      await signOut(page);
      await signIn(page, DEMO.caseHandler);
      await expect(page).toHaveURL(/\/inloggen\/code$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.code.title);
      await scan(page, "sign-in code (nl)");
      const codeField = page.getByLabel(a.codeLabel, { exact: true });
      await codeField.fill(wrongCode(totp.state!.secret));
      await page.getByRole("button", { name: a.code.submit }).click();
      await expect(page.getByRole("alert")).toContainText(NL.form.errorSummaryHeading);
      await expect(page.getByRole("alert")).toContainText(a.code.invalid);
      await scan(page, "sign-in code with an error (nl)");
      await codeField.fill(await freshCode(totp.state!));
      await page.getByRole("button", { name: a.code.submit }).click();
      await expect(page).toHaveURL(/\/behandelaar$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(q.title);
    });
    const handler = await ownName(page);

    // 4. The queue: the new dossier due in 14 days, so not in "Deze week" (today + 7 days at most);
    // at the top of "Niet toegewezen" and of "Alle", both sorted by deadline, earliest first.
    await test.step("the new dossier is at the top of the queue, sorted by deadline", async () => {
      await scan(page, "queue, default view (nl)");
      await expect(page.getByRole("table")).toHaveAccessibleName(
        fill(q.caption, { view: q.views.all.toLowerCase(), sort: q.captionSortDeadline }),
      );
      await expectAtTop(page, number);

      await viewLink(page, "nl", "week").click();
      await expect(page).toHaveURL(/weergave=week/);
      await expect(viewLink(page, "nl", "week")).toHaveAttribute("aria-current", "page");
      await expect(
        page.getByRole("link", { name: number, exact: true }),
        "due in 14 days: not in the 7-day view",
      ).toHaveCount(0);
      await scan(page, "queue, view Deze week (nl)");

      await viewLink(page, "nl", "unassigned").click();
      await expect(page).toHaveURL(/weergave=unassigned/);
      await expect(page.getByRole("table")).toHaveAccessibleName(
        fill(q.caption, { view: q.views.unassigned.toLowerCase(), sort: q.captionSortDeadline }),
      );
      const index = await expectAtTop(page, number);
      test
        .info()
        .annotations.push({ type: "queue", description: `${number} is row ${index + 1} of "Niet toegewezen"` });
      const row = queueRows(page).nth(index);
      await expect(row).toContainText(COMPLAINANT.name);
      await expect(row).toContainText(d.statuses.received);
      await expect(row).toContainText(q.unassigned);
      await expect(row).toContainText(fill(q.dueInDays, { days: 14 }));
      await expect(row).toContainText(q.dueKinds.contact);
      await scan(page, "queue, view Niet toegewezen (nl)");
      await row.getByRole("link", { name: number, exact: true }).click();
    });

    // 5. The dossier page: take it, record a phone contact today.
    await test.step("the handler takes the dossier and records a phone contact", async () => {
      await expect(page).toHaveURL(new RegExp(`/behandelaar/dossiers/${number}$`));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(fill(d.title, { number }));
      await expect(fact(page, d.summaryStatus)).toHaveText(d.statuses.received);
      await expect(fact(page, c.assignee)).toHaveText(c.unassigned);
      await expect(fact(page, d.summaryContactDue)).toHaveText(
        `${longDate(addDays(day, 14), "nl", true)} (${fill(d.contactDueInDays, { days: 14 })})`,
      );
      await scan(page, "dossier page, new (nl)");

      await action(page, c.assignHeading).getByRole("button", { name: c.takeSubmit }).click();
      await expect(doneMessage(page, c.done.assign)).toBeVisible();
      await expect(action(page, c.assignHeading)).toContainText(c.assignedToYou);
      await expect(fact(page, c.assignee)).toHaveText(handler);

      const contact = action(page, c.contactHeading);
      await contact
        .getByRole("group", { name: c.contactChannel })
        .getByRole("radio", { name: d.contactChannels.phone, exact: true })
        .check();
      await contact.getByLabel(c.contactDate, { exact: true }).fill(day);
      await contact
        .getByRole("textbox", { name: c.contactSummary })
        .fill("Gebeld met mevrouw Terpstra. De gemeente belt haar deze week terug over de parkeervergunning.");
      await contact.getByRole("button", { name: c.contactSubmit }).click();
      await expect(doneMessage(page, c.done.record_contact)).toBeVisible();
      // The first contact, today: within the 14-day promise. A dossier still "received" moves to intake.
      await expect(fact(page, d.summaryFirstContact)).toContainText(
        `${longDate(day, "nl", true)} (${c.firstContactOnTime})`,
      );
      await expect(fact(page, d.summaryFirstContact)).toContainText(
        fill(c.firstContactPromise, { date: longDate(addDays(day, 14), "nl", true) }),
      );
      await expect(fact(page, d.summaryStatus)).toHaveText(d.statuses.intake);
      const contacts = page.getByRole("table", { name: fill(c.contactsCaption, { number }) });
      await expect(contacts.getByRole("row")).toHaveCount(2);
      await expect(contacts).toContainText(d.contactChannels.phone);
      await expect(contacts).toContainText(handler);
      await scan(page, "dossier page, after take and contact (nl)");
    });

    // 6. Intervention, then closing: first without an outcome (an error), then with one.
    await test.step("the handler moves it to intervention and closes it with an outcome", async () => {
      const status = action(page, c.statusHeading);
      await expect(status).toContainText(fill(c.statusCurrent, { status: d.statuses.intake }));
      await status
        .getByRole("group", { name: c.statusTo })
        .getByRole("radio", { name: d.statuses.intervention, exact: true })
        .check();
      await status.getByRole("button", { name: c.statusSubmit }).click();
      await expect(doneMessage(page, c.done.change_status)).toBeVisible();
      await expect(fact(page, d.summaryStatus)).toHaveText(d.statuses.intervention);

      await status
        .getByRole("group", { name: c.statusTo })
        .getByRole("radio", { name: d.statuses.closed, exact: true })
        .check();
      await status.getByRole("button", { name: c.statusSubmit }).click();
      const summary = status.getByRole("alert");
      await expect(summary).toBeVisible();
      await expect(summary.getByRole("heading", { level: 2 })).toHaveText("Verbeter de fouten voor u verder gaat");
      await expect(summary.getByRole("link")).toHaveText(["Kies een uitkomst om het dossier af te sluiten."]);
      const outcome = status.getByRole("combobox", { name: c.outcome });
      await expect(outcome).toHaveAttribute("aria-invalid", "true");
      await expect(outcome).toHaveAccessibleDescription(/Invoerfout: Kies een uitkomst om het dossier af te sluiten\./);
      await expect(fact(page, d.summaryStatus), "nothing changed").toHaveText(d.statuses.intervention);
      await scan(page, "dossier page, closing without an outcome (nl)");

      await outcome.selectOption({ label: c.outcomes.resolved_after_intervention });
      await status
        .getByRole("textbox", { name: new RegExp(`^${c.statusExplanation}`) })
        .fill("De gemeente heeft mevrouw teruggebeld en de vergunning alsnog verleend.");
      await status.getByRole("button", { name: c.statusSubmit }).click();
      await expect(doneMessage(page, c.done.change_status)).toBeVisible();
      await expect(fact(page, d.summaryStatus)).toHaveText(d.statuses.closed);
      await expect(page.getByRole("heading", { level: 2, name: c.closedHeading, exact: true })).toBeVisible();
      await expect(fact(page, c.outcomeLabel)).toHaveText(c.outcomes.resolved_after_intervention);
      await expect(page.getByText(c.closedNotice)).toBeVisible();
      await expect(action(page, c.statusHeading), "a closed dossier has no status form").toHaveCount(0);
      await scan(page, "dossier page, closed (nl)");
    });

    // 7. The history, in order.
    await test.step("the history lists every step in order", async () => {
      const by = fill(d.eventBy, { name: handler });
      const status = (from: keyof typeof d.statuses, to: keyof typeof d.statuses) =>
        `${d.eventTypes.status_changed} (${fill(c.eventDetails.status, { from: d.statuses[from], to: d.statuses[to] })}`;
      expect(await timeline(page)).toEqual([
        d.eventTypes.submitted,
        d.eventTypes.mail_queued,
        `${d.eventTypes.assigned} (${handler}) ${by}`,
        `${d.eventTypes.contact_recorded} (${d.contactChannels.phone}, ${plainDate(day)}, ${c.eventDetails.firstContact}) ${by}`,
        `${status("received", "intake")}) ${by}`,
        `${status("intake", "intervention")}) ${by}`,
        // The explanation written with the closing, under the entry.
        `${status("intervention", "closed")}, ${c.outcomes.resolved_after_intervention}) ${by} ${fill(d.eventExplanation, { text: "De gemeente heeft mevrouw teruggebeld en de vergunning alsnog verleend." })}`,
      ]);
    });

    // 8. The coordinator's figures: one more first contact in time this month, one fewer still due.
    await test.step("the coordinator's compliance figures and chart change", async () => {
      await coordinator.reload();
      const after = await complianceRow(coordinator);
      expect(after).toEqual({
        ...before.row,
        inTime: before.row.inTime + 1,
        notYetDue: before.row.notYetDue - 1,
        share: expectedShare({ ...before.row, inTime: before.row.inTime + 1, notYetDue: before.row.notYetDue - 1 }),
      });
      expect(after.share).toMatch(/^\d+%$/);
      const chart = complianceChart(coordinator);
      // The text alternative now names a month with a share; this month's bar is labelled with it.
      const summary = ((await chart.locator("desc").textContent()) ?? "").trim();
      expect(summary).toContain(o.chartSummary.slice(0, o.chartSummary.indexOf("{")).trim());
      await expect(chart).toHaveAccessibleName(new RegExp(`${escapeRegExp(summary)}$`));
      if (before.row.share === o.noShare)
        expect(summary, "the text alternative changed with the figures").not.toEqual(before.summary);
      expect((await chartNotes(chart)).at(-1)).toBe(after.share);
      await scan(coordinator, "overview after the contact (nl)");
    });

    // 9. The audit log: the views, the assignment, the contact and the status changes, with the address.
    await test.step("the coordinator reads the dossier's audit log", async () => {
      await coordinator.goto(`/behandelaar/dossiers/${number}/audit`);
      const t = o.audit;
      await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText(fill(t.title, { number }));
      const log = coordinator.getByRole("table", { name: fill(t.caption, { number, page: 1, pages: 1 }) });
      const rows = log.getByRole("row").filter({ has: coordinator.getByRole("rowheader") });
      const byAction = (what: string) =>
        rows.filter({ has: coordinator.getByRole("cell", { name: what, exact: true }) });
      await expect(byAction(t.actions["dossier.status_changed"])).toHaveCount(3);
      await expect(byAction(t.actions["dossier.contact_recorded"])).toHaveCount(1);
      await expect(byAction(t.actions["dossier.assigned"])).toHaveCount(1);
      expect(
        await byAction(t.actions["dossier.viewed"]).count(),
        "every view of the dossier page",
      ).toBeGreaterThanOrEqual(5);
      for (const row of await rows.all()) {
        const cells = row.getByRole("cell");
        const what = (await cells.nth(1).textContent())?.trim();
        if (
          [
            t.actions["dossier.viewed"],
            t.actions["dossier.status_changed"],
            t.actions["dossier.contact_recorded"],
          ].includes(what ?? "")
        ) {
          await expect(cells.nth(0), `who: ${what}`).toContainText(handler);
          await expect(cells.nth(0), `role: ${what}`).toContainText(t.roles.case_handler);
          await expect(cells.nth(2), `IP address of: ${what}`).toHaveText(
            /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f:.]+:[0-9a-f:.]+$/i,
          );
        }
      }
      // Newest first: the closing is above the contact.
      const actions = (await rows.locator("td:nth-of-type(2)").allTextContents()).map((s) => s.trim());
      expect(actions.indexOf(t.actions["dossier.status_changed"])).toBeLessThan(
        actions.indexOf(t.actions["dossier.contact_recorded"]),
      );
      await expect(coordinator.getByText(/^\d+ registraties\. Pagina 1 van 1\.$/)).toBeVisible();
      await scan(coordinator, "audit log (nl)");
    });

    // Finally: the second step off again, so other suites sign in with the password alone.
    await test.step("the case handler turns the second step off again", async () => {
      await page.goto("/account/tweede-stap");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.setup.title);
      await page.getByRole("button", { name: a.enabled.disableSubmit }).click();
      await expect(page.getByText(a.disabled.justDisabled)).toBeVisible();
      totp.state = null;
    });
  } finally {
    await coordinator.context().close();
  }
});

test("staff intake: a phone complaint that comes too early needs a reason, becomes a dossier with that reason, and is worked (note, clock, document, mail)", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const s = NL.staffIntake;
  const ti = NL.intake;
  const d = NL.dossier;
  await signIn(page, DEMO.caseHandler);
  await expect(page).toHaveURL(/\/behandelaar$/);
  const handler = await ownName(page);
  await page.getByRole("link", { name: NL.queue.registerComplaint }).click();
  await expect(page).toHaveURL(/\/behandelaar\/nieuw$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(s.title);
  await scan(page, "staff intake, empty (nl)");

  const submit = page.getByRole("button", { name: s.submit, exact: true });
  const summary = page
    .getByRole("alert")
    .filter({ has: page.getByRole("heading", { name: NL.form.errorSummaryHeading }) });
  await submit.click();
  await expect(summary).toBeVisible();
  await expect(summary).toContainText(s.channel.required);
  await expect(summary).toContainText(s.municipality.required);
  await expect(summary).toContainText(s.topic.required);
  await expect(page.getByRole("group", { name: s.channel.legend })).toHaveAccessibleDescription(
    new RegExp(`${NL.form.errorPrefix} ${escapeRegExp(s.channel.required)}`),
  );
  await scan(page, "staff intake with errors (nl)");

  // Received ten-odd days ago, no answer yet: the municipality's six weeks are still running.
  const { receivedOn, term } = receiptWithPlainTerm(10);
  const group = (name: string) => page.getByRole("group", { name, exact: true });
  const choose = (legend: string, label: string) =>
    group(legend).getByRole("radio", { name: label, exact: true }).check();
  const date = async (legend: string, iso: string) => {
    const [y, m, dd] = iso.split("-");
    await group(legend)
      .getByRole("textbox", { name: ti.date.day, exact: true })
      .fill(String(Number(dd)));
    await group(legend)
      .getByRole("textbox", { name: ti.date.month, exact: true })
      .fill(String(Number(m)));
    await group(legend).getByRole("textbox", { name: ti.date.year, exact: true }).fill(y!);
  };
  await choose(s.channel.legend, s.channel.phone);
  await choose(s.municipality.legend, "Amsterdam");
  await choose(s.topic.legend, s.topic.conduct);
  await choose(s.court.legend, s.no);
  await choose(s.firstLine.legend, s.yes);
  await date(s.firstLineDates.receivedOn, receivedOn);
  await choose(s.firstLineDates.answerStatus, s.firstLineDates.notAnswered);
  const complainant = group(s.complainant.legend);
  const text = (scope: typeof complainant, label: string) =>
    scope.getByRole("textbox", { name: new RegExp(`^${escapeRegExp(label)}`) });
  await text(complainant, ti.contact.name).fill("Daan Visser");
  await text(complainant, ti.contact.street).fill("Javastraat");
  await text(complainant, ti.contact.houseNumber).fill("80A");
  await text(complainant, ti.contact.postcode).fill("1094 HJ");
  await text(complainant, ti.contact.city).fill("Amsterdam");
  await text(complainant, ti.contact.email).fill(CALLER_EMAIL);
  await text(complainant, ti.contact.phone).fill("06 87654321");
  await choose(s.complainant.preferred, ti.contact.byPhone);
  await choose(s.representative.question, s.no);
  const complaint = group(s.complaint.legend);
  await text(complaint, ti.complaint.text).fill(
    "Ik wacht al weken op een antwoord van de gemeente over mijn bijstandsuitkering.",
  );
  await text(complaint, ti.complaint.place).fill("Aan de telefoon");
  await date(ti.complaint.date, daysAgo(12));

  // Without a reason: one error, at the reason field, saying until when the municipality has time.
  await submit.click();
  const tooEarly = `${fill(s.override.tooEarly, { deadline: plainDate(term), from: plainDate(addDays(term, 1)) })} ${fill(s.override.required, { min: 10 })}`;
  await expect(summary.getByRole("link")).toHaveText([tooEarly]);
  const reason = page.getByRole("textbox", { name: new RegExp(`^${escapeRegExp(s.override.label)}`) });
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(reason).toHaveAccessibleDescription(new RegExp(escapeRegExp(`${NL.form.errorPrefix} ${tooEarly}`)));
  await expect(page).toHaveURL(/\/behandelaar\/nieuw$/);
  await scan(page, "staff intake, too early without a reason (nl)");

  const why = "De klager is ernstig ziek en de gemeente heeft toegezegd niet binnen de termijn te kunnen antwoorden.";
  await reason.fill(why);
  await submit.click();
  await expect(page).toHaveURL(/\/behandelaar\/dossiers\/OMA-\d{4}-\d{5}$/);
  const number = /OMA-\d{4}-\d{5}$/.exec(page.url())![0];
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fill(d.title, { number }));
  await expect(fact(page, d.summaryChannel)).toHaveText(d.intakeChannels.phone);
  await expect(fact(page, NL.casework.assignee), "registered by the handler, so on their name").toHaveText(handler);
  await expect(fact(page, d.outcome)).toHaveText(d.outcomes.too_early);
  await expect(fact(page, d.handlingDeadline)).toContainText(longDate(term, "nl", true));
  await expect(fact(page, d.overrideReason)).toHaveText(why);
  const by = fill(d.eventBy, { name: handler });
  expect(await timeline(page)).toEqual([
    `${d.eventTypes.submitted} ${by}`,
    // Four eyes (on by default): the override waits for a coordinator (test/e2e/approvals.spec.ts).
    `${NL.approvals.eventTypes.approval_requested} (${NL.approvals.kinds.override}) ${by}`,
    `${d.eventTypes.mail_queued} ${by}`,
  ]);
  await scan(page, "dossier page of a registered complaint (nl)");

  // The other actions on an open dossier, each with its line in the history.
  const c = NL.casework;
  const day = today();
  await test.step("an internal note", async () => {
    const note = action(page, c.noteHeading);
    await note.getByRole("textbox", { name: c.noteLabel }).fill("Klager belt liever na 16.00 uur.");
    await note.getByRole("button", { name: c.noteSubmit }).click();
    await expect(doneMessage(page, c.done.add_note)).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "Klager belt liever na 16.00 uur." })).toContainText(
      c.noteInternal,
    );
  });

  await test.step("the clock stopped while waiting for the resident, and running again", async () => {
    const clock = action(page, c.clockHeading);
    await clock
      .getByRole("group", { name: c.pauseReason })
      .getByRole("radio", { name: c.pauseReasons.waiting_for_resident })
      .check();
    await clock.getByRole("textbox", { name: c.pauseExplanation }).fill("Gevraagd om de brief van de gemeente.");
    await expect(clock.getByLabel(c.pauseStart, { exact: true })).toHaveValue(day);
    await clock.getByRole("button", { name: c.pauseSubmit }).click();
    await expect(doneMessage(page, c.done.pause_clock)).toBeVisible();
    await expect(fact(page, c.handlingTarget)).toContainText(c.handlingTargetRunning);
    const resume = action(page, c.resumeHeading);
    await expect(resume).toContainText(
      fill(c.resumeRunning, { date: plainDate(day), reason: c.pauseReasons.waiting_for_resident }),
    );
    await resume.getByRole("button", { name: c.resumeSubmit }).click();
    await expect(doneMessage(page, c.done.resume_clock)).toBeVisible();
    const pauses = page.getByRole("table", { name: fill(c.pausesCaption, { number }) });
    await expect(pauses.getByRole("rowheader")).toHaveText([
      fill(c.pausePeriod, { from: plainDate(day), to: plainDate(day) }),
    ]);
    await expect(action(page, c.clockHeading)).toBeVisible();
  });

  await test.step("a document for the ombudsman only, then shared", async () => {
    const doc = action(page, c.documentHeading);
    await doc.getByLabel(c.documentFile, { exact: true }).setInputFiles(FIXTURES.municipalityAnswer);
    await doc
      .getByRole("combobox", { name: c.documentCategory })
      .selectOption({ label: d.categories.municipality_answer });
    await doc
      .getByRole("group", { name: c.documentVisibility })
      .getByRole("radio", { name: c.visibilityInternal, exact: true })
      .check();
    await doc.getByRole("button", { name: c.documentSubmit }).click();
    await expect(doneMessage(page, c.done.add_document)).toBeVisible();
    const attachments = page.getByRole("table", { name: fill(d.attachmentsCaption, { number }) });
    const row = attachments.getByRole("row").filter({ hasText: "antwoord-gemeente.pdf" });
    await expect(row).toContainText(d.categories.municipality_answer);
    await expect(row).toContainText(c.visibilityInternal);
    // The button names its file (visually hidden); Chromium reads the hidden part with a space before the colon.
    await row
      .getByRole("textbox", { name: fill(c.visibilityReason, { name: "antwoord-gemeente.pdf" }) })
      .fill("De gemeente gaf toestemming om het te delen.");
    await row
      .getByRole("button", { name: new RegExp(`^${escapeRegExp(c.makeShared)}\\s?: antwoord-gemeente\\.pdf$`) })
      .click();
    await expect(doneMessage(page, c.done.set_visibility)).toBeVisible();
    await expect(attachments.getByRole("row").filter({ hasText: "antwoord-gemeente.pdf" })).toContainText(
      c.visibilityShared,
    );
  });

  const subject = await test.step("a mail from a standard text: the [ ] part must be filled in first", async () => {
    const mail = action(page, c.mailHeading);
    await expect(mail).toContainText(CALLER_EMAIL);
    await mail
      .getByRole("combobox", { name: c.mailTemplate })
      .selectOption({ label: c.mailTemplates.request_information.label });
    const subjectField = mail.getByRole("textbox", { name: c.mailSubject, exact: true });
    const body = mail.getByRole("textbox", { name: c.mailBody });
    await expect(subjectField).toHaveValue(`Wij hebben meer informatie nodig, dossier ${number}`);
    await expect(body).toHaveValue(/^Beste Daan Visser,/);
    await mail.getByRole("button", { name: c.mailSubmit }).click();
    await expect(mail.getByRole("alert").getByRole("link")).toHaveText([c.mailUnfilled]);
    await expect(body).toHaveAttribute("aria-invalid", "true");
    await scan(page, "dossier page, mail with an unfilled standard text (nl)");
    await body.fill(
      (await body.inputValue()).replace(/\[[^\]]*\]/, "Een kopie van de brief die u van de gemeente kreeg."),
    );
    const sent = await subjectField.inputValue();
    // Ticked by default while there was no contact yet; this mail only asks for a document.
    await mail.getByRole("checkbox", { name: c.mailCountsAsContact }).uncheck();
    await mail.getByRole("button", { name: c.mailSubmit }).click();
    await expect(doneMessage(page, c.done.send_mail)).toBeVisible();
    return sent;
  });

  expect((await timeline(page)).slice(3)).toEqual([
    `${d.eventTypes.note_added} ${by}`,
    `${d.eventTypes.clock_paused} (${fill(c.eventDetails.pause, { reason: c.pauseReasons.waiting_for_resident, date: plainDate(day) })}) ${by}`,
    `${d.eventTypes.clock_resumed} (${fill(c.eventDetails.resume, { date: plainDate(day), days: 0 })}) ${by}`,
    `${d.eventTypes.document_added} (${fill(c.eventDetails.document, { name: "antwoord-gemeente.pdf", visibility: c.visibilityInternal })}) ${by}`,
    `${d.eventTypes.visibility_changed} (${fill(c.eventDetails.visibilityReasoned, { name: "antwoord-gemeente.pdf", visibility: c.visibilityShared, reason: "De gemeente gaf toestemming om het te delen." })}) ${by}`,
    `${d.eventTypes.mail_sent} (${fill(c.eventDetails.mail, { subject, to: CALLER_EMAIL })}) ${by}`,
  ]);
  await scan(page, "dossier page after note, clock, document and mail (nl)");

  // The mail worker sends it (the development mailbox shows what would go out).
  const article = page.getByRole("article", { name: subject });
  await expect(async () => {
    await page.goto("/ontwikkeling/mailbox");
    await expect(article).toContainText(CALLER_EMAIL, { timeout: 500 });
    await expect(article.locator("dd").nth(1)).toHaveText("sent", { timeout: 500 });
  }).toPass({ timeout: 20_000, intervals: [250, 500, 1000] });
  await expect(article).toContainText("Een kopie van de brief die u van de gemeente kreeg.");
});

test("the queue: filters, a search without results, pages and the CSV export", async ({ page }) => {
  test.setTimeout(120_000);
  const q = NL.queue;
  await signIn(page, DEMO.coordinator);
  await expect(page).toHaveURL(/\/behandelaar$/);

  // Enough open dossiers for a second page (25 a page): registered through the staff intake
  // page's own form post, which is quicker than clicking through it 25 times.
  const open = await viewCount(page, "nl", "all");
  const missing = Math.max(0, 26 - open);
  for (let i = 0; i < missing; i++) {
    await registerByPost(page, {
      name: `Lotte Paginering ${String.fromCharCode(97 + (i % 26))}`,
      receivedOn: daysAgo(80),
      answer: { answeredOn: daysAgo(20) },
    });
  }
  await page.goto("/behandelaar");
  const all = await viewCount(page, "nl", "all");
  expect(all).toBeGreaterThanOrEqual(26);
  const pages = Math.ceil(all / 25);
  const status = page.getByRole("status").filter({ hasText: fill(q.resultCount, { count: all, page: 1, pages }) });
  await expect(status).toBeVisible();
  await expect(queueRows(page)).toHaveCount(25);
  const pagination = page.getByRole("navigation", { name: q.paginationLabel });
  await expect(pagination.getByRole("link", { name: fill(q.page, { page: 1 }), exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await scan(page, "queue with pages, page 1 (nl)");

  await pagination.getByRole("link", { name: q.nextPage }).click();
  await expect(page).toHaveURL(/pagina=2/);
  await expect(
    page.getByRole("status").filter({ hasText: fill(q.resultCount, { count: all, page: 2, pages }) }),
  ).toBeVisible();
  await expect(pagination.getByRole("link", { name: fill(q.page, { page: 2 }), exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(pagination.getByRole("link", { name: q.previousPage })).toBeVisible();
  await scan(page, "queue, page 2 (nl)");

  // A filter: status "Ontvangen" in Amsterdam, newest first.
  await page.getByLabel(q.status, { exact: true }).selectOption({ label: NL.dossier.statuses.received });
  await page.getByLabel(q.municipality, { exact: true }).selectOption({ label: "Amsterdam" });
  await page.getByRole("button", { name: q.apply }).click();
  await expect(page).toHaveURL(/status=received/);
  await expect(page).toHaveURL(/gemeente=amsterdam/);
  await expect(page).not.toHaveURL(/pagina=/);
  // The sort is a link in the column's header, which keeps the filters.
  await page.getByRole("columnheader", { name: q.colSubmitted }).getByRole("link").click();
  await expect(page).toHaveURL(/sorteer=ingediend/);
  await expect(page).toHaveURL(/status=received/);
  await expect(page.getByRole("table")).toHaveAccessibleName(
    fill(q.caption, { view: q.views.all.toLowerCase(), sort: q.captionSortNewest }),
  );
  await expect(page.getByRole("columnheader", { name: q.colSubmitted })).toHaveAttribute("aria-sort", "descending");
  for (const cell of await queueRows(page).locator("td:nth-of-type(3)").allTextContents())
    expect(cell).toBe(NL.dossier.statuses.received);
  for (const cell of await queueRows(page).locator("td:nth-of-type(1)").allTextContents())
    expect(cell).toBe("Amsterdam");
  await scan(page, "queue, filtered on status and municipality (nl)");

  // A search for a name nobody has: the empty state, no CSV link.
  await page.getByRole("link", { name: q.clear }).first().click();
  await expect(page).toHaveURL(/\/behandelaar$/);
  await page.getByRole("searchbox", { name: new RegExp(`^${escapeRegExp(q.search)}`) }).fill("Xantippe Onvindbaar");
  await page.getByRole("button", { name: q.apply }).click();
  await expect(page).toHaveURL(/zoek=Xantippe\+Onvindbaar/);
  await expect(page.getByRole("heading", { level: 3, name: q.emptyHeading })).toBeVisible();
  await expect(page.getByText(q.emptyFiltered)).toBeVisible();
  await expect(
    page.getByRole("status").filter({ hasText: fill(q.resultCount, { count: 0, page: 1, pages: 1 }) }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: q.exportCsv })).toHaveCount(0);
  await expect(page.getByRole("table")).toHaveCount(0);
  await scan(page, "queue, search without results (nl)");

  // The CSV export of the default view: the header, then one line per open dossier.
  await page.getByRole("link", { name: q.clear }).first().click();
  await expect(page).toHaveURL(/\/behandelaar$/);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: q.exportCsv }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`werkvoorraad-${today()}.csv`);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.startsWith("\uFEFF"), "a byte order mark for Excel").toBe(true);
  const lines = csv.slice(1).split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("dossiernummer;gemeente;klager;status;behandelaar;deadline;soort deadline;ingediend op");
  expect(lines).toHaveLength(all + 1);
  expect(lines[1]).toMatch(/^OMA-\d{4}-\d{5};/);
});

test("in English: the queue, a dossier page and the overview", async ({ page, context, baseURL }) => {
  test.setTimeout(90_000);
  await context.addCookies([{ name: "oma_lang", value: "en", url: baseURL! }]);
  const q = EN.queue;
  await signIn(page, DEMO.coordinator);
  await expect(page).toHaveURL(/\/behandelaar$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(q.title);
  if ((await viewCount(page, "en", "all")) === 0) {
    await registerByPost(page, { name: "Emma Engels", receivedOn: daysAgo(80), answer: { answeredOn: daysAgo(20) } });
    await page.goto("/behandelaar");
  }
  await expect(page.getByRole("table")).toHaveAccessibleName(
    fill(q.caption, { view: q.views.all.toLowerCase(), sort: q.captionSortDeadline }),
  );
  await scan(page, "queue (en)");

  await viewLink(page, "en", "unassigned").click();
  await expect(page).toHaveURL(/weergave=unassigned/);
  await scan(page, "queue, view Unassigned (en)");
  await viewLink(page, "en", "all").click();

  const first = queueRows(page).first().getByRole("rowheader").getByRole("link");
  const number = ((await first.textContent()) ?? "").trim();
  await first.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fill(EN.dossier.title, { number }));
  await expect(page.getByRole("heading", { level: 2, name: EN.casework.actionsHeading })).toBeVisible();
  await scan(page, "dossier page (en)");

  // An error state in English: a contact without a summary.
  const contact = action(page, EN.casework.contactHeading);
  await contact.getByRole("button", { name: EN.casework.contactSubmit }).click();
  await expect(contact.getByRole("alert")).toContainText("Please correct the errors before you continue");
  await expect(contact.getByRole("alert")).toContainText(EN.casework.contactChannelRequired);
  await scan(page, "dossier page with errors (en)");

  await page.goto("/behandelaar");
  await page.getByRole("link", { name: q.coordinatorOverview }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(EN.overview.title);
  await expect(page.getByRole("table", { name: EN.overview.complianceCaption })).toBeVisible();
  await expect(complianceChart(page, "en")).toBeVisible();
  await scan(page, "overview (en)");

  await page.goto(`/behandelaar/dossiers/${number}/audit`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fill(EN.overview.audit.title, { number }));
  await scan(page, "audit log (en)");
});

test("who may see what: signed out to the sign-in page, the municipality officer and the case handler refused", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  // A real dossier number, so a refusal is not a "not found".
  const coordinator = await openAs(browser, baseURL!, DEMO.coordinator);
  const number = await (async () => {
    try {
      const first = queueRows(coordinator).first().getByRole("rowheader");
      if ((await first.count()) > 0) return ((await first.textContent()) ?? "").trim();
      return await registerByPost(coordinator, {
        name: "Bas Toegang",
        receivedOn: daysAgo(80),
        answer: { answeredOn: daysAgo(20) },
      });
    } finally {
      await coordinator.context().close();
    }
  })();
  const dossier = `/behandelaar/dossiers/${number}`;
  const forbidden = NL.errors.forbiddenTitle;

  await test.step("signed out: to the sign-in page, and back after signing in", async () => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    try {
      for (const path of [
        "/behandelaar",
        dossier,
        "/behandelaar/overzicht",
        `${dossier}/audit`,
        "/behandelaar/nieuw",
      ]) {
        await page.goto(path);
        await expect(page, `${path} asks to sign in`).toHaveURL(
          new RegExp(`/inloggen\\?terug=${escapeRegExp(encodeURIComponent(path))}$`),
        );
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(NL.login.title);
      }
      const csv = await page.request.get("/behandelaar/export.csv", { maxRedirects: 0 });
      expect(csv.status()).toBe(302);
    } finally {
      await context.close();
    }
  });

  await test.step("the municipality officer: no access to the queue, and no dossier page (as if it did not exist)", async () => {
    const page = await openAs(browser, baseURL!, DEMO.officer);
    try {
      for (const path of ["/behandelaar", "/behandelaar/nieuw"]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(forbidden);
        await expect(page.getByText(NL.errors.forbiddenText)).toBeVisible();
      }
      expect((await page.request.get("/behandelaar/export.csv")).status()).toBe(403);
      await scan(page, "403 page for the municipality officer (nl)");
      // A dossier the officer cannot see answers like one that does not exist: the number is not confirmed.
      for (const path of [dossier, `${dossier}/audit`]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(404);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(NL.errors.notFoundTitle);
      }
      await scan(page, "404 page for the municipality officer on a dossier (nl)");
    } finally {
      await page.context().close();
    }
  });

  await test.step("the case handler: no overview and no audit log", async () => {
    const page = await openAs(browser, baseURL!, DEMO.caseHandler);
    try {
      await expect(
        page.getByRole("link", { name: NL.queue.coordinatorOverview }),
        "no link to the overview",
      ).toHaveCount(0);
      for (const path of ["/behandelaar/overzicht", `${dossier}/audit`]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(forbidden);
      }
      await scan(page, "403 page for the case handler (nl)");
    } finally {
      await page.context().close();
    }
  });
});
