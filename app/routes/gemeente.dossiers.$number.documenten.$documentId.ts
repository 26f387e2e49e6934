import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/auth/session.server";
import { recordDeniedAccess } from "#app/dossiers/access.server";
import { contentDisposition, downloadContentType } from "#app/dossiers/download";
import { getSharedDocument } from "#app/portal/dossiers.server";
import { audit } from "#app/utils/audit.server";

/**
 * A document the ombudsman shared with the officer's municipality, as a download. Not shared, made
 * ombudsman-only since, or of another municipality: the same 404, audited.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, ["municipality_officer"]);
  const { db, storage } = context.services;
  const number = params.number ?? "";
  const documentId = params.documentId ?? "";
  const document = await getSharedDocument(db, user, number, documentId);
  if (!document) {
    await recordDeniedAccess(db, context, user, { route: "portal.document", number, attachmentId: documentId });
    throw new Response("Not Found", { status: 404 });
  }
  const object = await storage.get(document.storageKey);
  try {
    await audit(db, context, user, {
      action: "dossier.attachment_downloaded",
      subjectType: "dossier",
      subjectId: document.dossierId,
      details: { attachmentId: document.id, fileName: document.fileName, portal: true },
    });
  } catch (err) {
    object.body.destroy();
    throw err;
  }
  return new Response(createReadableStreamFromReadable(object.body), {
    status: 200,
    headers: {
      "Content-Type": downloadContentType(document.contentType, document.fileName),
      "Content-Disposition": contentDisposition(document.fileName),
      "Content-Length": String(object.size),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
