import { and, eq, or } from "drizzle-orm";
import { audit } from "#app/utils/audit.server";
import { DOSSIER_NUMBER } from "#db/dossier-numbers";
import { dossierEvents, dossierLinks, dossiers } from "#db/schema/index";
import { backOfficeScope } from "../scope.server";
import { issue, OK, runCommand, type CommandRun, type CommandScope } from "./command.server";

export const LINK_REASON_MAX = 500;
export type LinkInput = { relatedNumber: string; linkReason: string };
export type UnlinkInput = { linkId: string };

/** The pair in id order, as the table keeps it (one row per pair, whichever side linked it). */
const ordered = (a: string, b: string) => (a < b ? { dossierId: a, relatedId: b } : { dossierId: b, relatedId: a });

/** The same step in the other dossier's history (and its audit row): both sides show the link. */
async function recordOnOther(run: CommandRun, otherId: string, type: string, details: Record<string, unknown>) {
  const { tx, scope } = run;
  await tx
    .insert(dossierEvents)
    .values({ dossierId: otherId, at: run.now, actorUserId: scope.actor.id, type, details });
  await audit(tx, scope.ctx, scope.actor, {
    action: `dossier.${type}`,
    subjectType: "dossier",
    subjectId: otherId,
    details: { number: details.number },
  });
}

/**
 * A handler marks two dossiers as related, with the reason (the same conduct, a complaint made
 * again): also a closed one. Both histories show it; the pair is linked once.
 */
export function linkDossier(scope: CommandScope, input: LinkInput) {
  return runCommand(scope, async (run) => {
    const { tx, dossier, record } = run;
    const number = input.relatedNumber.trim().toUpperCase();
    if (number === dossier.number) return issue("relatedNumber", "link-self");
    const [related] = DOSSIER_NUMBER.test(number)
      ? await tx
          .select({ id: dossiers.id, number: dossiers.number })
          .from(dossiers)
          .where(and(eq(dossiers.number, number), backOfficeScope(scope.actor).dossiers))
      : [];
    if (!related) return issue("relatedNumber", "link-unknown", { number });
    const pair = ordered(dossier.id, related.id);
    const [inserted] = await tx
      .insert(dossierLinks)
      .values({ ...pair, reason: input.linkReason, createdBy: scope.actor.id, createdAt: run.now })
      .onConflictDoNothing()
      .returning({ id: dossierLinks.id });
    if (!inserted) return issue("relatedNumber", "link-exists", { number });
    await record(
      "linked",
      { number: related.number, reason: input.linkReason },
      { linkId: inserted.id, related: related.number },
    );
    await recordOnOther(run, related.id, "linked", { number: dossier.number, reason: input.linkReason });
    return OK;
  });
}

/** The link taken off again (a mistake, or no longer related): recorded on both sides. */
export function unlinkDossier(scope: CommandScope, input: UnlinkInput) {
  return runCommand(scope, async (run) => {
    const { tx, dossier, record } = run;
    const [removed] = await tx
      .delete(dossierLinks)
      .where(
        and(
          eq(dossierLinks.id, input.linkId),
          or(eq(dossierLinks.dossierId, dossier.id), eq(dossierLinks.relatedId, dossier.id)),
        ),
      )
      .returning({ dossierId: dossierLinks.dossierId, relatedId: dossierLinks.relatedId });
    if (!removed) return issue(`link-${input.linkId}`, "link-gone");
    const otherId = removed.dossierId === dossier.id ? removed.relatedId : removed.dossierId;
    const [other] = await tx.select({ number: dossiers.number }).from(dossiers).where(eq(dossiers.id, otherId));
    await record("unlinked", { number: other?.number ?? "" }, { linkId: input.linkId });
    await recordOnOther(run, otherId, "unlinked", { number: dossier.number });
    return OK;
  });
}
