import { deleteExpiredDrafts } from "#app/intake/drafts.server";
import { deleteStrayObjects } from "#app/uploads/uploads.server";
import { logger } from "#app/utils/logger.server";
import type { Services } from "#app/utils/services.server";

const HOUR = 60 * 60 * 1000;

/**
 * Periodic clean-up in every app process: unfinished complaint forms past their lifetime are
 * deleted with their files (privacy statement: 30 days), and upload objects that were never
 * verified or that no row points to. Each task is idempotent, so two processes running it at
 * the same time do no harm.
 */
export function startHousekeeping(services: Services, intervalMs = HOUR): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    running = (async () => {
      try {
        let deleted: number;
        do deleted = await deleteExpiredDrafts(services);
        while (deleted > 0);
        // A day's grace: nothing that old can still be on its way.
        await deleteStrayObjects(services, new Date(services.now().getTime() - 24 * HOUR));
      } catch (err) {
        logger.error("housekeeping failed", { err });
      } finally {
        running = null;
      }
    })();
  };
  const first = setTimeout(run, 5_000);
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
