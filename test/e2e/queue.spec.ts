/**
 * The work queue as a dense, full-width table: at 1280×800 and 1920×1080 the deadline column and
 * at least eight rows are on the screen without scrolling (screenshots attached), the page passes
 * axe, the column headers sort, the shortcuts work (never while typing), and a coordinator
 * assigns ticked rows in one go.
 */
import { expect, test, type Page } from "@playwright/test";
import { NL, fill, queueRows, registerByPost, scan, viewCount } from "./back-office-helpers";
import { daysAgo } from "./intake-helpers";
import { DEMO, signIn } from "./support";

const q = NL.queue;

/** Enough open dossiers for eight rows and more, registered through the staff intake's own post. */
async function fillQueue(page: Page, atLeast: number): Promise<void> {
  const open = await viewCount(page, "nl", "all");
  for (let i = open; i < atLeast; i++) {
    await registerByPost(page, {
      name: `Vera Venster ${String.fromCharCode(97 + (i % 26))}`,
      receivedOn: daysAgo(80),
      answer: { answeredOn: daysAgo(20) },
    });
  }
  await page.goto("/behandelaar");
}

async function expectInViewport(
  page: Page,
  what: string,
  box: { x: number; y: number; width: number; height: number } | null,
) {
  const viewport = page.viewportSize()!;
  expect(box, `${what} is rendered`).not.toBeNull();
  expect(box!.x, `${what} starts on the screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} ends within ${viewport.width} px`).toBeLessThanOrEqual(viewport.width);
  expect(box!.y + box!.height, `${what} is above the fold of ${viewport.height} px`).toBeLessThanOrEqual(
    viewport.height,
  );
}

test("the queue fits the screen: the deadline column and eight rows without scrolling, axe, sorting and shortcuts", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.coordinator);
  await expect(page).toHaveURL(/\/behandelaar$/);
  await fillQueue(page, 12);

  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto("/behandelaar");
    await page.waitForLoadState("load");
    const shot = testInfo.outputPath(`queue-${width}x${height}.png`);
    await page.screenshot({ path: shot });
    await testInfo.attach(`queue at ${width}×${height}`, { path: shot, contentType: "image/png" });

    await expectInViewport(
      page,
      `the deadline header at ${width}×${height}`,
      await page.getByRole("columnheader", { name: q.colDeadline, exact: true }).boundingBox(),
    );
    const links = queueRows(page).getByRole("rowheader").getByRole("link");
    expect(await links.count()).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < 8; i++)
      await expectInViewport(page, `row ${i + 1}'s link at ${width}×${height}`, await links.nth(i).boundingBox());
    const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(scrolls, `no sideways scrolling at ${width}×${height}`).toBe(false);
    await scan(page, `queue at ${width}×${height}`);
  }

  // The headers sort, as links; the current one says its order.
  await page.setViewportSize({ width: 1280, height: 800 });
  const numberHeader = page.getByRole("columnheader", { name: q.colNumber, exact: true });
  await expect(page.getByRole("columnheader", { name: q.colDeadline, exact: true })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
  await numberHeader.getByRole("link").click();
  await expect(page).toHaveURL(/sorteer=nummer/);
  await expect(numberHeader).toHaveAttribute("aria-sort", "ascending");
  const ascending = (await queueRows(page).getByRole("rowheader").getByRole("link").allTextContents()).map((s) =>
    s.trim(),
  );
  expect(ascending).toEqual([...ascending].sort());
  await numberHeader.getByRole("link").click();
  await expect(page).toHaveURL(/richting=af/);
  await expect(numberHeader).toHaveAttribute("aria-sort", "descending");
  await page.goto("/behandelaar");

  // Shortcuts: "/" to the search field, where "j" is just a letter; j, j and k through the rows.
  await expect(page.getByRole("heading", { level: 2, name: q.shortcutsHeading })).toBeVisible();
  const search = page.getByRole("searchbox", { name: new RegExp(`^${q.search}`) });
  const links = queueRows(page).getByRole("rowheader").getByRole("link");
  await page.keyboard.press("/");
  await expect(search).toBeFocused();
  await page.keyboard.press("j");
  await expect(search).toHaveValue("j");
  await expect(search).toBeFocused();
  await search.fill("");
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("j");
  await expect(links.nth(0)).toBeFocused();
  await page.keyboard.press("j");
  await expect(links.nth(1)).toBeFocused();
  const second = (await links.nth(1).textContent())!.trim();
  await expect(page.locator("[aria-live=polite]").filter({ hasText: second })).toHaveText(
    new RegExp(`^${fill(q.rowAnnounce, { row: 2, rows: "\\d+", number: second, complainant: ".+", deadline: ".+" })}$`),
  );
  await page.keyboard.press("k");
  await expect(links.nth(0)).toBeFocused();
});

test("bulk: a coordinator ticks two rows and assigns them to a case handler; the answer counts them", async ({
  page,
}) => {
  await signIn(page, DEMO.coordinator);
  await expect(page).toHaveURL(/\/behandelaar$/);
  // Its own two dossiers (registered by the coordinator, so theirs): other specs' rows may be anyone's.
  const name = `Bulk ${Date.now() % 1_000_000}`;
  for (let i = 0; i < 2; i++)
    await registerByPost(page, { name, receivedOn: daysAgo(60 + i), answer: { answeredOn: daysAgo(10) } });
  await page.goto(`/behandelaar?zoek=${encodeURIComponent(name)}`);
  const rows = queueRows(page);
  await expect(rows).toHaveCount(2);
  const numbers: string[] = [];
  for (let i = 0; i < 2; i++) {
    const number = (await rows.nth(i).getByRole("rowheader").getByRole("link").textContent())!.trim();
    numbers.push(number);
    await page.getByRole("checkbox", { name: fill(q.selectRow, { number }) }).check();
  }
  const bulk = page.getByRole("form", { name: q.bulkLabel });
  const assignee = bulk.getByLabel(q.assignTo);
  // Someone else than the one who registered them (the coordinator, who has them now).
  const own = /Ingelogd als (.+)$/.exec((await page.getByText(/^Ingelogd als /).textContent())!.trim())![1]!;
  const others = (await assignee.locator("option").allTextContents()).map((o) => o.trim()).slice(1);
  const to = others.find((o) => o !== own)!;
  await assignee.selectOption({ label: to });
  await bulk.getByRole("button", { name: q.assignSubmit, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: fill(q.bulkDone, { count: 2 }) })).toBeVisible();
  await scan(page, "queue after a bulk assignment");
  for (const number of numbers) {
    await page.goto(`/behandelaar?zoek=${number}`);
    await expect(queueRows(page).first()).toContainText(to);
  }
});
