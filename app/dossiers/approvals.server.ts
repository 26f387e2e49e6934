import { and, asc, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "#db/client";
import { dossierApprovals, dossiers, users } from "#db/schema/index";
import { backOfficeScope, type UserActor } from "./scope.server";

/** Requests for a coordinator's approval (four eyes), read under the actor's back-office scope. */

const asker = alias(users, "asker");
const decider = alias(users, "decider");

const columns = {
  id: dossierApprovals.id,
  kind: dossierApprovals.kind,
  proposal: dossierApprovals.proposal,
  state: dossierApprovals.state,
  askedBy: dossierApprovals.askedBy,
  askedByName: asker.name,
  askedAt: dossierApprovals.askedAt,
  decidedByName: decider.name,
  decidedAt: dossierApprovals.decidedAt,
  reason: dossierApprovals.reason,
};

/**
 * The dossier's latest request: the pending one (the page shows "awaiting approval" and, to a
 * coordinator, the decision), or the last decided one (a sent-back reason for the handler).
 */
export async function latestApprovalOf(db: Queryable, { dossierId, actor }: { dossierId: string; actor: UserActor }) {
  const [row] = await db
    .select(columns)
    .from(dossierApprovals)
    .innerJoin(dossiers, eq(dossiers.id, dossierApprovals.dossierId))
    .innerJoin(asker, eq(asker.id, dossierApprovals.askedBy))
    .leftJoin(decider, eq(decider.id, dossierApprovals.decidedBy))
    .where(and(eq(dossierApprovals.dossierId, dossierId), backOfficeScope(actor).dossiers))
    .orderBy(desc(dossierApprovals.askedAt))
    .limit(1);
  return row ?? null;
}

/** Every pending request, oldest first, with its dossier: the coordinators' list. */
export function listPendingApprovals(db: Queryable, actor: UserActor) {
  return db
    .select({ ...columns, number: dossiers.number, dossierStatus: dossiers.status })
    .from(dossierApprovals)
    .innerJoin(dossiers, eq(dossiers.id, dossierApprovals.dossierId))
    .innerJoin(asker, eq(asker.id, dossierApprovals.askedBy))
    .leftJoin(decider, eq(decider.id, dossierApprovals.decidedBy))
    .where(and(eq(dossierApprovals.state, "pending"), backOfficeScope(actor).dossiers))
    .orderBy(asc(dossierApprovals.askedAt));
}
