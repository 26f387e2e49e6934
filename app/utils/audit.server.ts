import type { Queryable } from "#db/client";
import { auditEvents } from "#db/schema/index";
import type { RequestContext } from "#app/utils/services.server";

/** Who acted: a user, a resident through their link (no user row, `id` null), or nobody (the system). */
export type AuditActor = { id: string | null; role: string } | null;

export type AuditEntry = {
  action: string;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
};

/** Writes who did or saw what, when and from where; pass the transaction when the change has one. */
export async function audit(
  db: Queryable,
  context: Pick<RequestContext, "clientIp" | "requestId">,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  await db.insert(auditEvents).values({
    actorUserId: actor?.id ?? null,
    actorRole: actor?.role ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    ip: context.clientIp,
    requestId: context.requestId,
    details: entry.details ?? null,
  });
}
