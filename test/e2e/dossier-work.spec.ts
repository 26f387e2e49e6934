import { expect, test, type Browser } from "@playwright/test";
import { daysAgo, expectAccessibleWithoutScripts, today } from "./intake-helpers";
import { action, doneMessage, M, openAs, registerByPost, scan, type Lang } from "./back-office-helpers";
import { DEMO } from "./support";

/**
 * A handler's own tools on a dossier (issue 14, parts 2 and 4), in both languages, with
 * JavaScript (Dutch) and without (English), axe on every state: a mail that counts as the first
 * contact, a follow-up date that puts the dossier in the queue's "Opvolgen" view until ticked
 * off, and a link to a related dossier that both dossiers show.
 */
for (const lang of ["nl", "en"] as const satisfies readonly Lang[]) {
  test(`a handler mails as first contact, sets a follow-up and links a related dossier (${lang})`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const t = M[lang];
    const c = t.casework;
    const js = lang === "nl";
    const page = await openAs(browser, baseURL!, DEMO.caseHandler, { lang });
    if (!js) await page.context().close();
    const handler = js ? page : await noScripts(browser, baseURL!, lang);
    const check = (what: string) =>
      js
        ? scan(handler, what)
        : test.step(`axe (no JavaScript): ${what}`, () => expectAccessibleWithoutScripts(handler));
    const email = `opvolgen-${lang}-${Date.now()}@example.test`;
    const name = `Opvolging ${lang.toUpperCase()} ${Date.now() % 100_000}`;
    const first = await registerByPost(handler, { name, receivedOn: daysAgo(60), answer: "none", email });
    const second = await registerByPost(handler, { name, receivedOn: daysAgo(50), answer: "none", email });
    await handler.goto(`/behandelaar/dossiers/${first}`);

    // The mail is the first contact: it is ticked by default while there was none.
    const mail = action(handler, c.mailHeading);
    await mail.getByLabel(c.mailSubject, { exact: true }).fill("Uw klacht");
    await mail.getByLabel(c.mailBody, { exact: true }).fill("Ik ben uw behandelaar en bel u volgende week.");
    await expect(mail.getByRole("checkbox", { name: c.mailCountsAsContact })).toBeChecked();
    await mail.getByRole("button", { name: c.mailSubmit }).click();
    await expect(doneMessage(handler, c.done.send_mail)).toBeVisible();
    await expect(
      handler
        .getByRole("table", { name: new RegExp(first) })
        .filter({ hasText: "Uw klacht" })
        .first(),
    ).toBeVisible();
    await handler.getByText(c.contactsMailText).first().click();
    await expect(handler.getByText("Ik ben uw behandelaar en bel u volgende week.").first()).toBeVisible();

    // A follow-up for today: in the "Opvolgen" view until ticked off.
    const section = handler.getByRole("region", { name: c.followUpHeading });
    await section.getByLabel(c.followUpOn).fill(today());
    await section.getByLabel(c.followUpNote).fill("De gemeente bellen");
    await section.getByRole("button", { name: c.followUpSubmit }).click();
    await expect(doneMessage(handler, c.done.set_follow_up)).toBeVisible();
    await check(`dossier page with a follow-up (${lang})`);
    await handler.goto(`/behandelaar?weergave=follow_up&zoek=${first}`);
    await expect(handler.getByRole("link", { name: first, exact: true })).toBeVisible();
    await check(`queue, follow-up view (${lang})`);
    await handler.goto(`/behandelaar/dossiers/${first}`);
    await handler
      .getByRole("region", { name: c.followUpHeading })
      .getByRole("button", { name: new RegExp(c.followUpDone) })
      .click();
    await expect(doneMessage(handler, c.done.complete_follow_up)).toBeVisible();
    await handler.goto(`/behandelaar?weergave=follow_up&zoek=${first}`);
    await expect(handler.getByRole("link", { name: first, exact: true })).toHaveCount(0);

    // The other dossier of the same complainant is listed; linked with a reason, both show it.
    await handler.goto(`/behandelaar/dossiers/${first}`);
    const related = handler.getByRole("region", { name: c.relatedHeading });
    await expect(related.getByRole("link", { name: second })).toBeVisible();
    await related.getByLabel(c.linkNumber).fill(second);
    await related.getByLabel(c.linkReason).fill("Dezelfde brief van de gemeente");
    await related.getByRole("button", { name: c.linkSubmit }).click();
    await expect(doneMessage(handler, c.done.link_dossier)).toBeVisible();
    await check(`dossier page with a linked dossier (${lang})`);
    await handler.goto(`/behandelaar/dossiers/${second}`);
    await expect(
      handler
        .getByRole("table", { name: new RegExp(`${c.linkedCaption.split("{")[0]}`) })
        .getByText("Dezelfde brief van de gemeente"),
    ).toBeVisible();
    await handler.context().close();
  });
}

async function noScripts(browser: Browser, baseURL: string, lang: Lang) {
  const signedIn = await openAs(browser, baseURL, DEMO.caseHandler, { lang });
  const state = await signedIn.context().storageState();
  await signedIn.context().close();
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: state });
  return context.newPage();
}
