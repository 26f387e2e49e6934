import { and, eq, gte, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "#db/client";
import { mailOutbox, type OutboxMessage } from "#db/schema/mail";
import { recordDeliveryFailure } from "#app/http/metrics.server";
import { logger } from "#app/utils/logger.server";
import { outboxMessageId } from "./outbox.server";
import { MailDeliveryError, type MailTransport } from "./transport.server";

export type DeliverOptions = {
  db: Database;
  transport: MailTransport;
  from: string;
  /** Names this worker in `locked_by`; must differ between processes. */
  workerId: string;
  maxAttempts: number;
  batchSize?: number;
  /** How long a claimed message belongs to this worker before another may take it over. */
  leaseMs?: number;
  /** Delay before attempt n + 1, given the n attempts made so far. */
  backoff?: (attempts: number) => number;
};

export type DeliveryResult = { sent: number; failed: number; retried: number };

export type MailWorker = {
  /** Stops polling and waits for a pass that is under way. */
  stop(): Promise<void>;
  /** Runs a pass now (or right after the current one) instead of waiting for the interval. */
  wake(): void;
};

const DEFAULT_BATCH_SIZE = 20;
// Far longer than one SMTP send can take with the transport's 10 s timeouts, so a live
// worker keeps its lease; short enough that a crashed worker's mail is picked up soon.
const DEFAULT_LEASE_MS = 2 * 60_000;
const MAX_ERROR_LENGTH = 2000;

export function defaultBackoff(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 60 * 60_000);
}

function fromNow(ms: number): SQL {
  return sql`now() + (${ms}::double precision * interval '1 millisecond')`;
}

/** One delivery pass: claims due messages, sends them and records each outcome. */
export async function deliverDueMail(options: DeliverOptions): Promise<DeliveryResult> {
  const { db, transport, from, workerId, maxAttempts } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const backoff = options.backoff ?? defaultBackoff;
  const result: DeliveryResult = { sent: 0, failed: 0, retried: 0 };

  await failAbandoned(db, maxAttempts);
  const claimed = await claim(db, { workerId, batchSize, leaseMs, maxAttempts });

  for (const row of claimed) {
    // Matches only while our claim stands: any later claim, even by this worker, increments attempts.
    const mine = and(
      eq(mailOutbox.id, row.id),
      eq(mailOutbox.status, "sending"),
      eq(mailOutbox.lockedBy, workerId),
      eq(mailOutbox.attempts, row.attempts),
    );

    // Renewing right before the send confirms the row is still ours after the earlier
    // messages of the batch, and gives the send a whole lease.
    const renewed = await db
      .update(mailOutbox)
      .set({ lockedUntil: fromNow(leaseMs) })
      .where(mine)
      .returning({ id: mailOutbox.id });
    if (renewed.length === 0) {
      logger.warn("mail lease lost before sending; another worker has the message", { outboxId: row.id, workerId });
      continue;
    }

    let failure: unknown;
    try {
      await transport.send({
        from,
        to: row.toAddress,
        subject: row.subject,
        text: row.textBody,
        html: row.htmlBody ?? undefined,
        messageId: outboxMessageId(row.id, from),
      });
    } catch (err) {
      failure = err;
    }

    if (failure === undefined) {
      const done = await db
        .update(mailOutbox)
        .set({ status: "sent", sentAt: sql`now()`, lockedUntil: null })
        .where(mine)
        .returning({ id: mailOutbox.id });
      if (done.length === 0) logger.warn("mail sent after its lease was lost", { outboxId: row.id, workerId });
      result.sent++;
      continue;
    }

    const lastError = describe(failure).slice(0, MAX_ERROR_LENGTH);
    const permanent = failure instanceof MailDeliveryError && failure.permanent;
    const giveUp = permanent || row.attempts >= maxAttempts;
    const recorded = await db
      .update(mailOutbox)
      .set(
        giveUp
          ? { status: "failed", lockedUntil: null, lastError }
          : {
              status: "pending",
              nextAttemptAt: fromNow(backoff(row.attempts)),
              lockedBy: null,
              lockedUntil: null,
              lastError,
            },
      )
      .where(mine)
      .returning({ id: mailOutbox.id });
    if (recorded.length === 0) {
      // Another worker took the message over meanwhile; its outcome stands.
      logger.warn("mail send failed after its lease was lost", { outboxId: row.id, workerId, error: lastError });
    } else if (giveUp) {
      logger.error("mail delivery failed for good", {
        outboxId: row.id,
        kind: row.kind,
        attempts: row.attempts,
        permanent,
        error: lastError,
      });
      result.failed++;
      recordDeliveryFailure("failed");
    } else {
      logger.warn("mail delivery failed, will retry", { outboxId: row.id, attempts: row.attempts, error: lastError });
      result.retried++;
      recordDeliveryFailure("retried");
    }
  }
  return result;
}

