import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/auth/session.server";
import { DOSSIER_URL_ROLES, recordDeniedAccess } from "#app/dossiers/access.server";
import { getAttachmentForStaff } from "#app/dossiers/queries.server";
import { documentDownload } from "#app/http/attachment-download.server";

/** One attachment of a dossier, streamed from storage as a download; never shown inline. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, DOSSIER_URL_ROLES);
  const number = params.number ?? "";
  const attachmentId = params.attachmentId ?? "";
  const attachment = await getAttachmentForStaff(context.services.db, { number, attachmentId, actor: user });
  if (!attachment) {
    await recordDeniedAccess(context.services.db, context, user, { route: "attachment", number, attachmentId });
    throw new Response("Not Found", { status: 404 });
  }
  return documentDownload(context, user, attachment);
}
