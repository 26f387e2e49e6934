import { expect, test, type Browser, type Page } from "@playwright/test";
import { totpCode, totpStep } from "../../app/auth/totp.server";
import { DEMO, signIn } from "./support";
import { daysAgo, FIXTURES } from "./intake-helpers";
import {
  action,
  doneMessage,
  exactly,
  fact,
  fill,
  M,
  openAs,
  registerByPost,
  scan,
  signOut,
  type Lang,
} from "./back-office-helpers";

/**
 * A request to the municipality end to end, in both languages with axe on every page: the handler
 * shares a dossier with two documents (one ombudsman-only, which cannot be chosen) and sends an
 * information request; the officer of Amsterdam signs in with the second step, sees exactly what
 * was shared, asks for more time, which the handler grants, and answers with a PDF (in Dutch
 * through the uploader, for the ombudsman only; in English through the plain file input of the
 * page without JavaScript); the handler
 * sees the answer on time on the timeline; the officer of Zaanstad gets 404 on every URL of it.
 *
 * The officer turns the second step on at the start and off at the end (other suites sign in with
 * the password alone); afterEach turns it off when a failure stopped the test half-way.
 */

let enabled: { secret: string; lastStep: number } | null = null;

async function freshCode(state: { secret: string; lastStep: number }): Promise<string> {
  while (state.lastStep >= totpStep(Date.now()) + 1) await new Promise((r) => setTimeout(r, 500));
  const step = Math.max(totpStep(Date.now()), state.lastStep + 1);
  state.lastStep = step;
  return totpCode(state.secret, step);
}

/** The officer signs in with the password and, when the second step is on, the code. */
async function officerPage(browser: Browser, baseURL: string, lang: Lang, js = true): Promise<Page> {
  const t = M[lang].account;
  const context = await browser.newContext({ baseURL, javaScriptEnabled: js });
  await context.addCookies([{ name: "oma_lang", value: lang, url: baseURL }]);
  const page = await context.newPage();
  await signIn(page, DEMO.officer);
  await page.waitForURL((url) => url.pathname !== "/inloggen");
  if (enabled && new URL(page.url()).pathname === "/inloggen/code") {
    if (js) await scan(page, `code page (${lang})`);
    await page.getByLabel(t.codeLabel, { exact: true }).fill(await freshCode(enabled));
    await page.getByRole("button", { name: t.code.submit }).click();
  }
  await expect(page).toHaveURL(/\/gemeente$/);
  return page;
}

async function turnOffSecondStep(page: Page, lang: Lang) {
  const t = M[lang].account;
  await page.goto("/account/tweede-stap");
  await page.getByRole("button", { name: t.enabled.disableSubmit }).click();
  await expect(page.getByText(t.disabled.justDisabled)).toBeVisible();
  enabled = null;
}

test.afterEach(async ({ browser, baseURL }) => {
  if (!enabled) return;
  const page = await officerPage(browser, baseURL!, "nl");
  await turnOffSecondStep(page, "nl");
  await page.context().close();
});

