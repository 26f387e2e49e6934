/**
 * One run of the request reminders in its own process, for the test that runs several at once
 * against one PostgreSQL database (as several app instances' housekeeping would):
 *
 *   node --import tsx test/support/reminder-process.ts --database-url postgres://… --at 2026-12-22T08:00:00Z [--wait-for-go]
 *
 * Prints "ready" once connected (with --wait-for-go, then waits for a line on stdin), runs
 * `sendRequestReminders` once at the given instant, prints `{"queued":N}` and exits 0.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { parseEnv } from "#app/config/env.server";
import { reminderMail } from "#app/mail/request-reminder.server";
import { sendRequestReminders } from "#app/portal/reminders.server";
import { setLogLevel } from "#app/utils/logger.server";
import type { Services } from "#app/utils/services.server";
import { openDatabase } from "#db/client";

const { values } = parseArgs({
  options: {
    "database-url": { type: "string" },
    at: { type: "string" },
    "wait-for-go": { type: "boolean", default: false },
  },
});
const url = values["database-url"];
const at = values.at ? new Date(values.at) : null;
if (!url || !at || Number.isNaN(at.getTime())) {
  process.stderr.write("usage: reminder-process --database-url URL --at ISO-INSTANT [--wait-for-go]\n");
  process.exit(2);
}
setLogLevel("warn");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oma-reminders-"));
const handle = await openDatabase({ kind: "postgres", url, poolSize: 2 });
try {
  await handle.query("SELECT 1");
  const services = {
    env: parseEnv({ NODE_ENV: "test", DATA_DIR: dataDir }),
    db: handle.db,
    now: () => at,
  } as unknown as Services;
  if (values["wait-for-go"]) {
    process.stdout.write("ready\n");
    await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once("line", () => resolve()));
  }
  const queued = await sendRequestReminders(services, at, reminderMail);
  process.stdout.write(`${JSON.stringify({ queued })}\n`);
} finally {
  await handle.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
