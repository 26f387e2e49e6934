import { expect, test } from "@playwright/test";
import { DEMO } from "./support";
import { daysAgo } from "./intake-helpers";
import { exactly, fill, M, openAs, registerByPost, scan, signOut, type Lang } from "./back-office-helpers";

/**
 * The municipality portal in both languages: a handler shares a dossier from its page; the
 * officer of Amsterdam finds it in the portal's list and reads it; every page passes axe.
 */
for (const lang of ["nl", "en"] as const satisfies readonly Lang[]) {
  test(`a handler shares a dossier and the municipality's officer reads it (${lang})`, async ({ browser, baseURL }) => {
    const t = M[lang];
    const staff = await openAs(browser, baseURL!, DEMO.caseHandler, { lang });
    const number = await registerByPost(staff, {
      name: `Portaal ${lang}`,
      receivedOn: daysAgo(80),
      answer: { answeredOn: daysAgo(20) },
    });
    await staff.goto(`/behandelaar/dossiers/${number}`);
    const share = staff.getByRole("region", { name: t.casework.shareHeading });
    await share.getByRole("button", { name: t.casework.shareButton }).click();
    await expect(staff.getByRole("status")).toContainText(t.casework.done.share);
    await scan(staff, `dossier page after sharing (${lang})`);
    await signOut(staff, lang);

    const officer = await openAs(browser, baseURL!, DEMO.officer, { lang });
    await officer.goto("/gemeente");
    await expect(officer.getByRole("heading", { level: 1 })).toContainText(t.portal.title);
    await scan(officer, `portal list (${lang})`);
    await officer.getByRole("link", { name: exactly(number) }).click();
    await expect(officer.getByRole("heading", { level: 1 })).toHaveText(fill(t.portal.dossierTitle, { number }));
    await expect(officer.getByText("De gemeente reageerde niet op mijn brief over de afvalinzameling.")).toBeVisible();
    await expect(officer.getByText(t.portal.noDocuments)).toBeVisible();
    await scan(officer, `portal dossier (${lang})`);

    // A number that is not shared with this municipality is simply not there.
    const missing = await officer.goto("/gemeente/dossiers/OMA-2026-99999");
    expect(missing?.status()).toBe(404);
    await expect(officer.getByRole("heading", { level: 1 })).toHaveText(t.errors.notFoundTitle);
    await scan(officer, `portal 404 (${lang})`);
    await signOut(officer, lang);
  });
}
