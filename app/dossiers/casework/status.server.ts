import { eq } from "drizzle-orm";
import { dossiers } from "#db/schema/index";
import { validateTransition, type TransitionError } from "../workflow";
import { mailResidentUpdate } from "#app/residents/update-mail.server";
import { endRunningPause } from "./clock.server";
import { closed, invalid, OK, runCommand, type CommandScope, type Issue, type IssueCode } from "./command.server";

export const EXPLANATION_MAX = 2000;

export type StatusInput = { to: string; outcome: string; finding: string; reason: string; statusExplanation: string };

const CODES: Record<TransitionError["field"], Record<TransitionError["code"], IssueCode>> = {
  to: { not_allowed: "status-not-allowed", required: "status-not-allowed", invalid: "status-not-allowed" },
  outcome: { not_allowed: "outcome-invalid", required: "outcome-required", invalid: "outcome-invalid" },
  finding: { not_allowed: "finding-invalid", required: "finding-required", invalid: "finding-invalid" },
  reason: { not_allowed: "reason-invalid", required: "reason-required", invalid: "reason-invalid" },
};

/**
 * Moves the dossier along the workflow (`validateTransition` decides). Closing stores the outcome
 * and its detail (a finding or an Awb reason code), and ends a clock pause that still runs.
 */
export function changeStatus(scope: CommandScope, input: StatusInput) {
  return runCommand(scope, async (run) => {
    const { tx, dossier, record } = run;
    const from = dossier.status;
    if (from === "closed") return closed("to");
    const closing = input.to === "closed";
    const transition = validateTransition({
      from,
      to: input.to,
      outcome: closing ? input.outcome || undefined : undefined,
      finding: closing ? input.finding || undefined : undefined,
      reason: closing ? input.reason || undefined : undefined,
    });
    if (!transition.ok) {
      // The status the dossier is in, for "from <status> it can go to …".
      const issues: Issue[] = transition.errors.map((e) => ({
        field: e.field,
        code: CODES[e.field][e.code],
        params: { status: from },
      }));
      return invalid(...issues.filter((i, n) => issues.findIndex((j) => j.field === i.field) === n));
    }
    if (transition.to === "closed") {
      // A closed dossier has no clock: a pause still running ends today.
      await endRunningPause(run, run.today, "closed");
      await tx
        .update(dossiers)
        .set({ status: "closed", closedAt: run.now, outcome: transition.outcome, outcomeDetail: transition.detail })
        .where(eq(dossiers.id, dossier.id));
    } else {
      await tx.update(dossiers).set({ status: transition.to }).where(eq(dossiers.id, dossier.id));
    }
    const change = { from, to: transition.to, outcome: transition.outcome, detail: transition.detail };
    await record("status_changed", { ...change, explanation: input.statusExplanation || null }, change);
    // What the resident hears of it: every change of stage, each with what comes next.
    if (transition.to === "closed") await mailResidentUpdate(run, { code: "closed", outcome: transition.outcome });
    else if (transition.to === "intake") await mailResidentUpdate(run, { code: "taken_up" });
    else if (transition.to !== "received") await mailResidentUpdate(run, { code: "status", to: transition.to });
    return OK;
  });
}
