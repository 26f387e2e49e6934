import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, signIn, useLanguage } from "./support";

const PUBLIC_PAGES = ["/", "/privacyverklaring", "/toegankelijkheidsverklaring", "/inloggen", "/ontwikkeling/mailbox"];

for (const lang of ["nl", "en"] as const) {
  test.describe(`public pages in ${lang}`, () => {
    test.beforeEach(async ({ context, baseURL }) => {
      await useLanguage(context, baseURL!, lang);
    });

    for (const path of PUBLIC_PAGES) {
      test(`${path} has a title, one h1, lang="${lang}" and no axe violations`, async ({ page }) => {
        const response = await page.goto(path);
        expect(response?.status()).toBe(200);
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
        await expect(page).toHaveTitle(/Ombudsman Metropool Amsterdam/);
        await expectAccessible(page);
      });
    }

    test("an unknown address shows the not-found page in the layout", async ({ page }) => {
      const response = await page.goto("/bestaat-niet");
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        lang === "nl" ? "Pagina niet gevonden" : "Page not found",
      );
      await expectAccessible(page);
    });

    test("the sign-in form shows its errors in a summary and at the fields", async ({ page }) => {
      await page.goto("/inloggen");
      await page.getByRole("button", { name: lang === "nl" ? "Inloggen" : "Sign in" }).click();
      const summary = page.getByRole("alert");
      await expect(summary).toContainText(
        lang === "nl" ? "Verbeter de fouten voor u verder gaat" : "Please correct the errors",
      );
      await expect(page.getByText(lang === "nl" ? "Invoerfout:" : "Error:").first()).toBeAttached();
      await expectAccessible(page);
    });
  });
}

test("the start page explains the five steps and starts the complaint", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Heeft u een klacht over de gemeente?");
  for (const step of [
    "Eerst klagen bij de gemeente",
    "Heeft u al antwoord van de gemeente?",
    "Verzamel alle informatie",
    "Vul het formulier in",
    "Wat gebeurt er daarna?",
  ]) {
    await expect(page.getByRole("heading", { level: 3, name: step })).toBeVisible();
  }
  await expect(page.getByRole("link", { name: "Start uw klacht" })).toHaveAttribute("href", "/klacht");
});

test("the language switch changes the page to English and back, and keeps the page", async ({ page }) => {
  await page.goto("/privacyverklaring");
  await page.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/privacyverklaring$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Privacy statement");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("link", { name: "Nederlands" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Privacyverklaring");
});

test("pages carry the security headers, with a nonce on every inline script", async ({ page }) => {
  // The start page has no scripts (see below); the sign-in page has.
  const response = await page.goto("/inloggen");
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const inlineNonces = await page
    .locator("script:not([src])")
    .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(inlineNonces.length).toBeGreaterThan(0);
  expect(inlineNonces.every((n) => n === nonce)).toBe(true);
});

test("pages that need no JavaScript come without scripts, and the form's steps with them", async ({
  page,
  request,
}) => {
  for (const path of ["/", "/privacyverklaring", "/toegankelijkheidsverklaring", "/bestaat-niet"]) {
    await page.goto(path);
    await expect(page.locator("h1"), path).toBeVisible();
    expect(await page.locator("script").count(), path).toBe(0);
    expect(await page.locator('link[rel="modulepreload"]').count(), path).toBe(0);
  }
  // As served: once hydrated, Remix takes its own script elements out of the document.
  const step = await (await request.get("/klacht/gemeente")).text();
  expect(step).toMatch(/<script [^>]*type="module"/);
  expect(step).toContain('rel="modulepreload"');
});

test("pages, scripts and stylesheets arrive compressed", async ({ request }) => {
  const page = await request.get("/", { headers: { "Accept-Encoding": "br, gzip" } });
  expect(page.headers()["content-encoding"]).toBe("br");
  expect(page.headers().vary).toContain("Accept-Encoding");
  const css = /href="(\/build\/[^"]+\.css)"/.exec(await page.text())?.[1];
  expect(css).toBeTruthy();
  const style = await request.get(css!, { headers: { "Accept-Encoding": "gzip" } });
  expect(style.headers()["content-encoding"]).toBe("gzip");
  expect(await style.text()).toContain(".utrecht-");
  const plain = await request.get("/", { headers: { "Accept-Encoding": "identity" } });
  expect(plain.headers()["content-encoding"]).toBeUndefined();
});

test("a case handler signs in, sees the workspace, and signs out", async ({ page }) => {
  await signIn(page, DEMO.caseHandler);
  await expect(page).toHaveURL(/\/behandelaar$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Werkvoorraad");
  await expectAccessible(page);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "oma_session");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  await page.getByRole("link", { name: "Uitloggen" }).click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByText("U bent uitgelogd.")).toBeVisible();
  await page.goto("/behandelaar");
  await expect(page).toHaveURL(/\/inloggen\?terug=%2Fbehandelaar/);
});

test("a municipality officer lands on the portal and may not open the back office", async ({
  page,
  context,
  baseURL,
}) => {
  await signIn(page, DEMO.officer);
  await expect(page).toHaveURL(/\/gemeente$/);
  await expect(page.getByText("klachtencoördinator van de gemeente Amsterdam")).toBeVisible();
  await expectAccessible(page);
  const response = await page.goto("/behandelaar");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Geen toegang");
  await expectAccessible(page);
  await useLanguage(context, baseURL!, "en");
  await page.goto("/gemeente");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Workspace");
  await expectAccessible(page);
});

test("a wrong password is refused without saying which part was wrong", async ({ page }) => {
  await signIn(page, { email: DEMO.coordinator.email, password: "wrong" });
  await expect(page.getByRole("alert")).toContainText("Het e-mailadres of het wachtwoord is niet juist.");
  await expect(page).toHaveURL(/\/inloggen/);
});

test("a form post from another site is refused", async ({ request, baseURL }) => {
  const response = await request.post(`${baseURL}/inloggen`, {
    headers: { Origin: "https://evil.example" },
    form: { email: DEMO.caseHandler.email, password: DEMO.caseHandler.password },
  });
  expect(response.status()).toBe(403);
});

test("a same-site form post without the CSRF token is refused", async ({ request, baseURL }) => {
  const response = await request.post(`${baseURL}/inloggen`, {
    form: { email: DEMO.caseHandler.email, password: DEMO.caseHandler.password },
  });
  expect(response.status()).toBe(403);
});

test("the probes: readiness reports database and storage, liveness only the process", async ({ request, baseURL }) => {
  for (const path of ["/readyz", "/healthz"]) {
    const response = await request.get(`${baseURL}${path}`);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", checks: { database: "ok", storage: "ok" } });
  }
  const live = await request.get(`${baseURL}/livez`);
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: "ok" });
});

test("in production mode the app refuses to start without its settings and names each one", async () => {
  const { spawnSync } = await import("node:child_process");
  const result = spawnSync(process.execPath, ["build/index.js"], {
    env: { PATH: process.env.PATH, NODE_ENV: "production", PORT: "3099" },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(result.status).toBe(1);
  for (const name of [
    "SESSION_SECRET",
    "DATABASE_URL",
    "STORAGE_DRIVER",
    "SMTP_HOST",
    "MAIL_FROM",
    "PUBLIC_URL",
    "OMBUDSMAN_POSTAL_ADDRESS",
  ]) {
    expect(result.stderr).toContain(`${name} is required in production`);
  }
});
