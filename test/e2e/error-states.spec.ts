import { expect, test } from "@playwright/test";
import { COPY, IntakeForm } from "./intake-helpers";

/**
 * What a resident who gets an error sees (issue 13, the tour's findings), with JavaScript and
 * without: the page title starts with "Fout:", the error summary has the focus after every failed
 * submit (also the second and third time in a row; without JavaScript by autofocus), and in a date
 * only the box that is wrong is marked invalid.
 */
for (const js of [true, false]) {
  test(`errors take the focus every time and mark only what is wrong (${js ? "with" : "without"} JavaScript)`, async ({
    browser,
    baseURL,
  }) => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled: js });
    const page = await context.newPage();
    const f = new IntakeForm(page, { js, axe: true });
    const t = COPY.nl;
    await f.start();
    const title = await page.title();
    expect(title).not.toMatch(/^Fout:/);

    // Three failed submits in a row: each time the summary has the focus and the title says "Fout:".
    for (let attempt = 1; attempt <= 3; attempt++) {
      await f.continue();
      await expect(f.errorSummary()).toBeVisible();
      await expect(f.errorSummary(), `attempt ${attempt}: the summary has the focus`).toBeFocused();
      await expect(page).toHaveTitle(`Fout: ${title}`);
    }
    await f.scan();

    // Right answers on to the receipt date; only the month is wrong.
    await f.answerCheck({ municipality: "Amsterdam", topic: "conduct", courtCase: false, complainedFirst: true });
    await f.at("ontvangen", t.receivedOn.title, false);
    const box = (name: string) => page.getByRole("textbox", { name, exact: true });
    await box(t.date.day).fill("12");
    await box(t.date.month).fill("13");
    await box(t.date.year).fill("2026");
    for (let attempt = 1; attempt <= 2; attempt++) {
      await f.continue();
      await expect(f.errorSummary(), `attempt ${attempt}: the summary has the focus`).toBeFocused();
      await expect(box(t.date.month)).toHaveAttribute("aria-invalid", "true");
      await expect(box(t.date.day)).not.toHaveAttribute("aria-invalid", "true");
      await expect(box(t.date.year)).not.toHaveAttribute("aria-invalid", "true");
      await expect(page).toHaveTitle(/^Fout: /);
    }
    await f.scan();
    // The summary's link leads to the box that is wrong.
    await f.errorSummary().getByRole("link").first().click();
    await expect(box(t.date.month)).toBeFocused();
    await context.close();
  });
}
