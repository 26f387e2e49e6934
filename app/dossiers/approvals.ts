/**
 * Four eyes (issue 14): which changes of a case handler wait for a coordinator, and who may
 * decide on such a request. Pure; returns codes, the commands and routes act on them.
 *
 * Decisions (README › Decisions › Four eyes):
 * - with the setting on (FOUR_EYES, default on), a case handler's override of the first-line
 *   check and a close as "not taken up" or "referred" become a request in the coordinators' list;
 * - a coordinator's own override or close applies at once: a coordinator is the second pair of
 *   eyes, and a small office may have only one;
 * - a request is decided by a coordinator other than the one who asked (a handler who became a
 *   coordinator later still cannot approve their own request);
 * - with the setting off, nothing waits; requests made while it was on can still be decided.
 */

import type { ApprovalKind, ApprovalState } from "#db/schema/values";

/** The closing outcomes that end a case without the ombudsman looking at its merits. */
export const FOUR_EYES_OUTCOMES = ["not_taken_up", "referred"] as const;

export type ProposedChange = { kind: "override" } | { kind: "close"; outcome: string | null };

export function needsApproval(input: { fourEyes: boolean; role: string; change: ProposedChange }): boolean {
  if (!input.fourEyes || input.role !== "case_handler") return false;
  if (input.change.kind === "override") return true;
  return (FOUR_EYES_OUTCOMES as readonly (string | null)[]).includes(input.change.outcome);
}

export type ApprovalDecision = "approve" | "send_back";

export type ApprovalVerdict =
  | "allowed"
  /** Only a coordinator decides. */
  | "not-coordinator"
  /** Nobody approves their own request. */
  | "own-request"
  /** Already approved or sent back. */
  | "decided"
  /** Sending back needs a reason, so that the handler knows what to do. */
  | "reason-required";

export function decideApproval(input: {
  actor: { id: string; role: string };
  approval: { askedBy: string; state: ApprovalState; kind: ApprovalKind };
  decision: ApprovalDecision;
  reason: string;
}): ApprovalVerdict {
  if (input.actor.role !== "coordinator") return "not-coordinator";
  if (input.approval.state !== "pending") return "decided";
  if (input.approval.askedBy === input.actor.id) return "own-request";
  if (input.decision === "send_back" && input.reason.trim() === "") return "reason-required";
  return "allowed";
}
