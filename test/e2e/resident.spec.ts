import { expect, test } from "@playwright/test";
import { DEMO, mailFromSink } from "./support";
import { daysAgo, expectAccessibleWithoutScripts, FIXTURES } from "./intake-helpers";
import {
  action,
  doneMessage,
  fill,
  M,
  openAs,
  registerByPost,
  scan as scanWithScripts,
  type Lang,
} from "./back-office-helpers";

/**
 * The resident after submitting, in both languages with axe on every page (Dutch with
 * JavaScript, English without): a complaint registered for them, they ask for a link with the
 * number and their address, open it from the mail (the development mailbox), read where the
 * dossier stands, add a document (with the uploader, or the plain form) and withdraw it; the
 * link cannot be used twice; the handler sees the withdrawal on the timeline, by the complainant.
 */

for (const lang of ["nl", "en"] as const satisfies readonly Lang[]) {
  test(`a resident follows and withdraws their complaint by a mailed link (${lang})`, async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const t = M[lang];
    const r = t.resident;
    const email = `bewoner-${lang}-${Date.now()}@example.test`;
    const handler = await openAs(browser, baseURL!, DEMO.caseHandler);
    const number = await registerByPost(handler, {
      name: `Bewoner ${lang.toUpperCase()}`,
      receivedOn: daysAgo(80),
      answer: { answeredOn: daysAgo(20) },
      email,
    });

    // The handler asks a question with a term of two weeks (the default).
    await handler.goto(`/behandelaar/dossiers/${number}`);
    const ask = action(handler, M.nl.resident.questionsHeading);
    await ask.getByLabel(M.nl.resident.questionsLabel).fill("Welke datum staat op de brief van de gemeente?");
    await ask.getByRole("button", { name: M.nl.resident.questionSend }).click();
    await expect(doneMessage(handler, M.nl.casework.done.ask_resident)).toBeVisible();
    // The open question's letter, for when it goes by post: a PDF.
    const letter = ask.getByRole("link", { name: M.nl.resident.questionLetter });
    await expect(letter).toBeVisible();
    const pdf = await handler.request.get((await letter.getAttribute("href"))!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await scanWithScripts(handler, `dossier page with a question to the resident (${lang})`);

    // The handler adds a note of a phone call and gives it to the resident to read.
    const c = M.nl.casework;
    const doc = action(handler, c.documentHeading);
    await doc.getByLabel(c.documentFile, { exact: true }).setInputFiles(FIXTURES.evidence);
    await doc.getByRole("button", { name: c.documentSubmit }).click();
    await expect(doneMessage(handler, c.done.add_document)).toBeVisible();
    await handler.getByRole("button", { name: new RegExp(`^${c.residentGive}\\s*: telefoonnotitie\\.txt$`) }).click();
    await expect(doneMessage(handler, c.done.share_with_resident)).toBeVisible();
    await expect(
      handler.getByRole("button", { name: new RegExp(`^${c.residentTakeBack}\\s*: telefoonnotitie\\.txt$`) }),
    ).toBeVisible();

    const context = await browser.newContext({ baseURL, javaScriptEnabled: lang === "nl" });
    await context.addCookies([{ name: "oma_lang", value: lang, url: baseURL! }]);
    const page = await context.newPage();
    // Without JavaScript axe cannot run in the page itself: it scans a copy of what the server sent.
    const scan = (what: string) =>
      lang === "nl"
        ? scanWithScripts(page, what)
        : test.step(`axe (no JavaScript): ${what}`, () => expectAccessibleWithoutScripts(page));
    // The front page leads there; the confirmation mail (delivered over SMTP) with the number filled in.
    await page.goto("/");
    await expect(page.getByRole("link", { name: t.start.followLink })).toHaveAttribute("href", "/mijn-klacht");
    const confirmation = await mailFromSink(email, new RegExp(number));
    const statusLink = /https?:\/\/\S+\/mijn-klacht\?nummer=[A-Z0-9-]+/.exec(confirmation.text)?.[0];
    expect(statusLink, confirmation.text).toBeTruthy();
    await page.goto(new URL(statusLink!).pathname + new URL(statusLink!).search);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(r.title);
    await expect(page.getByLabel(r.number, { exact: true })).toHaveValue(number);
    await scan(`ask for a link (${lang})`);

    // A wrong number: a message at the field, nothing lost.
    await page.getByLabel(r.number, { exact: true }).fill("42");
    await page.getByLabel(r.email, { exact: true }).fill(email);
    await page.getByRole("button", { name: r.send }).click();
    await expect(page.getByRole("link", { name: r.numberInvalid })).toBeVisible();
    await expect(page.getByLabel(r.email, { exact: true })).toHaveValue(email);
    await scan(`ask for a link, with an error (${lang})`);
    await page.getByLabel(r.number, { exact: true }).fill(number.toLowerCase());
    await page.getByRole("button", { name: r.send }).click();
    await expect(page.getByText(r.sent)).toBeVisible();

    // The mail with the link, as the SMTP server received it.
    const body = (await mailFromSink(email, fill(r.linkMailSubject, { number }))).text;
    const link = /https?:\/\/\S+\/mijn-klacht\/link\/[A-Za-z0-9_-]+/.exec(body)?.[0];
    expect(link, body).toBeTruthy();
    const path = new URL(link!).pathname;

    // Opening the link shows a button; pressing it opens the dossier.
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(r.linkTitle);
    await scan(`the link's page (${lang})`);
    await page.getByRole("button", { name: r.linkOpen }).click();
    await expect(page).toHaveURL(/\/mijn-klacht\/dossier/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(fill(r.dossierTitle, { number }));
    await expect(page.getByText(r.stages.received)).toBeVisible();
    await scan(`status page (${lang})`);
    // What the handler gave them, as a download.
    const given = page.getByRole("table", { name: r.givenCaption });
    await expect(given.getByRole("link", { name: /telefoonnotitie\.txt/ })).toBeVisible();
    const downloaded = page.waitForEvent("download");
    await given.getByRole("link", { name: /telefoonnotitie\.txt/ }).click();
    expect((await downloaded).suggestedFilename()).toBe("telefoonnotitie.txt");

    // The question, with its due date; the answer goes before the term.
    await expect(page.getByText("Welke datum staat op de brief van de gemeente?", { exact: true })).toBeVisible();
    await page.getByLabel(r.answerLabel).fill("De brief is van 3 november.");
    await page.getByRole("button", { name: r.answerButton }).click();
    await expect(page.getByText(r.answered)).toBeVisible();
    await scan(`status page, question answered (${lang})`);

    // A document that came later, through the upload pipeline: in Dutch with the uploader (the
    // server checks the file, then "Documenten toevoegen" adds it), in English the plain form.
    if (lang === "nl") {
      const chooser = page.waitForEvent("filechooser");
      await page
        .getByRole("group", { name: r.addUploader, exact: true })
        .getByRole("button", { name: t.intake.attachments.browse, exact: true })
        .click();
      await (await chooser).setFiles(FIXTURES.municipalityAnswer);
      const remove = page.getByRole("button", { name: fill(r.addUploadRemove, { name: "antwoord-gemeente.pdf" }) });
      await expect(remove).toBeVisible({ timeout: 15_000 });
      await expect(page.getByRole("list", { name: r.addUploadsHeading })).toContainText("antwoord-gemeente.pdf");
      await scan(`status page with a checked upload (${lang})`);
      await page.getByRole("button", { name: r.addUploadsButton }).click();
    } else {
      await page.getByLabel(r.addFile).setInputFiles(FIXTURES.municipalityAnswer);
      await page.getByRole("button", { name: r.addButton }).click();
    }
    await expect(page.getByText(r.added)).toBeVisible();
    await expect(page.getByRole("rowheader", { name: "antwoord-gemeente.pdf" })).toBeVisible();
    await scan(`status page, a document added (${lang})`);

    // In the handler's queue the dossier is new from the complainant until marked as seen.
    await handler.goto(`/behandelaar?weergave=resident_new&zoek=${number}`);
    const row = handler.getByRole("row", { name: new RegExp(number) });
    await expect(row.getByText(M.nl.queue.residentNewsMark)).toBeVisible();
    await row.getByRole("link", { name: number }).click();
    await expect(handler.getByText(/^Nieuw van de indiener sinds/)).toBeVisible();
    await handler.getByRole("button", { name: M.nl.resident.newsSeen }).click();
    await expect(doneMessage(handler, M.nl.casework.done.mark_news_seen)).toBeVisible();
    await expect(handler.getByRole("button", { name: M.nl.resident.newsSeen })).toHaveCount(0);
    await handler.goto(`/behandelaar?weergave=resident_new&zoek=${number}`);
    await expect(handler.getByRole("row", { name: new RegExp(number) })).toHaveCount(0);

    // Withdrawing needs the tick; then the dossier closes.
    await page.getByRole("button", { name: r.withdraw }).click();
    await expect(page.getByRole("link", { name: r.withdrawConfirmRequired })).toBeVisible();
    await scan(`status page, withdrawing without the tick (${lang})`);
    await page.getByLabel(r.withdrawReason).fill("De gemeente heeft het alsnog opgelost.");
    await page.getByLabel(r.withdrawConfirm).check();
    await page.getByRole("button", { name: r.withdraw }).click();
    await expect(page.getByText(r.withdrawn)).toBeVisible();
    await expect(page.getByText(r.outcomes.withdrawn)).toBeVisible();
    await expect(page.getByRole("button", { name: r.withdraw })).toHaveCount(0);
    await scan(`status page, withdrawn (${lang})`);

    // The link worked once.
    await page.goto(path);
    await expect(page.getByText(r.linkUsed)).toBeVisible();
    await scan(`a used link (${lang})`);

    // The handler sees the document and the withdrawal, by the complainant, with the reason.
    await handler.goto(`/behandelaar/dossiers/${number}`);
    await expect(handler.getByRole("link", { name: /antwoord-gemeente\.pdf/ }).first()).toBeVisible();
    await handler.goto(`/behandelaar/dossiers/${number}`);
    await expect(handler.getByText(M.nl.dossier.eventByResident).first()).toBeVisible();
    await expect(handler.getByText("De gemeente heeft het alsnog opgelost.").first()).toBeVisible();
    await expect(handler.getByText("De brief is van 3 november.").first()).toBeVisible();
    await context.close();
    await handler.context().close();
  });
}

test("a question to a resident without e-mail goes as a printed letter, and the handler records the answer", async ({
  browser,
  baseURL,
}) => {
  const r = M.nl.resident;
  const handler = await openAs(browser, baseURL!, DEMO.caseHandler);
  const number = await registerByPost(handler, {
    name: "Bewoner Zonder E-mail",
    receivedOn: daysAgo(80),
    answer: { answeredOn: daysAgo(20) },
  });
  await handler.goto(`/behandelaar/dossiers/${number}`);
  const ask = action(handler, r.questionsHeading);
  await expect(ask.getByText(r.questionByPost)).toBeVisible();
  await ask.getByLabel(r.questionsLabel).fill("Wilt u een kopie van de brief van de gemeente sturen?");
  await ask.getByRole("button", { name: r.questionSend }).click();

  // No mail went out: the page says so, with the letter to print.
  const notice = doneMessage(handler, r.questionSentByPost);
  await expect(notice).toBeVisible();
  await expect(ask.getByText(r.questionLetterByPost)).toBeVisible();
  await scanWithScripts(handler, "dossier page, a question to a resident without e-mail");
  const pdf = await handler.request.get(
    (await notice.getByRole("link", { name: r.questionLetter }).getAttribute("href"))!,
  );
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");

  // The answer came by post.
  await ask.getByLabel(r.registerLabel).fill("Kopie van de brief ontvangen per post.");
  await ask.getByRole("button", { name: r.registerButton }).click();
  await expect(doneMessage(handler, M.nl.casework.done.register_answer)).toBeVisible();
  await expect(ask.getByRole("link", { name: r.questionLetter })).toHaveCount(0);
  await handler.context().close();
});
