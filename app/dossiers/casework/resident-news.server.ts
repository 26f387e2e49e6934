import { eq } from "drizzle-orm";
import { dossiers } from "#db/schema/index";
import { OK, runCommand, type CommandScope } from "./command.server";

/**
 * A handler has looked at what the resident sent (the documents and answers since the marker
 * was set): the queue's "new from the resident" marker goes. Marking twice changes nothing and
 * records nothing; the event keeps when the news arrived, so the history shows what was seen.
 */
export function markResidentNewsSeen(scope: CommandScope) {
  return runCommand(scope, async ({ tx, dossier, record }) => {
    if (!dossier.residentNewsAt) return OK;
    await tx.update(dossiers).set({ residentNewsAt: null }).where(eq(dossiers.id, dossier.id));
    const since = dossier.residentNewsAt.toISOString();
    await record("resident_news_seen", { since }, { since });
    return OK;
  });
}
