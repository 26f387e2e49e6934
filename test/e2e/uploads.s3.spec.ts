/**
 * Browser uploads with Uppy against a real S3-compatible server (s3rver on 127.0.0.1:4570 by default,
 * bucket oma-e2e; the "s3" project of playwright.config.ts). The app only registers, signs and
 * verifies: the bytes go from the browser straight to the bucket, a large file in 5 MB parts.
 *
 * Every test also checks that no Content Security Policy refused anything while Uppy ran.
 * Large files are generated at test time in a temporary folder, never committed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page, type Request } from "@playwright/test";
import { useLanguage } from "./support";
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

const BUCKET = `http://127.0.0.1:${process.env.E2E_S3_PORT ?? 4570}/oma-e2e/`;
const MB = 1024 * 1024;
const PART = 5 * MB;

let dir: string;
let cspViolations: () => Promise<string[]>;

test.beforeEach(async ({ page }) => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "oma-e2e-s3-"));
  cspViolations = await watchCsp(page);
});

test.afterEach(async () => {
  expect(await cspViolations(), "no Content Security Policy violations while Uppy runs").toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The part numbers of the browser's part PUTs to the bucket, in order (retries included). */
function partPuts(page: Page): number[] {
  const parts: number[] = [];
  page.on("request", (r: Request) => {
    const url = new URL(r.url());
    if (r.method() === "PUT" && r.url().startsWith(BUCKET) && url.searchParams.has("partNumber"))
      parts.push(Number(url.searchParams.get("partNumber")));
  });
  return parts;
}

test("a large file goes to the bucket in 5 MB parts with progress shown, is verified, listed with its size, and Verder leads on; axe and keyboard (nl)", async ({
  page,
}) => {
  const f = new IntakeForm(page, { axe: false });
  await walkToUploadStep(f, "bijlagen");
  const answer = f.t.attachments.categoryMunicipalityAnswer;
  // 30 MB (the S3 app runs with a 32 MB limit, playwright.config.ts), or the largest whole size under a lower limit.
  const limit = await perFileLimitMb(f);
  const bytes = Math.min(30, limit - 1) * MB;
  test.info().annotations.push({ type: "large file", description: `${bytes / MB} MB (per-file limit ${limit} MB)` });
  const file = writeTestFile(dir, "jaarverslag-groot.pdf", bytes);
  const parts = partPuts(page);
  const progress = await recordProgress(page);
  // Axe with Uppy's Dashboard shown, in Dutch (English: below).
  await f.scan();

  // By keyboard: Tab reaches Uppy's "kies bestanden" button, Enter opens the file chooser.
  await tabTo(page, f.fileControl(answer));
  await f.chooseFiles(answer, [file], { viaKeyboard: true, expectListed: false });
  await expect(listedFile(f, "jaarverslag-groot.pdf")).toBeVisible({ timeout: 45_000 });

  const expectedParts = Math.ceil(bytes / PART);
  expect(parts.length, `part PUTs to ${BUCKET}`).toBeGreaterThanOrEqual(expectedParts);
  expect([...new Set(parts)].sort((a, b) => a - b)).toEqual(Array.from({ length: expectedParts }, (_, i) => i + 1));
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
  // And with the file listed.
  await f.scan();

  await f.continue();
  await f.at("controleren", f.t.review.title);
  await expect(page.getByRole("main")).toContainText("jaarverslag-groot.pdf");
});

