import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/auth/session.server";
import { contentDisposition, downloadContentType } from "#app/dossiers/download";
import { DOSSIER_URL_ROLES, recordDeniedAccess } from "#app/dossiers/access.server";
import { getAttachmentForStaff } from "#app/dossiers/queries.server";
import { audit } from "#app/utils/audit.server";

/** One attachment of a dossier, streamed from storage as a download; never shown inline. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, DOSSIER_URL_ROLES);
  const { db, storage } = context.services;
  const number = params.number ?? "";
  const attachmentId = params.attachmentId ?? "";
  const attachment = await getAttachmentForStaff(db, { number, attachmentId, actor: user });
  if (!attachment) {
    await recordDeniedAccess(db, context, user, { route: "attachment", number, attachmentId });
    throw new Response("Not Found", { status: 404 });
  }

  const object = await storage.get(attachment.storageKey);
  try {
    await audit(db, context, user, {
      action: "dossier.attachment_downloaded",
      subjectType: "dossier",
      subjectId: attachment.dossierId,
      details: { attachmentId: attachment.id },
    });
  } catch (err) {
    // No audit row, no download: the opened file must not stay open.
    object.body.destroy();
    throw err;
  }

  return new Response(createReadableStreamFromReadable(object.body), {
    status: 200,
    headers: {
      "Content-Type": downloadContentType(attachment.contentType, attachment.fileName),
      "Content-Disposition": contentDisposition(attachment.fileName),
      "Content-Length": String(object.size),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
