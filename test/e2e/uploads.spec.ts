/**
 * Browser uploads with Uppy on local storage (the "lokaal" project): the bytes go through the
 * app's own upload route (PUT /klacht/upload/<id>), streamed into storage, then verified.
 * Also: the plain file input without JavaScript, and the mandate step.
 *
 * Every test with JavaScript also checks that no Content Security Policy refused anything while
 * Uppy ran. Large files are generated at test time in a temporary folder, never committed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import {
  FIXTURES,
  IntakeForm,
  badTypeAlert,
  baseName,
  listedFile,
  perFileLimitMb,
  recordProgress,
  refusedFiles,
  shownSize,
  tabTo,
  walkToUploadStep,
  watchCsp,
  writeTestFile,
} from "./intake-helpers";

const MB = 1024 * 1024;
/** The local transport's upload route for one registered file. */
const UPLOAD_ROUTE = /\/klacht\/upload\/[0-9a-f-]{36}$/;

let dir: string;
let cspViolations: (() => Promise<string[]>) | null;

test.beforeEach(async ({ page, javaScriptEnabled }) => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "oma-e2e-lokaal-"));
  cspViolations = javaScriptEnabled ? await watchCsp(page) : null;
});

test.afterEach(async () => {
  if (cspViolations) expect(await cspViolations(), "no Content Security Policy violations while Uppy runs").toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The PUTs of file bytes to the app's upload route. */
function routePuts(page: Page): string[] {
  const puts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "PUT" && UPLOAD_ROUTE.test(new URL(r.url()).pathname)) puts.push(r.url());
  });
  return puts;
}

