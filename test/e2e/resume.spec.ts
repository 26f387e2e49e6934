import { expect, test } from "@playwright/test";
import { resumeNl } from "../../app/i18n/sections/resume";
import {
  COPY,
  expectAccessibleWithoutScripts,
  FIXTURES,
  IntakeForm,
  RESIDENT,
  walkToUploadStep,
} from "./intake-helpers";
import { expectAccessible, mailFromSink } from "./support";

/**
 * Resuming on another device (issue 13): a resident starts in one browser with JavaScript and adds
 * a file, asks for the link from the step, opens it from the mail in a second browser without
 * JavaScript and lands on the same step with the file still there; the first browser's cookie no
 * longer reaches the draft, and the link does not work twice; the second browser sends the
 * complaint, and its confirmation arrives at the SMTP server. Axe on every new page.
 */
test("a draft moves to another browser by a mailed link, with its upload", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const t = resumeNl;
  const first = await browser.newContext({ baseURL });
  const pageA = await first.newPage();
  const f = new IntakeForm(pageA, { js: true, axe: false });
  await walkToUploadStep(f, "bijlagen");
  await f.chooseFiles(COPY.nl.attachments.categoryMunicipalityAnswer, [FIXTURES.municipalityAnswer]);

  await pageA.getByRole("link", { name: COPY.nl.resumeLink }).click();
  await expect(pageA.getByRole("heading", { level: 1 })).toHaveText(t.title);
  await expect(pageA.getByLabel(t.email, { exact: true })).toHaveValue(RESIDENT.email!);
  await expectAccessible(pageA);
  await pageA.getByRole("button", { name: t.send }).click();
  await expect(pageA.getByText(t.sent)).toBeVisible();

  const mail = pageA.getByRole("article", { name: t.mailSubject }).filter({ hasText: RESIDENT.email! }).first();
  await expect(async () => {
    await pageA.goto("/ontwikkeling/mailbox");
    await expect(mail).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000, intervals: [250, 500, 1000] });
  const body = (await mail.locator("pre").textContent()) ?? "";
  const path = new URL(/https?:\/\/\S+\/klacht\/verder\/[A-Za-z0-9_-]+/.exec(body)![0]).pathname;

  // The second browser, without JavaScript: the button moves the draft here, to the step it was at.
  const second = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const pageB = await second.newPage();
  await pageB.goto(path);
  await expect(pageB.getByRole("heading", { level: 1 })).toHaveText(t.linkTitle);
  await expectAccessibleWithoutScripts(pageB);
  await pageB.getByRole("button", { name: t.linkOpen }).click();
  await expect(pageB).toHaveURL(/\/klacht\/bijlagen$/);
  await expect(pageB.getByText("antwoord-gemeente.pdf").first()).toBeVisible();
  await expectAccessibleWithoutScripts(pageB);

  // The first browser's cookie no longer reaches the draft.
  await pageA.goto("/klacht/bijlagen");
  await expect(pageA).not.toHaveURL(/\/klacht\/bijlagen$/);

  // The link worked once; the page offers a new one.
  await pageB.goto(path);
  await expect(pageB.getByText(t.linkUsed)).toBeVisible();
  await expect(pageB.getByRole("button", { name: t.linkOpen })).toHaveCount(0);
  await expect(pageB.getByRole("button", { name: t.againSend })).toBeVisible();
  await expectAccessibleWithoutScripts(pageB);

  // The second browser finishes: the complaint goes in with the file, and the confirmation mail
  // arrives at the SMTP server.
  const f2 = new IntakeForm(pageB, { js: false, axe: false });
  await pageB.goto("/klacht/bijlagen");
  await f2.continue();
  const number = await f2.submit();
  const confirmation = await mailFromSink(RESIDENT.email!, new RegExp(number));
  expect(confirmation.text).toContain("antwoord-gemeente.pdf");
  expect(confirmation.text).toContain(`/mijn-klacht?nummer=${number}`);
  await first.close();
  await second.close();
});
