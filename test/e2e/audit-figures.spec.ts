/**
 * The coordinator's audit log and annual figures, in Dutch and in English: the dossier page
 * links its audit log; the global log is filtered (on refused attempts, after one is made on a
 * number that does not exist) and downloaded as CSV; the annual figures are opened, a quarter is
 * chosen and a table downloaded. Axe on every page.
 */
import { expect, test } from "@playwright/test";
import { M, openAs, registerByPost, scan, type Lang } from "./back-office-helpers";
import { daysAgo } from "./intake-helpers";
import { DEMO } from "./support";

for (const lang of ["nl", "en"] as const satisfies readonly Lang[]) {
  test(`audit log and annual figures (${lang})`, async ({ browser, baseURL }) => {
    const t = M[lang];
    const a = t.overview.auditLog;
    const f = t.figures.annual;

    // A refused attempt: a case handler asks for a dossier number that does not exist.
    const handler = await openAs(browser, baseURL!, DEMO.caseHandler, { lang });
    const missing = `OMA-2019-9${lang === "nl" ? "1" : "2"}${String(Date.now() % 1000).padStart(3, "0")}`;
    const refused = await handler.goto(`/behandelaar/dossiers/${missing}`);
    expect(refused?.status()).toBe(404);
    // A dossier to open (the e2e database starts empty).
    const number = await registerByPost(handler, {
      name: `Auditlog ${lang.toUpperCase()}`,
      receivedOn: daysAgo(60),
      answer: { answeredOn: daysAgo(10) },
    });
    await handler.context().close();

    const page = await openAs(browser, baseURL!, DEMO.coordinator, { lang });
    await test.step("the dossier page links its audit log", async () => {
      await page.goto(`/behandelaar/dossiers/${number}`);
      await page.getByRole("link", { name: t.dossier.auditLink }).click();
      await expect(page).toHaveURL(/\/audit$/);
      await scan(page, `dossier audit log (${lang})`);
    });

    await test.step("the global audit log, filtered on refused attempts", async () => {
      await page.goto("/behandelaar/overzicht");
      await page.getByRole("link", { name: a.title, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.title);
      await scan(page, `audit log (${lang})`);
      await page.getByLabel(a.action).selectOption("dossier.access_denied");
      await page.getByLabel(a.from).fill(new Date().toISOString().slice(0, 10));
      await page.getByRole("button", { name: a.filter }).click();
      await expect(page).toHaveURL(/actie=dossier.access_denied/);
      const row = page.getByRole("row").filter({ hasText: missing });
      await expect(row).toBeVisible();
      await expect(row).toContainText(t.overview.audit.deniedRoutes.dossier);
      await scan(page, `audit log filtered (${lang})`);
      const download = page.waitForEvent("download");
      await page.getByRole("link", { name: a.csv }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^auditlog-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = await (await import("node:fs/promises")).readFile((await file.path())!, "utf8");
      expect(text).toContain(missing);
      expect(text.split("\r\n")[0]).toContain(a.csvHeader.attempted);
    });

    await test.step("the annual figures, for a quarter, with a table as CSV", async () => {
      await page.goto("/behandelaar/overzicht");
      await page.getByRole("link", { name: f.title, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(f.title);
      await scan(page, `annual figures (${lang})`);
      const year = String(new Date().getFullYear());
      await page.getByLabel(f.periodKind).selectOption("kwartaal");
      await page.getByLabel(f.year, { exact: true }).selectOption(year);
      await page.getByLabel(f.quarter, { exact: true }).selectOption("1");
      await page.getByRole("button", { name: f.show }).click();
      await expect(page).toHaveURL(/periode=kwartaal/);
      await expect(page.getByRole("heading", { name: f.handlingHeading })).toBeVisible();
      await scan(page, `annual figures, a quarter (${lang})`);
      const download = page.waitForEvent("download");
      await page.locator("a[href*='tabel=behandelduur']").click();
      const file = await download;
      expect(file.suggestedFilename()).toBe(`jaarcijfers-behandelduur-${year}-01-01-${year}-03-31.csv`);
      const text = await (await import("node:fs/promises")).readFile((await file.path())!, "utf8");
      expect(text.split("\r\n")[0]).toContain(f.medianDays);
    });
    await page.context().close();
  });
}