/**
 * Claims in one statement, so no other worker can take the same rows in between on either
 * driver. SKIP LOCKED lets concurrent workers claim disjoint batches instead of waiting.
 */
async function claim(
  db: Database,
  opts: { workerId: string; batchSize: number; leaseMs: number; maxAttempts: number },
): Promise<OutboxMessage[]> {
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(
      or(
        and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, sql`now()`)),
        and(
          eq(mailOutbox.status, "sending"),
          lt(mailOutbox.lockedUntil, sql`now()`),
          lt(mailOutbox.attempts, opts.maxAttempts),
        ),
      ),
    )
    .orderBy(mailOutbox.nextAttemptAt, mailOutbox.id)
    .limit(opts.batchSize)
    .for("update", { skipLocked: true });

  return db
    .update(mailOutbox)
    .set({
      status: "sending",
      lockedBy: opts.workerId,
      lockedUntil: fromNow(opts.leaseMs),
      attempts: sql`${mailOutbox.attempts} + 1`,
    })
    .where(inArray(mailOutbox.id, due))
    .returning();
}

/**
 * A worker that died during its last allowed attempt leaves the row 'sending'; once the
 * lease is over nobody may try again, so the row is marked failed instead of staying stuck.
 */
async function failAbandoned(db: Database, maxAttempts: number): Promise<void> {
  const rows = await db
    .update(mailOutbox)
    .set({ status: "failed", lockedUntil: null, lastError: "worker stopped during the last attempt" })
    .where(
      and(
        eq(mailOutbox.status, "sending"),
        lt(mailOutbox.lockedUntil, sql`now()`),
        gte(mailOutbox.attempts, maxAttempts),
      ),
    )
    .returning({ id: mailOutbox.id });
  for (const row of rows) {
    logger.error("mail delivery abandoned after the last attempt", { outboxId: row.id });
    recordDeliveryFailure("failed");
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Polls the outbox every interval; passes never overlap. */
export function startMailWorker(options: DeliverOptions & { intervalMs: number }): MailWorker {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let runAgain = false;

  const schedule = (delayMs: number) => {
    clearTimeout(timer);
    timer = setTimeout(runPass, delayMs);
  };

  function runPass(): void {
    if (stopped) return;
    if (inFlight) {
      runAgain = true;
      return;
    }
    clearTimeout(timer);
    inFlight = (async () => {
      try {
        const result = await deliverDueMail(options);
        // A full batch suggests more is waiting; keep going rather than wait a whole interval.
        if (result.sent + result.failed + result.retried >= batchSize) runAgain = true;
      } catch (err) {
        logger.error("mail worker pass failed", { err, workerId: options.workerId });
      }
    })().finally(() => {
      inFlight = undefined;
      if (stopped) return;
      if (runAgain) {
        runAgain = false;
        schedule(0);
      } else {
        schedule(options.intervalMs);
      }
    });
  }

  schedule(0);
  return {
    wake: runPass,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
