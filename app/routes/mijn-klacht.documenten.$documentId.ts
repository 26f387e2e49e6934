import type { LoaderFunctionArgs } from "@remix-run/node";
import { documentDownload } from "#app/http/attachment-download.server";
import { residentDocument } from "#app/residents/dossier.server";
import { audit } from "#app/utils/audit.server";
import { requireResident } from "./mijn-klacht.dossier/actions.server";

/**
 * A document of the resident's dossier as a download: one they sent or one the handler gave
 * them. Audited as the resident's; anything else is a 404, and the attempt is audited too.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireResident(request, context);
  const documentId = params.documentId ?? "";
  const resident = { id: null, role: "resident" } as const;
  const document = await residentDocument(context.services.db, actor, documentId);
  if (!document) {
    await audit(context.services.db, context, resident, {
      action: "resident.access_denied",
      subjectType: "dossier",
      subjectId: actor.dossierId,
      details: { route: "resident.document", documentId: documentId.slice(0, 64) },
    });
    throw new Response("Not Found", { status: 404 });
  }
  return documentDownload(context, resident, document, { resident: true });
}