test("a connection reset during a part: Uppy retries it and the file is added exactly once", async ({ page }) => {
  const f = new IntakeForm(page, { axe: false });
  await walkToUploadStep(f, "bijlagen");
  const answer = f.t.attachments.categoryMunicipalityAnswer;
  const bytes = 12 * MB;
  const file = writeTestFile(dir, "onderbroken.pdf", bytes);
  const parts = partPuts(page);
  let cut = 0;
  await page.route(
    (url) => url.href.startsWith(BUCKET) && url.searchParams.get("partNumber") === "2",
    async (route) => {
      if (cut++ === 0) await route.abort("connectionreset");
      else await route.continue();
    },
  );

  await f.chooseFiles(answer, [file], { expectListed: false });
  await expect(listedFile(f, "onderbroken.pdf")).toBeVisible({ timeout: 30_000 });
  expect(cut, "part 2 was cut once and sent again").toBe(2);
  expect(parts.filter((n) => n === 2)).toHaveLength(2);
  await expect(listedFile(f, "onderbroken.pdf")).toHaveCount(1);
  await expect(listedFile(f, "onderbroken.pdf")).toContainText(shownSize(bytes, "nl"));
  await expect(page.getByRole("alert"), "a retried part is no failure to report").toHaveCount(0);

  await f.continue();
  await f.at("controleren", f.t.review.title);
  await expect(page.getByRole("main").getByRole("listitem").filter({ hasText: "onderbroken.pdf" })).toHaveCount(1);
});

/**
 * s3rver 3.7.1 has no ListParts (GET …?uploadId= answers 405 MethodNotAllowed), which Uppy asks
 * to resume a multipart upload after an error; real S3 has it. Until test/support/s3-server.ts
 * adds it (as it adds AbortMultipartUpload), this answers ListParts from the part PUTs the bucket
 * confirmed, with their ETags. Everything else still goes to s3rver, whose CompleteMultipartUpload
 * checks the parts. Returns how often ListParts was asked.
 */
async function standInForListParts(page: Page): Promise<() => number> {
  const confirmed = new Map<number, string>();
  page.on("response", (r) => {
    const url = new URL(r.url());
    if (r.request().method() === "PUT" && r.url().startsWith(BUCKET) && url.searchParams.has("partNumber") && r.ok()) {
      confirmed.set(Number(url.searchParams.get("partNumber")), r.headers()["etag"] ?? "");
    }
  });
  let asked = 0;
  await page.route(
    (url) => url.href.startsWith(BUCKET) && url.searchParams.has("uploadId") && !url.searchParams.has("partNumber"),
    async (route) => {
      if (route.request().method() !== "GET") return route.fallback();
      asked++;
      const url = new URL(route.request().url());
      const parts = [...confirmed]
        .sort(([a], [b]) => a - b)
        .map(([n, etag]) => `<Part><PartNumber>${n}</PartNumber><ETag>${etag.replace(/"/g, "&quot;")}</ETag></Part>`)
        .join("");
      await route.fulfill({
        status: 200,
        contentType: "application/xml",
        headers: { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "ETag" },
        body: `<?xml version="1.0" encoding="UTF-8"?><ListPartsResult><Bucket>oma-e2e</Bucket><Key>${decodeURIComponent(url.pathname.replace("/oma-e2e/", ""))}</Key><UploadId>${url.searchParams.get("uploadId")}</UploadId>${parts}</ListPartsResult>`,
      });
    },
  );
  return () => asked;
}

