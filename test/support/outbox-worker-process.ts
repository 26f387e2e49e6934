/**
 * A mail worker in its own process, for the test that runs several of them against one
 * PostgreSQL database:
 *
 *   node --import tsx test/support/outbox-worker-process.ts \
 *     --database-url postgres://… --smtp-port 2525 --worker-id a [--batch-size 5] [--wait-for-go]
 *
 * With --wait-for-go it prints "ready" once connected and starts when a line arrives on
 * stdin, so the test can start several workers at the same moment. It delivers until no
 * message is pending or being sent, prints its totals as one JSON line and exits 0.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { inArray, sql } from "drizzle-orm";
import { createSmtpTransport } from "#app/mail/transport.server";
import { deliverDueMail } from "#app/mail/worker.server";
import { openDatabase } from "#db/client";
import { mailOutbox } from "#db/schema/mail";

const { values } = parseArgs({
  options: {
    "database-url": { type: "string", default: process.env.DATABASE_URL },
    "smtp-port": { type: "string" },
    "worker-id": { type: "string", default: `process-${process.pid}` },
    "batch-size": { type: "string", default: "10" },
    "max-attempts": { type: "string", default: "5" },
    "wait-for-go": { type: "boolean", default: false },
  },
});

const url = values["database-url"];
const smtpPort = Number(values["smtp-port"]);
if (!url || !Number.isInteger(smtpPort)) {
  process.stderr.write("usage: outbox-worker-process --database-url URL --smtp-port PORT [--worker-id ID]\n");
  process.exit(2);
}

const handle = await openDatabase({ kind: "postgres", url, poolSize: 2 });
const totals = { workerId: values["worker-id"], sent: 0, failed: 0, retried: 0, passes: 0 };
try {
  // Connect before announcing readiness, so the first pass does not pay for it.
  await handle.db
    .select({ n: sql`1` })
    .from(mailOutbox)
    .limit(1);
  if (values["wait-for-go"]) {
    process.stdout.write("ready\n");
    await waitForLine();
  }

  const options = {
    db: handle.db,
    transport: createSmtpTransport({ host: "127.0.0.1", port: smtpPort, secure: false }),
    from: "Ombudsman Metropool Amsterdam <noreply@ombudsman.localhost>",
    workerId: values["worker-id"],
    maxAttempts: Number(values["max-attempts"]),
    batchSize: Number(values["batch-size"]),
    backoff: () => 0,
  };
  for (;;) {
    const pass = await deliverDueMail(options);
    totals.passes++;
    totals.sent += pass.sent;
    totals.failed += pass.failed;
    totals.retried += pass.retried;
    if (pass.sent + pass.failed + pass.retried > 0) continue;
    const [open] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(mailOutbox)
      .where(inArray(mailOutbox.status, ["pending", "sending"]));
    if (!open || open.n === 0) break;
    // What is left is held by another worker (or not due yet); look again shortly.
    await new Promise((r) => setTimeout(r, 50));
  }
  process.stdout.write(JSON.stringify(totals) + "\n");
} finally {
  await handle.close();
}

function waitForLine(): Promise<void> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin });
    rl.once("line", () => {
      rl.close();
      resolve();
    });
  });
}
