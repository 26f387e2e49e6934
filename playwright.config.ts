import { defineConfig } from "@playwright/test";

// E2E_PORT moves every server of the run (two checkouts can then run their suites side by side).
const LOCAL = Number(process.env.E2E_PORT ?? 3011);
const S3_APP = LOCAL + 1;
const S3_PORT = LOCAL + 1559;
process.env.E2E_S3_PORT = String(S3_PORT);
// A real SMTP server (a sink) that the local app delivers its mail to; the tests read it over HTTP.
const SMTP_PORT = LOCAL + 1600;
process.env.E2E_SMTP_MESSAGES = `http://127.0.0.1:${SMTP_PORT + 1}/messages`;

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

// The built app exactly as `npm start` runs it, on a fresh embedded database.
const app = (port: number, dir: string, extra = "") =>
  `rm -rf .cache/${dir} && env -u DATABASE_URL DATA_DIR=.cache/${dir} PORT=${port} HOST=127.0.0.1 PUBLIC_URL=http://127.0.0.1:${port} ${extra} node ./build/index.js`;

export default defineConfig({
  testDir: "./test/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Whole journeys with an axe scan on every page take 30–60 s on a quiet 2-core machine and more under load.
  timeout: 120_000,
  reporter: [["list"]],
  use: { trace: "retain-on-failure", launchOptions },
  projects: [
    // Files in a local folder: uploads stream through the app.
    { name: "lokaal", testIgnore: /\.s3\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${LOCAL}` } },
    // Files in S3 (a real S3-compatible server): browsers upload straight to the bucket.
    { name: "s3", testMatch: /\.s3\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${S3_APP}` } },
  ],
  webServer: [
    {
      command: `SMTP_SINK_PORT=${SMTP_PORT} npx tsx test/support/smtp-sink-cli.ts`,
      url: `http://127.0.0.1:${SMTP_PORT + 1}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: app(LOCAL, "e2e", `SMTP_HOST=127.0.0.1 SMTP_PORT=${SMTP_PORT}`),
      url: `http://127.0.0.1:${LOCAL}/readyz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `S3_TEST_PORT=${S3_PORT} S3_TEST_BUCKET=oma-e2e npm run s3:serve --silent`,
      url: `http://127.0.0.1:${S3_PORT + 1}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: app(
        S3_APP,
        "e2e-s3",
        // A per-file limit above 30 MB, so that the large-file test sends the 30 MB (6 parts).
        `UPLOAD_MAX_FILE_MB=32 STORAGE_DRIVER=s3 S3_BUCKET=oma-e2e S3_REGION=us-east-1 S3_ENDPOINT=http://127.0.0.1:${S3_PORT} S3_FORCE_PATH_STYLE=true S3_ACCESS_KEY_ID=S3RVER S3_SECRET_ACCESS_KEY=S3RVER`,
      ),
      url: `http://127.0.0.1:${S3_APP}/readyz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
