import { createReadableStreamFromReadable } from "@remix-run/node";
import { contentDisposition, downloadContentType } from "#app/dossiers/download";
import { audit, type AuditActor } from "#app/utils/audit.server";
import type { RequestContext } from "#app/utils/services.server";

/** What a download needs of a dossier document, as the scoped look-ups select it. */
export type DownloadableDocument = {
  id: string;
  dossierId: string;
  storageKey: string;
  fileName: string;
  contentType: string;
};

/**
 * A dossier document streamed from storage as a download (never shown inline), after its audit
 * row: no audit row, no download. `details` say where it was asked (the portal marks itself).
 */
export async function documentDownload(
  context: RequestContext,
  actor: AuditActor,
  document: DownloadableDocument,
  details: Record<string, unknown> = {},
): Promise<Response> {
  const { db, storage } = context.services;
  const object = await storage.get(document.storageKey);
  try {
    await audit(db, context, actor, {
      action: "dossier.attachment_downloaded",
      subjectType: "dossier",
      subjectId: document.dossierId,
      details: { attachmentId: document.id, ...details },
    });
  } catch (err) {
    // The opened file must not stay open.
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
