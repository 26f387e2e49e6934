/**
 * Four eyes and after closing (issue 14), in Chromium: a case handler proposes to close a
 * never-contacted dossier as not taken up; it stays open, awaiting approval; a coordinator finds
 * it in the list, approves it (in English), and the dossier closes with both names in the
 * history; the handler sends the closing letter (mail and PDF) and reopens the dossier with a
 * reason, which explains the handling target again. Axe scans each new page and state.
 */
import { expect, test } from "@playwright/test";
import { daysAgo } from "./intake-helpers";
import {
  EN,
  NL,
  action,
  doneMessage,
  exactly,
  fact,
  fill,
  openAs,
  registerByPost,
  scan,
  timeline,
} from "./back-office-helpers";
import { DEMO } from "./support";

test("a handler proposes closing as not taken up, a coordinator approves; the closing letter; reopening", async ({
  browser,
  baseURL,
}) => {
  const handler = await openAs(browser, baseURL!, DEMO.caseHandler);
  const name = `Vier Ogen ${Date.now()}`;
  const number = await registerByPost(handler, {
    name,
    receivedOn: daysAgo(80),
    answer: { answeredOn: daysAgo(20) },
    email: `vier-ogen-${Date.now()}@example.test`,
  });
  const a = NL.approvals;
  const c = NL.casework;
  const d = NL.dossier;
  await handler.goto(`/behandelaar/dossiers/${number}`);

  const status = action(handler, c.statusHeading);
  await status.getByRole("group", { name: c.statusTo }).getByRole("radio", { name: d.statuses.closed }).check();
  // With the close fields: the hint that this outcome waits for a coordinator.
  await expect(status.getByText(a.closeNeedsApproval)).toBeVisible();
  await status.getByRole("combobox", { name: c.outcome }).selectOption({ label: c.outcomes.not_taken_up });
  await status.getByRole("combobox", { name: c.reason }).selectOption({ label: c.reasons.awb_9_23_b });
  await status.getByRole("textbox", { name: new RegExp(`^${c.statusExplanation}`) }).fill("Kennelijk ongegrond.");
  await status.getByRole("button", { name: c.statusSubmit }).click();
  await expect(doneMessage(handler, a.done.approval_requested)).toBeVisible();
  await expect(fact(handler, d.summaryStatus), "still open").toHaveText(d.statuses.received);
  await expect(handler.getByRole("heading", { level: 2, name: a.awaitingHeading })).toBeVisible();
  await expect(fact(handler, a.proposedOutcome)).toHaveText(c.outcomes.not_taken_up);
  await expect(handler.getByText(a.onlyCoordinator)).toBeVisible();
  await scan(handler, "dossier page, awaiting approval (nl)");

  // The list, in Dutch, from the queue's coordinator links.
  const coordinatorNl = await openAs(browser, baseURL!, DEMO.coordinator);
  await coordinatorNl.goto("/behandelaar");
  await coordinatorNl.getByRole("link", { name: NL.queue.pendingApprovals, exact: true }).click();
  await expect(coordinatorNl.getByRole("heading", { level: 1 })).toHaveText(a.listTitle);
  await expect(coordinatorNl.getByRole("link", { name: number })).toBeVisible();
  await scan(coordinatorNl, "pending approvals (nl)");
  await coordinatorNl.context().close();

  // The coordinator approves, in English.
  const coordinator = await openAs(browser, baseURL!, DEMO.coordinator, { lang: "en" });
  const e = EN.approvals;
  await coordinator.goto("/behandelaar/goedkeuringen");
  await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText(e.listTitle);
  await scan(coordinator, "pending approvals (en)");
  await coordinator.getByRole("link", { name: number }).click();
  await expect(coordinator.getByRole("heading", { level: 2, name: e.awaitingHeading })).toBeVisible();
  await scan(coordinator, "dossier page, a coordinator deciding (en)");
  const decide = action(coordinator, e.decideHeading);
  await decide.getByRole("button", { name: e.decideSubmit }).click();
  await expect(decide.getByRole("alert").getByRole("link")).toHaveText([e.decisionRequired]);
  // Under load the choice made right after the refused post can be lost while the page settles
  // (seen twice in CI, see the closing note): the coordinator chooses again until it is taken.
  await expect(async () => {
    await decide.getByRole("radio", { name: e.approve }).check();
    await decide.getByRole("button", { name: e.decideSubmit }).click();
    await expect(doneMessage(coordinator, e.done.decide_approval)).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  await expect(fact(coordinator, EN.dossier.summaryStatus)).toHaveText(EN.dossier.statuses.closed);
  const approved = fill(e.approvedBy, { approver: "Karim Coördinator", asker: "Sanne Behandelaar" });
  expect((await timeline(coordinator, "en")).some((line) => line.includes(approved))).toBe(true);
  await scan(coordinator, "dossier page, closed after approval (en)");
  await coordinator.context().close();

  // The handler sends the closing letter and fetches the PDF.
  await handler.reload();
  await expect(fact(handler, d.summaryStatus)).toHaveText(d.statuses.closed);
  await expect(fact(handler, c.outcomeLabel)).toHaveText(c.outcomes.not_taken_up);
  const letter = action(handler, a.letterHeading);
  await expect(letter.getByRole("textbox", { name: exactly(a.letterSubject) })).toHaveValue(
    fill(NL.closingLetter.subject, { dossiernummer: number }),
  );
  await scan(handler, "dossier page, closed, closing letter and reopen (nl)");
  await letter.getByRole("button", { name: a.letterSubmit }).click();
  await expect(doneMessage(handler, a.done.send_closing_letter)).toBeVisible();
  const href = await action(handler, a.letterHeading).getByRole("link", { name: a.letterPdf }).getAttribute("href");
  const pdf = await handler.request.get(href!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");

  // Reopen with a reason: back to the status before closing, the target explained again.
  const reopen = action(handler, a.reopenHeading);
  await reopen.getByRole("button", { name: a.reopenSubmit }).click();
  await expect(reopen.getByRole("alert").getByRole("link")).toHaveText([a.reopenReasonRequired]);
  // As above: typed right after the refused post, the reason can be lost while the page settles.
  await expect(async () => {
    await reopen.getByRole("textbox", { name: a.reopenReason }).fill("De klager stuurde nieuwe stukken.");
    await reopen.getByRole("button", { name: a.reopenSubmit }).click();
    await expect(doneMessage(handler, a.done.reopen)).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  await expect(fact(handler, d.summaryStatus)).toHaveText(d.statuses.received);
  await expect(handler.getByText(/^De behandeltermijn loopt tot /)).toBeVisible();
  const lines = await timeline(handler);
  expect(lines.filter((line) => line.startsWith(a.eventTypes.reopened))).toHaveLength(1);
  await scan(handler, "dossier page, reopened (nl)");
  await handler.context().close();
});
