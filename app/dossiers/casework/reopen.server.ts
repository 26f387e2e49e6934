import { and, desc, eq, sql } from "drizzle-orm";
import { dossierEvents, dossiers } from "#db/schema/index";
import { daysBetween } from "#app/utils/calendar-date";
import { STATUSES, type Status } from "../workflow";
import { mailResidentUpdate } from "#app/residents/update-mail.server";
import { issue, OK, runCommand, type CommandScope } from "./command.server";

export const REOPEN_REASON_MAX = 2000;

export type ReopenInput = { reopenReason: string };

/**
 * Reopens a closed dossier with a reason: back to the status it was closed from (intake when the
 * history does not say), outcome and closing date cleared. The closing stays in the history, so a
 * dossier closed twice shows both. The event carries the handling target as it stands, and how
 * far it is past, so that the page explains the deadline again. The resident is mailed.
 */
export function reopenDossier(scope: CommandScope, input: ReopenInput) {
  return runCommand(scope, async (run) => {
    const { tx, dossier, record, today } = run;
    if (dossier.status !== "closed") return issue("reopenReason", "not-closed");
    const reason = input.reopenReason.trim();
    if (!reason) return issue("reopenReason", "reason-required");
    const [closing] = await tx
      .select({ details: dossierEvents.details })
      .from(dossierEvents)
      .where(
        and(
          eq(dossierEvents.dossierId, dossier.id),
          eq(dossierEvents.type, "status_changed"),
          sql`${dossierEvents.details}->>'to' = 'closed'`,
        ),
      )
      .orderBy(desc(dossierEvents.at), desc(dossierEvents.id))
      .limit(1);
    const before = closing?.details.from;
    const to: Status =
      typeof before === "string" && before !== "closed" && (STATUSES as readonly string[]).includes(before)
        ? (before as Status)
        : "intake";
    await tx
      .update(dossiers)
      .set({ status: to, closedAt: null, outcome: null, outcomeDetail: null })
      .where(eq(dossiers.id, dossier.id));
    const change = {
      from: "closed",
      to,
      outcome: dossier.outcome,
      handlingDueOn: dossier.handlingDueOn,
      daysPast: Math.max(0, daysBetween(dossier.handlingDueOn, today)),
    };
    await record("reopened", { ...change, reason }, change);
    // The resident heard it was closed; they hear it is open again (the reason is the ombudsman's own note).
    await mailResidentUpdate(run, { code: "reopened" });
    return OK;
  });
}