test.describe("with JavaScript (Uppy)", () => {
  test("a large file streams through the app's upload route with progress shown, is verified, listed with its size, and Verder leads on", async ({
    page,
  }) => {
    const f = new IntakeForm(page, { axe: false });
    await walkToUploadStep(f, "bijlagen");
    const answer = f.t.attachments.categoryMunicipalityAnswer;
    // 30 MB, or when the server's per-file limit is lower (25 MB by default), the largest whole size under it.
    const limit = await perFileLimitMb(f);
    const bytes = Math.min(30, limit - 1) * MB;
    test.info().annotations.push({ type: "large file", description: `${bytes / MB} MB (per-file limit ${limit} MB)` });
    const file = writeTestFile(dir, "jaarverslag-groot.pdf", bytes);
    const puts = routePuts(page);
    const progress = await recordProgress(page);

    // By keyboard: Tab reaches Uppy's "kies bestanden" button, Enter opens the file chooser.
    await tabTo(page, f.fileControl(answer));
    await f.chooseFiles(answer, [file], { viaKeyboard: true, expectListed: false });
    await expect(listedFile(f, "jaarverslag-groot.pdf")).toBeVisible({ timeout: 45_000 });

    expect(puts, "one PUT of the whole file to the app's route").toHaveLength(1);
    const seen = await progress();
    expect(
      seen.some((v) => v > 0 && v < 100),
      `Uppy's progress bar showed progress (values seen: ${seen.join(", ")})`,
    ).toBe(true);
    await expect(listedFile(f, "jaarverslag-groot.pdf")).toContainText(shownSize(bytes, "nl"));
    await expect(listedFile(f, "jaarverslag-groot.pdf")).toHaveCount(1);
    await expect(
      page.getByRole("status").filter({ hasText: "Het bestand jaarverslag-groot.pdf is toegevoegd." }),
    ).toBeAttached();
    await expect(page.getByRole("alert")).toHaveCount(0);

    await f.continue();
    await f.at("controleren", f.t.review.title);
    await expect(page.getByRole("main")).toContainText("jaarverslag-groot.pdf");
  });

  test("a connection reset during the PUT: Uppy sends it again and the file is added exactly once", async ({
    page,
  }) => {
    const f = new IntakeForm(page, { axe: false });
    await walkToUploadStep(f, "bijlagen");
    const answer = f.t.attachments.categoryMunicipalityAnswer;
    const bytes = 6 * MB;
    const file = writeTestFile(dir, "onderbroken.pdf", bytes);
    const puts = routePuts(page);
    let cut = 0;
    await page.route(
      (url) => UPLOAD_ROUTE.test(url.pathname),
      async (route) => {
        if (route.request().method() === "PUT" && cut++ === 0) await route.abort("connectionreset");
        else await route.fallback();
      },
    );

    await f.chooseFiles(answer, [file], { expectListed: false });
    await expect(listedFile(f, "onderbroken.pdf")).toBeVisible({ timeout: 30_000 });
    expect(cut, "the PUT was cut once and sent again").toBe(2);
    expect(puts).toHaveLength(2);
    await expect(listedFile(f, "onderbroken.pdf")).toHaveCount(1);
    await expect(page.getByRole("alert"), "a retried request is no failure to report").toHaveCount(0);
    await f.continue();
    await f.at("controleren", f.t.review.title);
    await expect(page.getByRole("main").getByRole("listitem").filter({ hasText: "onderbroken.pdf" })).toHaveCount(1);
  });

  test("an .exe renamed to .pdf, an HTML page (as .pdf and as .html) and an SVG are refused, each with its own alert, and never listed", async ({
    page,
  }) => {
    const f = new IntakeForm(page, { axe: false });
    await walkToUploadStep(f, "bijlagen");
    const evidence = f.t.attachments.categoryEvidence;
    const files = refusedFiles(dir);

    await f.chooseFiles(evidence, files, { expectListed: false });
    for (const file of files) {
      await expect(badTypeAlert(f, baseName(file)), `the refusal of ${baseName(file)}`).toBeVisible({
        timeout: 15_000,
      });
    }
    for (const file of files) await expect(listedFile(f, baseName(file))).toHaveCount(0);
    await f.scan();

    // A file over the per-file limit is refused when it is registered, before a byte is sent.
    const limit = await perFileLimitMb(f);
    const tooLarge = writeTestFile(dir, "te-groot.pdf", (limit + 1) * MB);
    const puts = routePuts(page);
    await f.chooseFiles(evidence, [tooLarge], { expectListed: false });
    await expect(
      page.getByRole("alert").filter({ hasText: `Het bestand te-groot.pdf is groter dan ${limit} MB.` }),
    ).toBeVisible();
    await expect(listedFile(f, "te-groot.pdf")).toHaveCount(0);
    expect(puts).toHaveLength(0);

    await f.chooseFiles(f.t.attachments.categoryMunicipalityAnswer, [FIXTURES.municipalityAnswer]);
    await expect(listedFile(f, "antwoord-gemeente.pdf")).toContainText(
      shownSize(fs.statSync(FIXTURES.municipalityAnswer).size, "nl"),
    );
    await f.continue();
    await f.at("controleren", f.t.review.title);
    const main = page.getByRole("main");
    await expect(main).toContainText("antwoord-gemeente.pdf");
    for (const file of files) await expect(main).not.toContainText(baseName(file));
  });

  test("a second file added while the first is still being registered (slow network): both are added, nothing fails", async ({
    page,
  }) => {
    const f = new IntakeForm(page, { axe: false });
    await walkToUploadStep(f, "bijlagen");
    const evidence = f.t.attachments.categoryEvidence;
    await page.route("**/klacht/upload/aanmelden", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.fallback();
    });
    await f.chooseFiles(evidence, [FIXTURES.evidence], { expectListed: false });
    // Uppy now shows the file; "Meer bestanden toevoegen" leads back to its "kies bestanden" button.
    await f.fileField(evidence).getByRole("button", { name: "Meer bestanden toevoegen" }).click();
    await f.chooseFiles(evidence, [FIXTURES.municipalityAnswer], { expectListed: false });
    await expect(listedFile(f, "telefoonnotitie.txt")).toBeVisible({ timeout: 15_000 });
    await expect(listedFile(f, "antwoord-gemeente.pdf")).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole("alert")).toHaveCount(0);
  });

  test("mandate step (representative): the signed form goes through the upload route via Uppy and Verder leads on", async ({
    page,
  }) => {
    const f = new IntakeForm(page, { axe: false });
    await walkToUploadStep(f, "machtiging");
    const mandate = f.t.mandate.uploadLabel;
    await f.chooseFiles(mandate, [FIXTURES.mandate]);
    await expect(listedFile(f, "machtiging-ondertekend.pdf")).toContainText(
      shownSize(fs.statSync(FIXTURES.mandate).size, "nl"),
    );
    await f.continue();
    await f.at("uw-klacht", f.t.complaint.title);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the plain file input adds a file with 'Bestanden toevoegen', lists it with its size, and Verder leads on", async ({
    page,
  }) => {
    const f = new IntakeForm(page, { js: false, axe: false });
    await walkToUploadStep(f, "bijlagen");
    const answer = f.t.attachments.categoryMunicipalityAnswer;
    await f.chooseFiles(answer, [FIXTURES.municipalityAnswer]);
    await f.press(f.button(f.t.attachments.upload));
    await expect(page.getByRole("status").filter({ hasText: "1 bestand toegevoegd." })).toBeVisible();
    await expect(listedFile(f, "antwoord-gemeente.pdf")).toContainText(
      shownSize(fs.statSync(FIXTURES.municipalityAnswer).size, "nl"),
    );
    await f.continue();
    await f.at("controleren", f.t.review.title);
    await expect(page.getByRole("main")).toContainText("antwoord-gemeente.pdf");
  });

  test("an .exe renamed to .pdf, an HTML page (as .pdf and as .html) and an SVG are refused in the error summary, and never listed", async ({
    page,
  }) => {
    const f = new IntakeForm(page, { js: false, axe: false });
    await walkToUploadStep(f, "bijlagen");
    const files = refusedFiles(dir);
    await f.chooseFiles(f.t.attachments.categoryEvidence, files);
    await f.press(f.button(f.t.attachments.upload));
    await expect(f.errorSummary()).toBeVisible();
    for (const file of files) {
      await expect(badTypeAlert(f, baseName(file)), `the refusal of ${baseName(file)}`).toBeVisible();
      await expect(listedFile(f, baseName(file))).toHaveCount(0);
    }
  });
});
