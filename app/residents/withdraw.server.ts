import { eq } from "drizzle-orm";
import { endRunningPause } from "#app/dossiers/casework/clock.server";
import { closed, OK } from "#app/dossiers/casework/command.server";
import { mailAssignee, mailOfficers, type LinkMail } from "#app/dossiers/casework/officer-mail.server";
import { dossierPageLink } from "#app/dossiers/casework/request.server";
import { dossierShares, dossiers } from "#db/schema/index";
import { runResidentCommand, type ResidentCommandScope } from "./command.server";

export const WITHDRAW_REASON_MAX = 2000;

/**
 * The resident withdraws the complaint: the dossier closes with the outcome "withdrawn" (the
 * reason, if given, as the explanation), a clock pause ends, the handler is told, and so is the
 * municipality if the dossier was shared with it. Mails hold only a link.
 */
export function withdrawComplaint(
  scope: ResidentCommandScope,
  input: { reason: string },
  words: { handler: LinkMail; officer: LinkMail },
) {
  const { services } = scope.ctx;
  return runResidentCommand(scope, async (run) => {
    const { tx, dossier } = run;
    if (dossier.status === "closed") return closed("withdrawReason");
    await endRunningPause(run, run.today, "closed");
    await tx
      .update(dossiers)
      .set({ status: "closed", closedAt: run.now, outcome: "withdrawn", outcomeDetail: null })
      .where(eq(dossiers.id, dossier.id));
    const change = { from: dossier.status, to: "closed", outcome: "withdrawn", detail: null, by: "resident" };
    await run.record("status_changed", { ...change, explanation: input.reason || null }, change);
    await mailAssignee(tx, dossier, {
      kind: "dossier_withdrawn",
      link: dossierPageLink(services.env.publicUrl, dossier.number),
      words: words.handler,
      subjectType: "dossier",
      subjectId: dossier.id,
    });
    const [shared] = await tx
      .select({ id: dossierShares.id })
      .from(dossierShares)
      .where(eq(dossierShares.dossierId, dossier.id))
      .limit(1);
    if (shared)
      await mailOfficers(tx, dossier, {
        kind: "dossier_withdrawn",
        link: `${services.env.publicUrl}/gemeente/dossiers/${encodeURIComponent(dossier.number)}`,
        words: words.officer,
        subjectType: "dossier",
        subjectId: dossier.id,
      });
    return OK;
  });
}
