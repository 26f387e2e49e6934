import {
  runLocked,
  type CommandContext,
  type CommandResult,
  type CommandRun,
} from "#app/dossiers/casework/command.server";
import { scopeFor } from "#app/dossiers/scope.server";
import { dossiers } from "#db/schema/index";
import { eq } from "drizzle-orm";

/** A resident acting on their own dossier through their link's session (no user row). */
export type ResidentCommandScope = {
  ctx: CommandContext;
  actor: { id: null; role: "resident"; name: string };
  number: string;
  dossierId: string;
};

export const residentCommandScope = (ctx: CommandContext, dossierId: string, number: string): ResidentCommandScope => ({
  ctx,
  actor: { id: null, role: "resident", name: "" },
  number,
  dossierId,
});

/** `runLocked` under the resident's scope: their one dossier, locked, the act recorded as theirs. */
export function runResidentCommand<R extends CommandResult>(
  scope: ResidentCommandScope,
  work: (run: CommandRun<ResidentCommandScope>) => Promise<R>,
) {
  return runLocked(scope, scopeFor({ role: "resident", dossierId: scope.dossierId }).dossiers, work);
}

/**
 * The resident sent the handler something to look at (a document, an answer): the queue marks the
 * dossier "new from the resident" until a handler marks it as seen (`markResidentNewsSeen`).
 */
export async function markResidentNews(run: CommandRun<ResidentCommandScope>) {
  await run.tx.update(dossiers).set({ residentNewsAt: run.now }).where(eq(dossiers.id, run.dossier.id));
}
