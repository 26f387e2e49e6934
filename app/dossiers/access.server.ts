import { audit, type AuditActor } from "#app/utils/audit.server";
import type { RequestContext } from "#app/utils/services.server";
import type { Queryable } from "#db/client";
import { userRole, type UserRole } from "#db/schema/index";

/**
 * Every signed-in role is let through to the staff dossier URLs (/behandelaar/dossiers/<number>,
 * …/bijlagen/<id>, …/audit), so that someone outside the back office is answered by the query's
 * scope, with the 404 anyone gets for a dossier they cannot see, and not by a 403 that confirms the
 * URL names a dossier. Other back-office pages keep their role check.
 */
export const DOSSIER_URL_ROLES: readonly UserRole[] = userRole.enumValues;

/** The audit page is the coordinator's: a case handler, who sees every dossier, gets 403; an officer the scope's 404. */
export const AUDIT_URL_ROLES = ["coordinator", "municipality_officer"] as const satisfies readonly UserRole[];

export type DeniedRequest = {
  /** The route that was asked, as a stable name: "dossier", "dossier.action", "attachment", "audit", "question_letter". */
  route: string;
  number: string;
  attachmentId?: string;
  questionId?: string;
  intent?: string;
};

/** As asked, but short, and without control characters (PostgreSQL refuses a NUL in text and jsonb). */
const clip = (value: string) => value.slice(0, 100).replace(/\p{Cc}/gu, "\uFFFD");

/**
 * The audit row of a refused look-up: who asked (user and role), for what (the dossier number or
 * the attachment id as given) and where. The subject is what was asked, so the dossier's own audit
 * log can show attempts on it without anyone looking the number up outside their scope.
 */
export async function recordDeniedAccess(
  db: Queryable,
  context: Pick<RequestContext, "clientIp" | "requestId">,
  actor: AuditActor,
  asked: DeniedRequest,
): Promise<void> {
  const number = clip(asked.number);
  const attachmentId = asked.attachmentId === undefined ? undefined : clip(asked.attachmentId);
  await audit(db, context, actor, {
    action: "dossier.access_denied",
    subjectType: attachmentId === undefined ? "dossier_number" : "attachment",
    subjectId: attachmentId ?? number,
    details: {
      route: asked.route,
      number,
      ...(attachmentId === undefined ? {} : { attachmentId }),
      ...(asked.questionId === undefined ? {} : { questionId: clip(asked.questionId) }),
      ...(asked.intent === undefined ? {} : { intent: clip(asked.intent) }),
    },
  });
}
