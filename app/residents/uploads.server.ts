import { messagesFor } from "#app/i18n/catalogue.server";
import { interpolate } from "#app/i18n/format";
import { getLocale } from "#app/i18n/locale.server";
import { CSRF_HEADER, jsonError, type UploadRequestScope } from "#app/uploads/api.server";
import { audit } from "#app/utils/audit.server";
import { assertCsrf } from "#app/utils/forms.server";
import type { RequestContext } from "#app/utils/services.server";
import { getResidentSession } from "./access.server";
import { residentTarget } from "./dossier.server";
import { RESIDENT_DOCUMENTS_MAX, residentUploadOwner } from "./documents.server";
import { RESIDENT_UPLOAD_PATH } from "./paths";

/**
 * The resident's browser uploads on the status page (Uppy on the document form): the same
 * register → transfer → verify calls as the intake's (app/uploads/api.server.ts), owned by the
 * dossier of the resident's session. A checked upload waits until the form adds it.
 */

/**
 * Every upload call on the status page: the resident's session (else a 401, where the page
 * redirects), the CSRF header, their dossier (else a 404) and still open (else a 409 saying so).
 */
export async function requireResidentUploadScope(
  request: Request,
  context: RequestContext,
): Promise<UploadRequestScope> {
  const state = await getResidentSession(request, context);
  if (!state.session) throw jsonError(401, "signed_out");
  assertCsrf(request, request.headers.get(CSRF_HEADER), context);
  const { db } = context.services;
  const { dossierId } = state.session;
  const target = await residentTarget(db, { role: "resident", dossierId });
  if (!target) throw jsonError(404, "not_found");
  const messages = messagesFor(getLocale(request));
  if (target.status === "closed") throw jsonError(409, messages.resident.alreadyClosed);
  const owner = await residentUploadOwner(db, dossierId);
  const words = messages.intake.attachments;
  return {
    services: context.services,
    owner,
    // With no room left the uploader says why, not "at most 0 files".
    t:
      owner.maxFiles > 0
        ? words
        : { ...words, tooMany: interpolate(messages.resident.documentsFull, { max: RESIDENT_DOCUMENTS_MAX }) },
    transferPath: (id) => `${RESIDENT_UPLOAD_PATH}/${id}`,
    record: (event, uploadId) =>
      audit(
        db,
        context,
        { id: null, role: "resident" },
        {
          action: event === "verified" ? "resident.upload_verified" : "resident.upload_removed",
          subjectType: "dossier",
          subjectId: dossierId,
          details: { number: target.number, uploadId },
        },
      ),
  };
}
