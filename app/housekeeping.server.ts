import { deleteExpiredSessions } from "#app/auth/session.server";
import { pruneThrottle } from "#app/auth/throttle.server";
import { refreshRunningPauses } from "#app/dossiers/casework/running-pauses.server";
import { sendDueDigests } from "#app/dossiers/digest.server";
import { deleteExpiredDrafts } from "#app/intake/drafts.server";
import { digestMail } from "#app/mail/digest.server";
import { questionReminderMail } from "#app/mail/question-reminder.server";
import { reminderMail } from "#app/mail/request-reminder.server";
import { sendRequestReminders } from "#app/portal/reminders.server";
import { deleteStaleResidentAccess } from "#app/residents/access.server";
import { sendQuestionReminders } from "#app/residents/question-reminders.server";
import { deleteStrayObjects } from "#app/uploads/uploads.server";
import { logger } from "#app/utils/logger.server";
import type { Services } from "#app/utils/services.server";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/**
 * Periodic work in every app process: unfinished complaint forms past their lifetime are
 * deleted with their files (privacy statement: 30 days), and upload objects that were never
 * verified or that no row points to; expired and idle sessions and forgotten sign-in throttle
 * buckets; every few minutes, the handlers' morning digest and the reminders of requests to
 * municipalities. Each task is idempotent (the digest claims its (user, day) row, a reminder its
 * (request, kind, due date) row, before it queues a mail), so
 * two processes running them at the same time do no harm.
 */
export function startHousekeeping(
  services: Services,
  intervalMs = HOUR,
  digestIntervalMs = 5 * MINUTE,
): { stop(): Promise<void> } {
  const tasks = [
    periodic(intervalMs, "housekeeping failed", () => runHourlyHousekeeping(services)),
    // Short, so the digest goes out soon after the digest hour and soon after a restart; the
    // targets of paused dossiers move first, so the digest and the queue see today's dates.
    periodic(digestIntervalMs, "digest run failed", async () => {
      await refreshRunningPauses(services);
      await sendDueDigests(services, services.now(), digestMail);
      await sendRequestReminders(services, services.now(), reminderMail);
      await sendQuestionReminders(services, services.now(), questionReminderMail);
    }),
  ];
  return {
    async stop() {
      await Promise.all(tasks.map((t) => t.stop()));
    },
  };
}

/** One pass of the hourly jobs. */
export async function runHourlyHousekeeping(services: Services): Promise<void> {
  let deleted: number;
  do deleted = await deleteExpiredDrafts(services);
  while (deleted > 0);
  // A day's grace: nothing that old can still be on its way.
  await deleteStrayObjects(services, new Date(services.now().getTime() - 24 * HOUR));
  // Sessions run on the wall clock (the services' clock is the business date tests move).
  await deleteExpiredSessions(services);
  await deleteStaleResidentAccess(services, services.now());
  await pruneThrottle(services.db, services.now());
}

/** Runs `task` shortly after start and then every `intervalMs`, never two passes at once. */
function periodic(intervalMs: number, failure: string, task: () => Promise<void>): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    running = (async () => {
      try {
        await task();
      } catch (err) {
        logger.error(failure, { err });
      } finally {
        running = null;
      }
    })();
  };
  const first = setTimeout(run, Math.min(5_000, intervalMs));
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
