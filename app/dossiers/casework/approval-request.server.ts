import { and, eq } from "drizzle-orm";
import type { Transaction } from "#db/client";
import { dossierApprovals } from "#db/schema/index";
import type { ApprovalKind } from "#db/schema/values";
import { issue, type CommandRun } from "./command.server";

/** What a request for approval holds: the change as its command would make it, raw codes and text. */
export type Proposal = Record<string, string | null>;

/** The request answered instead of the change: nothing changed yet, a coordinator decides. */
export const AWAITING_APPROVAL = { ok: true, awaiting: "approval" } as const;

/** The dossier's request that waits for a coordinator, if any. */
export async function pendingApproval(tx: Transaction, dossierId: string) {
  const [row] = await tx
    .select()
    .from(dossierApprovals)
    .where(and(eq(dossierApprovals.dossierId, dossierId), eq(dossierApprovals.state, "pending")));
  return row ?? null;
}

/** Writes the request for a coordinator's approval and its dossier event; one at a time per dossier. */
export async function insertApproval(
  tx: Transaction,
  row: { dossierId: string; kind: ApprovalKind; proposal: Proposal; askedBy: string; askedAt: Date },
) {
  const [created] = await tx.insert(dossierApprovals).values(row).returning({ id: dossierApprovals.id });
  return created!.id;
}

/** A case handler's change that waits for a coordinator (app/dossiers/approvals.ts decides which). */
export async function requestApproval(run: CommandRun, kind: ApprovalKind, proposal: Proposal, field: string) {
  const { tx, dossier, scope, record } = run;
  if (await pendingApproval(tx, dossier.id)) return issue(field, "approval-pending");
  const approvalId = await insertApproval(tx, {
    dossierId: dossier.id,
    kind,
    proposal,
    askedBy: scope.actor.id,
    askedAt: run.now,
  });
  await record("approval_requested", { approvalId, kind, ...proposal }, { approvalId, kind });
  return AWAITING_APPROVAL;
}