test("offline for a moment mid-upload: Verder waits, the upload resumes from the next part once online, and the file is added once", async ({
  page,
  context,
}) => {
  const f = new IntakeForm(page, { axe: false });
  await walkToUploadStep(f, "bijlagen");
  const answer = f.t.attachments.categoryMunicipalityAnswer;
  const bytes = 17 * MB;
  const file = writeTestFile(dir, "wegvallend-netwerk.pdf", bytes);
  const parts = partPuts(page);
  const listPartsAsked = await standInForListParts(page);

  const firstPartDone = page.waitForResponse(
    (r) => r.url().startsWith(BUCKET) && r.url().includes("partNumber=1") && r.request().method() === "PUT",
  );
  await f.chooseFiles(answer, [file], { expectListed: false });
  await firstPartDone;
  await context.setOffline(true);
  // Continuing while the file is still on its way is held back with a message.
  await f.button(f.t.continue).click();
  await expect(page.getByRole("alert").filter({ hasText: f.t.attachments.waitForUploads })).toBeVisible();
  await expect(page).toHaveURL(/\/klacht\/bijlagen$/);
  await page.waitForTimeout(1500);
  await context.setOffline(false);

  await expect(listedFile(f, "wegvallend-netwerk.pdf")).toBeVisible({ timeout: 30_000 });
  expect(listPartsAsked(), "Uppy resumed the multipart upload (ListParts)").toBeGreaterThanOrEqual(1);
  expect(
    parts.filter((n) => n === 1),
    "part 1 was not sent again",
  ).toHaveLength(1);
  expect(new Set(parts).size).toBe(Math.ceil(bytes / PART));
  await expect(listedFile(f, "wegvallend-netwerk.pdf")).toHaveCount(1);
  await expect(listedFile(f, "wegvallend-netwerk.pdf")).toContainText(shownSize(bytes, "nl"));
  // The failure reported while offline is gone once the file is added; so is the "wait" message.
  await expect(page.getByRole("alert")).toHaveCount(0);
  await f.continue();
  await f.at("controleren", f.t.review.title);
  await expect(page.getByRole("main").getByRole("listitem").filter({ hasText: "wegvallend-netwerk.pdf" })).toHaveCount(
    1,
  );
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
    await expect(badTypeAlert(f, baseName(file)), `the refusal of ${baseName(file)}`).toBeVisible({ timeout: 15_000 });
  }
  for (const file of files) await expect(listedFile(f, baseName(file))).toHaveCount(0);
  // The alerts with the Dashboard: still accessible.
  await f.scan();

  // A file over the per-file limit is refused when it is registered, before a byte goes to the bucket.
  const limit = await perFileLimitMb(f);
  const tooLarge = writeTestFile(dir, "te-groot.pdf", (limit + 1) * MB);
  const toBucket: string[] = [];
  page.on("request", (r) => {
    if (r.url().startsWith(BUCKET)) toBucket.push(r.url());
  });
  await f.chooseFiles(evidence, [tooLarge], { expectListed: false });
  await expect(
    page.getByRole("alert").filter({ hasText: `Het bestand te-groot.pdf is groter dan ${limit} MB.` }),
  ).toBeVisible();
  await expect(listedFile(f, "te-groot.pdf")).toHaveCount(0);
  expect(toBucket).toHaveLength(0);

  // A good file after the refusals is added as usual; the check page lists only that one.
  await f.chooseFiles(f.t.attachments.categoryMunicipalityAnswer, [FIXTURES.municipalityAnswer]);
  await f.continue();
  await f.at("controleren", f.t.review.title);
  const main = page.getByRole("main");
  await expect(main).toContainText("antwoord-gemeente.pdf");
  for (const file of files) await expect(main).not.toContainText(baseName(file));
});

test("axe passes on the attachment step with Uppy's Dashboard in English, before and after an upload", async ({
  page,
  context,
  baseURL,
}) => {
  await useLanguage(context, baseURL!, "en");
  const f = new IntakeForm(page, { lang: "en", axe: false });
  await walkToUploadStep(f, "bijlagen");
  const answer = f.t.attachments.categoryMunicipalityAnswer;
  await expect(f.fileField(answer)).toBeVisible();
  await f.scan();
  await f.chooseFiles(answer, [FIXTURES.municipalityAnswer]);
  await expect(listedFile(f, "antwoord-gemeente.pdf")).toContainText(
    shownSize(fs.statSync(FIXTURES.municipalityAnswer).size, "en"),
  );
  await expect(
    page.getByRole("status").filter({ hasText: "The file antwoord-gemeente.pdf has been added." }),
  ).toBeAttached();
  await f.scan();
});

test("mandate step (representative): the signed form goes to the bucket via Uppy and Verder leads on", async ({
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
