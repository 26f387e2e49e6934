import { eq } from "drizzle-orm";
import { dossiers } from "#db/schema/index";
import { needsApproval } from "../approvals";
import { validateTransition, type Transition, type TransitionError } from "../workflow";
import { mailResidentUpdate } from "#app/residents/update-mail.server";
import { requestApproval } from "./approval-request.server";
import { endRunningPause } from "./clock.server";
import {
  closed,
  invalid,
  OK,
  runCommand,
  type CommandRun,
  type CommandScope,
  type Issue,
  type IssueCode,
} from "./command.server";

export const EXPLANATION_MAX = 2000;

export type StatusInput = { to: string; outcome: string; finding: string; reason: string; statusExplanation: string };

const CODES: Record<TransitionError["field"], Record<TransitionError["code"], IssueCode>> = {
  to: { not_allowed: "status-not-allowed", required: "status-not-allowed", invalid: "status-not-allowed" },
  outcome: { not_allowed: "outcome-invalid", required: "outcome-required", invalid: "outcome-invalid" },
  finding: { not_allowed: "finding-invalid", required: "finding-required", invalid: "finding-invalid" },
  reason: { not_allowed: "reason-invalid", required: "reason-required", invalid: "reason-invalid" },
};

/** The workflow's verdict on a change from the dossier's status, as the form's issues when refused. */
export function checkTransition(from: CommandRun["dossier"]["status"], input: Omit<StatusInput, "statusExplanation">) {
  const closing = input.to === "closed";
  const transition = validateTransition({
    from,
    to: input.to,
    outcome: closing ? input.outcome || undefined : undefined,
    finding: closing ? input.finding || undefined : undefined,
    reason: closing ? input.reason || undefined : undefined,
  });
  if (transition.ok) return transition;
  // The status the dossier is in, for "from <status> it can go to …".
  const issues: Issue[] = transition.errors.map((e) => ({
    field: e.field,
    code: CODES[e.field][e.code],
    params: { status: from },
  }));
  return invalid(...issues.filter((i, n) => issues.findIndex((j) => j.field === i.field) === n));
}

/**
 * Moves the dossier along the workflow (`validateTransition` decides). Closing stores the outcome
 * and its detail (a finding or an Awb reason code), and ends a clock pause that still runs. With
 * four eyes on, a case handler's close as not taken up or referred becomes a request to a
 * coordinator instead (`needsApproval`); approving it applies this same change.
 */
export function changeStatus(scope: CommandScope, input: StatusInput) {
  return runCommand(scope, async (run) => {
    const from = run.dossier.status;
    if (from === "closed") return closed("to");
    const transition = checkTransition(from, input);
    if (!transition.ok) return transition;
    const explanation = input.statusExplanation || null;
    const change = { kind: "close", outcome: transition.outcome } as const;
    if (
      transition.to === "closed" &&
      needsApproval({ fourEyes: scope.ctx.services.env.fourEyes, role: scope.actor.role, change })
    ) {
      const { outcome, finding, reason } = input;
      return requestApproval(run, "close", { from, outcome, finding, reason, explanation }, "to");
    }
    await applyStatusChange(run, transition, explanation);
    return OK;
  });
}

/**
 * The change itself, with its event and the resident's mail; `approval` names who asked for it
 * and who approved it when a coordinator approved a handler's request.
 */
export async function applyStatusChange(
  run: CommandRun,
  transition: Extract<Transition, { ok: true }>,
  explanation: string | null,
  approval: Record<string, string> = {},
) {
  const { tx, dossier, record } = run;
  const from = dossier.status;
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
  await record("status_changed", { ...change, explanation, ...approval }, change);
  // What the resident hears of it: every change of stage, each with what comes next.
  if (transition.to === "closed") await mailResidentUpdate(run, { code: "closed", outcome: transition.outcome });
  else if (transition.to === "intake") await mailResidentUpdate(run, { code: "taken_up" });
  else if (transition.to !== "received") await mailResidentUpdate(run, { code: "status", to: transition.to });
}
