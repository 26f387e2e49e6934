import { requireUser, type SessionUser } from "#app/auth/session.server";
import { recordDeniedAccess } from "#app/dossiers/access.server";
import { ANSWER_SLOTS } from "#app/dossiers/requests";
import { messagesFor } from "#app/i18n/catalogue.server";
import { getLocale } from "#app/i18n/locale.server";
import { CSRF_HEADER, jsonError, type UploadRequestScope } from "#app/uploads/api.server";
import type { UploadOwner } from "#app/uploads/uploads.server";
import { audit } from "#app/utils/audit.server";
import { assertCsrf } from "#app/utils/forms.server";
import type { RequestContext } from "#app/utils/services.server";
import type { Queryable } from "#db/client";
import { portalUploadPath } from "./paths";
import { requestsOf, sharedDossierId } from "./requests.server";

/**
 * The officer's browser uploads for an answer (Uppy on the answer form): the same register →
 * transfer → verify calls as the resident's (app/uploads/api.server.ts), owned by the signed-in
 * officer and the request, under the URL of the request.
 */

/** The request when the officer may read it (a dossier shared with their municipality, a request to it); else null. */
export async function findPortalRequest(db: Queryable, user: SessionUser, number: string, requestId: string) {
  const dossierId = await sharedDossierId(db, user, number);
  const request = dossierId ? (await requestsOf(db, user, dossierId)).find((r) => r.id === requestId) : undefined;
  return dossierId && request ? { dossierId, request } : null;
}

/** The uploads an officer may hold for one answer: one per document slot of the form. */
export const answerOwner = (user: SessionUser, requestId: string): Extract<UploadOwner, { kind: "request" }> => ({
  kind: "request",
  requestId,
  officerId: user.id,
  maxFiles: ANSWER_SLOTS.length,
});

/**
 * Every upload call on an answer: the officer signed in, the CSRF header, the request in their
 * scope (else a 404, as for the page, and the attempt audited) and still open (else a 409 saying so).
 */
export async function requireAnswerUploadScope(
  request: Request,
  context: RequestContext,
  params: { number?: string; requestId?: string },
): Promise<UploadRequestScope> {
  const user = await requireUser(request, context, ["municipality_officer"]);
  assertCsrf(request, request.headers.get(CSRF_HEADER), context);
  const { db } = context.services;
  const number = params.number ?? "";
  const requestId = params.requestId ?? "";
  const found = await findPortalRequest(db, user, number, requestId);
  if (!found) {
    await recordDeniedAccess(db, context, user, { route: "portal.request.upload", number });
    throw jsonError(404, "not_found");
  }
  const messages = messagesFor(getLocale(request));
  // Open, and the dossier still running (or the request is one that outlives its closing).
  if (!found.request.workable) throw jsonError(409, messages.requests.uploadRequestClosed);
  return {
    services: context.services,
    owner: answerOwner(user, requestId),
    t: messages.intake.attachments,
    transferPath: (id) => `${portalUploadPath(number, requestId)}/${id}`,
    record: (event, uploadId) =>
      audit(db, context, user, {
        action: event === "verified" ? "dossier.request_upload_verified" : "dossier.request_upload_removed",
        subjectType: "dossier",
        subjectId: found.dossierId,
        details: { number, requestId, uploadId, portal: true },
      }),
  };
}
