import { and, eq } from "drizzle-orm";
import { dossierApprovals, users } from "#db/schema/index";
import { decideApproval, type ApprovalDecision } from "../approvals";
import { UUID } from "../scope.server";
import { dossierPageLink } from "./request.server";
import { closed, issue, OK, runCommand, type CommandScope } from "./command.server";
import { mailStaffMember, type LinkMail } from "./officer-mail.server";
import { applyStatusChange, checkTransition } from "./status.server";

export const APPROVAL_REASON_MAX = 2000;

export type ApprovalInput = { approvalId: string; decision: ApprovalDecision; approvalReason: string };

/**
 * A coordinator decides on a case handler's request (app/dossiers/approvals.ts: who may).
 * Approving applies the proposed change as its own command would have (the close with its
 * outcome, or the recorded override), naming who asked and who approved; sending back keeps the
 * dossier as it is, records the reason and mails the handler who asked a link to the dossier.
 */
export function decideOnApproval(scope: CommandScope, input: ApprovalInput, sentBackWords: LinkMail) {
  const result = runCommand(scope, async (run) => {
    const { tx, dossier, record } = run;
    const gone = issue("approvalDecision", "approval-gone");
    if (!UUID.test(input.approvalId)) return gone;
    const [approval] = await tx
      .select()
      .from(dossierApprovals)
      .where(and(eq(dossierApprovals.id, input.approvalId), eq(dossierApprovals.dossierId, dossier.id)))
      .for("update");
    if (!approval) return gone;
    const reason = input.approvalReason.trim();
    const verdict = decideApproval({ actor: scope.actor, approval, decision: input.decision, reason });
    if (verdict === "not-coordinator") return { ok: false, code: "forbidden" } as const;
    if (verdict === "own-request") return issue("approvalDecision", "approval-own");
    if (verdict === "decided") return issue("approvalDecision", "approval-decided");
    if (verdict === "reason-required") return issue("approvalReason", "approval-reason-required");

    const [asker] = await tx.select({ name: users.name }).from(users).where(eq(users.id, approval.askedBy));
    const names = { askedBy: approval.askedBy, askedByName: asker?.name ?? "", approvedByName: scope.actor.name };
    const p = approval.proposal;
    if (input.decision === "approve" && approval.kind === "close") {
      if (dossier.status === "closed") return closed("approvalDecision");
      // From the status the dossier is in now: a handler may have moved it on since asking.
      const transition = checkTransition(dossier.status, {
        to: "closed",
        outcome: p.outcome ?? "",
        finding: p.finding ?? "",
        reason: p.reason ?? "",
      });
      if (!transition.ok) return transition;
      await applyStatusChange(run, transition, p.explanation ?? null, { approvalId: approval.id, ...names });
    } else if (input.decision === "approve") {
      await record(
        "eligibility_overridden",
        { ...p, approvalId: approval.id, ...names },
        { approvalId: approval.id, outcome: p.outcome ?? null },
      );
    }
    const state = input.decision === "approve" ? "approved" : "sent_back";
    await tx
      .update(dossierApprovals)
      .set({ state, decidedBy: scope.actor.id, decidedAt: run.now, reason: reason || null })
      .where(eq(dossierApprovals.id, approval.id));
    const facts = { approvalId: approval.id, kind: approval.kind, decision: state };
    await record("approval_decided", { ...facts, ...p, reason: reason || null, ...names }, facts);
    if (state === "sent_back") {
      const link = dossierPageLink(scope.ctx.services.env.publicUrl, dossier.number, "goedkeuring");
      await mailStaffMember(tx, approval.askedBy, {
        kind: "approval_sent_back",
        link,
        words: sentBackWords,
        subjectType: "dossier",
        subjectId: dossier.id,
      });
    }
    return OK;
  });
  void result.then((r) => r.ok && scope.ctx.services.wakeMailWorker());
  return result;
}