for (const lang of ["nl", "en"] as const satisfies readonly Lang[]) {
  test(`a request to the municipality: shared, extended, answered with a PDF, and closed to Zaanstad (${lang})`, async ({
    browser,
    baseURL,
  }) => {
    test.slow();
    const t = M[lang];
    const c = t.casework;
    const r = t.requests;
    const d = t.dossier;

    // The handler: two documents (one ombudsman-only), a share, a request.
    const staff = await openAs(browser, baseURL!, DEMO.caseHandler, { lang });
    const number = await registerByPost(staff, {
      name: `Verzoek ${lang}`,
      receivedOn: daysAgo(80),
      answer: { answeredOn: daysAgo(20) },
    });
    const dossierPath = `/behandelaar/dossiers/${number}`;
    await staff.goto(dossierPath);
    for (const [file, visibility] of [
      [FIXTURES.municipalityAnswer, c.visibilityShared],
      [FIXTURES.evidence, c.visibilityInternal],
    ] as const) {
      const doc = action(staff, c.documentHeading);
      await doc.getByLabel(c.documentFile, { exact: true }).setInputFiles(file);
      await doc.getByRole("combobox", { name: c.documentCategory }).selectOption({ label: d.categories.evidence });
      await doc
        .getByRole("group", { name: c.documentVisibility })
        .getByRole("radio", { name: visibility, exact: true })
        .check();
      await doc.getByRole("button", { name: c.documentSubmit }).click();
      await expect(doneMessage(staff, c.done.add_document)).toBeVisible();
    }
    const share = staff.getByRole("region", { name: c.shareHeading });
    await expect(share.getByText(fill(c.shareOmbudsmanOnly, { name: "telefoonnotitie.txt" }))).toBeVisible();
    await expect(share.getByRole("checkbox")).toHaveCount(1);
    await share.getByRole("checkbox", { name: "antwoord-gemeente.pdf" }).check();
    await share.getByRole("button", { name: c.shareButton }).click();
    await expect(doneMessage(staff, c.done.share)).toBeVisible();

    const requests = staff.getByRole("region", { name: r.heading });
    await requests.getByLabel(r.questions).fill("Wanneer heeft u de klager teruggebeld? Stuur het belverslag mee.");
    await requests.getByRole("button", { name: r.send }).click();
    await expect(doneMessage(staff, c.done.send_request)).toBeVisible();
    await expect(staff.getByRole("region", { name: r.heading }).getByText(r.states.open)).toBeVisible();
    await scan(staff, `dossier page with a request (${lang})`);

    // The officer turns the second step on, then signs in with it.
    let officer = await officerPage(browser, baseURL!, lang);
    await officer.goto("/account/tweede-stap");
    const key = (await officer.getByText(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/).textContent())!;
    const secret = key.replace(/ /g, "");
    const step = totpStep(Date.now());
    enabled = { secret, lastStep: step };
    await officer.getByLabel(t.account.codeLabel, { exact: true }).fill(totpCode(secret, step));
    await officer.getByRole("button", { name: t.account.setup.submit }).click();
    await expect(officer.getByText(t.account.enabled.justEnabled)).toBeVisible();
    await signOut(officer, lang);
    await officer.context().close();
    officer = await officerPage(browser, baseURL!, lang);

    // The list finds the dossier by part of its number.
    await officer.getByLabel(t.portal.search, { exact: true }).fill(number.slice(-5));
    await officer.getByRole("button", { name: t.portal.apply }).click();
    await officer.waitForURL(/\/gemeente\?zoek=/);
    await expect(officer.getByRole("link", { name: exactly(number) })).toBeVisible();
    await scan(officer, `portal list, searched by number (${lang})`);

    // Exactly what was shared, and the request, which the officer opens and asks more time for.
    await officer.getByRole("link", { name: exactly(number) }).click();
    await expect(officer.getByRole("link", { name: /antwoord-gemeente\.pdf/ })).toBeVisible();
    await expect(officer.getByText("telefoonnotitie.txt")).toHaveCount(0);
    await scan(officer, `portal dossier with a request (${lang})`);
    const documentUrl = await officer.getByRole("link", { name: /antwoord-gemeente\.pdf/ }).getAttribute("href");
    // The share's case file: a ZIP with the shared document and the summary.
    const zipLink = officer.getByRole("link", { name: new RegExp(t.portal.downloadCaseFile.replace(/[()]/g, "\\$&")) });
    const zipUrl = (await zipLink.getAttribute("href"))!;
    const zip = await officer.request.get(zipUrl);
    expect(zip.status()).toBe(200);
    expect(zip.headers()["content-type"]).toBe("application/zip");
    await officer.getByRole("link", { name: new RegExp(`^${r.kinds.information}`) }).click();
    await officer.waitForURL(/\/verzoeken\//);
    const requestUrl = new URL(officer.url()).pathname;
    await expect(officer.getByText("Wanneer heeft u de klager teruggebeld?", { exact: false })).toBeVisible();
    await scan(officer, `portal request (${lang})`);
    const extension = officer.getByRole("region", { name: r.extensionFormHeading });
    await extension.getByRole("combobox", { name: r.extensionWeeks }).selectOption("2");
    await extension.getByRole("button", { name: r.askExtension }).click();
    await expect(officer.getByRole("alert")).toBeVisible(); // no reason given: the error summary
    await scan(officer, `portal request, extension without a reason (${lang})`);
    await officer
      .getByRole("region", { name: r.extensionFormHeading })
      .getByLabel(r.extensionReason)
      .fill("Het belverslag ligt in het archief.");
    await officer
      .getByRole("region", { name: r.extensionFormHeading })
      .getByRole("button", { name: r.askExtension })
      .click();
    await expect(officer.getByRole("status").filter({ hasText: r.doneExtension })).toBeVisible();
    const dueBefore = await fact(officer, r.dueOn).textContent({ timeout: 5000 });

    // The handler grants it: the due date moves two weeks, explained.
    await staff.goto(dossierPath);
    const pending = staff.getByRole("region", { name: r.heading });
    await pending.getByRole("radio", { name: fill(r.grantExtension, { weeks: 2 }) }).check();
    await pending.getByRole("button", { name: r.decide }).click();
    await expect(doneMessage(staff, c.done.decide_extension)).toBeVisible();
    await expect(staff.getByRole("region", { name: r.heading })).toContainText(
      r.dueExtended.split("{from}")[0]!.replace("{weeks}", "2"),
    );

    // The officer answers with a PDF: in Dutch through the uploader, in English without JavaScript.
    await officer.goto(requestUrl);
    await expect(fact(officer, r.dueOn)).not.toHaveText(dueBefore!);
    const answering = lang === "nl" ? officer : await officerPage(browser, baseURL!, lang, false);
    if (answering !== officer) await answering.goto(requestUrl);
    const answer = answering.getByRole("region", { name: r.answerFormHeading });
    await answer.getByLabel(r.answerText).fill("Op 3 november teruggebeld; het belverslag zit erbij.");
    if (lang === "nl") {
      const chooser = answering.waitForEvent("filechooser");
      await answer
        .getByRole("group", { name: r.answerUploader, exact: true })
        .getByRole("button", { name: t.intake.attachments.browse, exact: true })
        .click();
      await (await chooser).setFiles(FIXTURES.municipalityAnswer);
      const listed = answer.getByRole("listitem").filter({ hasText: "antwoord-gemeente.pdf" });
      await expect(
        listed.getByRole("button", { name: fill(r.answerUploadRemove, { name: "antwoord-gemeente.pdf" }) }),
      ).toBeVisible({ timeout: 15_000 });
      await scan(officer, `portal request with a checked upload (${lang})`);
      await listed.getByRole("checkbox", { name: r.confidential }).check();
      await listed.getByLabel(fill(r.confidentialReason, { n: 1 })).fill("Bevat namen van collega's.");
    } else {
      await answer
        .getByLabel(new RegExp(`^${fill(r.answerDocument, { n: 1 })}\\b`))
        .setInputFiles(FIXTURES.municipalityAnswer);
    }
    await answer.getByRole("button", { name: r.sendAnswer }).click();
    await expect(answering.getByRole("status").filter({ hasText: r.doneAnswer })).toBeVisible();
    await expect(answering.getByText(r.states.answered, { exact: true })).toBeVisible();
    if (answering !== officer) {
      await answering.context().close();
      await officer.goto(requestUrl);
    }
    await scan(officer, `portal request answered (${lang})`);
    await turnOffSecondStep(officer, lang);
    await signOut(officer, lang);

    // The handler sees the answer, on time, on the timeline.
    await staff.goto(dossierPath);
    await expect(
      staff.getByRole("region", { name: r.heading }).getByText(r.states.answered, { exact: true }),
    ).toBeVisible();
    await expect(staff.getByText(t.dossier.eventTypes.request_answered).first()).toBeVisible();
    await scan(staff, `dossier page with the answer (${lang})`);
    await signOut(staff, lang);

    // Zaanstad: every URL of the dossier is the same 404.
    const zaanstad = await openAs(browser, baseURL!, DEMO.zaanstad, { lang });
    for (const url of [documentUrl!, zipUrl]) {
      const response = await zaanstad.request.get(url);
      expect(response.status(), url).toBe(404);
    }
    for (const url of [requestUrl, `/gemeente/dossiers/${number}`]) {
      const response = await zaanstad.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(zaanstad.getByRole("heading", { level: 1 })).toHaveText(t.errors.notFoundTitle);
    }
    await scan(zaanstad, `Zaanstad's 404 (${lang})`);
    await signOut(zaanstad, lang);
  });
}
