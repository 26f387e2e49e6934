import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/auth/session.server";
import { recordDeniedAccess } from "#app/dossiers/access.server";
import { documentDownload } from "#app/http/attachment-download.server";
import { getSharedDocument } from "#app/portal/dossiers.server";

/**
 * A document the ombudsman shared with the officer's municipality, as a download. Not shared, made
 * ombudsman-only since, or of another municipality: the same 404, audited.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, ["municipality_officer"]);
  const number = params.number ?? "";
  const documentId = params.documentId ?? "";
  const document = await getSharedDocument(context.services.db, user, number, documentId);
  if (!document) {
    await recordDeniedAccess(context.services.db, context, user, {
      route: "portal.document",
      number,
      attachmentId: documentId,
    });
    throw new Response("Not Found", { status: 404 });
  }
  return documentDownload(context, user, document, { fileName: document.fileName, portal: true });
}
