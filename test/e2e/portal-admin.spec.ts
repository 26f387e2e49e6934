import { expect, test } from "@playwright/test";
import { DEMO } from "./support";
import { M, openAs, scan, signOut, type Lang } from "./back-office-helpers";

/**
 * The portal's own pages and the coordinator's pages about municipalities, in both languages,
 * each with an axe scan: the officer's access log and figures (the year chosen with a plain GET
 * form), the coordinator's list of officer accounts and the figures per municipality.
 */
for (const lang of ["nl", "en"] as const satisfies readonly Lang[]) {
  test(`the officer's access log and figures, the coordinator's accounts and figures (${lang})`, async ({
    browser,
    baseURL,
  }) => {
    const t = M[lang];
    const officer = await openAs(browser, baseURL!, DEMO.officer, { lang });
    await officer.goto("/gemeente");
    await officer.getByRole("link", { name: t.portal.accessLogLink }).click();
    await expect(officer.getByRole("heading", { level: 1 })).toHaveText(t.portalAdmin.accessLog.title);
    await scan(officer, `access log (${lang})`);
    await officer.goto("/gemeente");
    await officer.getByRole("link", { name: t.portal.figuresLink }).click();
    await expect(officer.getByRole("heading", { level: 1 })).toHaveText(t.figures.title);
    const year = String(new Date().getFullYear() - 1);
    await officer.getByRole("combobox", { name: t.figures.yearLabel }).selectOption(year);
    await officer.getByRole("button", { name: t.figures.show }).click();
    await expect(officer.getByRole("table", { name: t.figures.caption.replace("{year}", year) })).toBeVisible();
    await expect(officer.getByRole("rowheader")).toHaveText(["Amsterdam"]);
    await scan(officer, `figures (${lang})`);
    await signOut(officer, lang);

    const coordinator = await openAs(browser, baseURL!, DEMO.coordinator, { lang });
    await coordinator.getByRole("link", { name: t.queue.officerAccounts }).click();
    await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText(t.portalAdmin.officerAccounts.title);
    await expect(coordinator.getByText(DEMO.zaanstad.email)).toBeVisible();
    await scan(coordinator, `officer accounts (${lang})`);
    await coordinator.goto("/behandelaar");
    await coordinator.getByRole("link", { name: t.queue.municipalityFigures }).click();
    await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText(t.figures.coordinatorTitle);
    await expect(coordinator.getByRole("rowheader").first()).toBeVisible();
    await scan(coordinator, `figures per municipality (${lang})`);
    await signOut(coordinator, lang);
  });
}
