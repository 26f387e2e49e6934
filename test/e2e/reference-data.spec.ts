import { expect, test } from "@playwright/test";
import { DEMO } from "./support";
import { escapeRegExp, fill, M, openAs, scan, signOut, type Lang } from "./back-office-helpers";

/**
 * The coordinator's reference data in both languages, with an axe scan of each page: a
 * municipality's exit page (bezwaar) changed and put back, a holiday added and removed again, the
 * standard texts. Each language works on its own municipality and day, so the two runs never meet.
 */
const CASES = {
  nl: { municipality: "Landsmeer", day: "2031-06-11", name: "E2E-dag nl" },
  en: { municipality: "Diemen", day: "2031-06-18", name: "E2E day en" },
} as const;

for (const lang of ["nl", "en"] as const satisfies readonly Lang[]) {
  test(`a coordinator edits a municipality's exit page and adds and removes a holiday (${lang})`, async ({
    browser,
    baseURL,
  }) => {
    const t = M[lang];
    const r = t.reference;
    const c = CASES[lang];
    const page = await openAs(browser, baseURL!, DEMO.coordinator, { lang });
    await page.getByRole("link", { name: t.queue.referenceData }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(r.home.title);
    await scan(page, `reference data (${lang})`);

    await page.getByRole("link", { name: r.home.municipalities }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(r.municipalities.title);
    await scan(page, `municipalities (${lang})`);
    await page
      .getByRole("link", { name: new RegExp(`${escapeRegExp(r.municipalities.edit)}.*${c.municipality}`) })
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      fill(r.municipality.title, { name: c.municipality }),
    );
    await scan(page, `municipality form (${lang})`);
    const objection = page.getByRole("textbox", { name: r.municipality.objectionUrl });
    const original = await objection.inputValue();
    await objection.fill("http://example.org/bezwaar");
    await page.getByRole("button", { name: r.municipality.submit }).click();
    await expect(page.getByRole("link", { name: r.municipality.urlInvalid })).toBeVisible();
    await scan(page, `municipality form with an error (${lang})`);
    await objection.fill(`${original}?e2e=${lang}`);
    await page.getByRole("button", { name: r.municipality.submit }).click();
    await expect(page.getByRole("status")).toHaveText(fill(r.municipality.saved, { name: c.municipality }));
    await expect(objection).toHaveValue(`${original}?e2e=${lang}`);
    await objection.fill(original);
    await page.getByRole("button", { name: r.municipality.submit }).click();
    await expect(objection).toHaveValue(original);

    await page.goto("/behandelaar/referentiegegevens");
    await page.getByRole("link", { name: r.home.holidays }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(r.holidays.title);
    await scan(page, `holidays (${lang})`);
    await page.getByRole("textbox", { name: r.holidays.dayLabel }).fill(c.day);
    await page.getByRole("textbox", { name: r.holidays.nameLabel }).fill(c.name);
    await page.getByRole("button", { name: r.holidays.add }).click();
    const status = page.getByRole("status");
    await expect(status).toContainText(c.name);
    await expect(status).toContainText(r.holidays.movedNone);
    await expect(page.getByRole("table", { name: fill(r.holidays.caption, { year: 2031 }) })).toContainText(c.name);
    await scan(page, `holidays after adding a day (${lang})`);
    await page.getByRole("button", { name: new RegExp(`${escapeRegExp(r.holidays.remove)}.*${c.name}`) }).click();
    await expect(status).toContainText(fill(r.holidays.removed, { name: c.name, date: "" }).split(" ")[0]!);
    await expect(page.getByRole("table", { name: fill(r.holidays.caption, { year: 2031 }) })).not.toContainText(c.name);
    await expect(page.getByRole("table", { name: r.holidays.logCaption })).toContainText(c.name);

    await page.goto("/behandelaar/referentiegegevens/standaardteksten");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(r.texts.title);
    await scan(page, `standard texts (${lang})`);
    await signOut(page, lang);
  });
}
