import { and, count, eq, isNull } from "drizzle-orm";
import { closed, issue, OK } from "#app/dossiers/casework/command.server";
import {
  recordDocument,
  recordingDocument,
  type ReceivedFile,
  type RecordedFile,
} from "#app/dossiers/casework/document.server";
import { dossierPageLink } from "#app/dossiers/casework/request.server";
import { mailAssignee, type LinkMail } from "#app/dossiers/casework/officer-mail.server";
import {
  lockHeldUploads,
  RESIDENT_DOCUMENT_CATEGORY,
  takeHeldUpload,
  type ResidentOwner,
} from "#app/uploads/uploads.server";
import type { Queryable } from "#db/client";
import { dossierAttachments } from "#db/schema/index";
import { markResidentNews, runResidentCommand, type ResidentCommandScope } from "./command.server";

/** How many documents a resident may send in all (the intake's and those added later). */
export const RESIDENT_DOCUMENTS_MAX = 20;

/** The documents the resident sent so far: the intake's and those added later (staff's have `added_by`). */
async function residentDocumentCount(db: Queryable, dossierId: string): Promise<number> {
  const [sent] = await db
    .select({ n: count() })
    .from(dossierAttachments)
    .where(and(eq(dossierAttachments.dossierId, dossierId), isNull(dossierAttachments.addedBy)));
  return sent?.n ?? 0;
}

/** The owner of the status page's browser uploads: as many files as the dossier still takes. */
export async function residentUploadOwner(db: Queryable, dossierId: string): Promise<ResidentOwner> {
  const sent = await residentDocumentCount(db, dossierId);
  return { kind: "resident", dossierId, maxFiles: Math.max(0, RESIDENT_DOCUMENTS_MAX - sent) };
}

/**
 * The one way a resident's documents are stored after submitting, whether the plain form sent the
 * file or the uploader checked it first: each recorded as theirs (no staff member added it), on the
 * timeline, and the handler told by one link. A closed dossier takes none, nor one past the limit;
 * a checked upload that is no longer the resident's to take refuses the whole post.
 */
function storeResidentDocuments(
  scope: ResidentCommandScope,
  input: { files: ReceivedFile[]; uploadIds: string[] },
  words: LinkMail,
) {
  const { services } = scope.ctx;
  const owner: ResidentOwner = { kind: "resident", dossierId: scope.dossierId, maxFiles: RESIDENT_DOCUMENTS_MAX };
  return runResidentCommand(scope, async (run) => {
    if (run.dossier.status === "closed") return closed("document");
    const ids = [...new Set(input.uploadIds)];
    const held = await lockHeldUploads(run.tx, owner, ids);
    if (ids.some((id) => !held.has(id))) return issue("document", "document-gone");
    const documents: { file: RecordedFile; uploadId?: string }[] = [
      ...input.files.map((file) => ({ file })),
      ...ids.map((id) => ({ file: held.get(id)!, uploadId: id })),
    ];
    if (documents.length === 0) return issue("document", "file-required");
    const sent = await residentDocumentCount(run.tx, run.dossier.id);
    if (sent + documents.length > RESIDENT_DOCUMENTS_MAX)
      return issue("document", "documents-full", { max: String(RESIDENT_DOCUMENTS_MAX) });
    const attachmentIds: string[] = [];
    for (const { file, uploadId } of documents) {
      const attachmentId = await recordDocument(
        run,
        { documentCategory: RESIDENT_DOCUMENT_CATEGORY, documentVisibility: "shared", file },
        null,
        { by: "resident" },
      );
      if (uploadId && !(await takeHeldUpload(run.tx, owner, uploadId, attachmentId, run.now)))
        throw new Error("a locked upload could not be taken");
      attachmentIds.push(attachmentId);
    }
    await markResidentNews(run);
    await mailAssignee(run.tx, run.dossier, {
      kind: "resident_update",
      link: dossierPageLink(services.env.publicUrl, run.dossier.number, "bijlagen"),
      words,
      subjectType: "dossier_attachment",
      subjectId: attachmentIds[0]!,
    });
    return OK;
  });
}

/**
 * A document the resident adds after submitting through the plain form (the upload pipeline has
 * stored it). The command owns the stored file, so a refusal leaves nothing behind.
 */
export function addResidentDocument(scope: ResidentCommandScope, file: ReceivedFile, words: LinkMail) {
  return recordingDocument(scope.ctx.services, file, () =>
    storeResidentDocuments(scope, { files: [file], uploadIds: [] }, words),
  );
}

/**
 * The uploader's checked files the resident adds with one press. A refusal leaves them the
 * resident's uploads, listed on the page to add again or take off.
 */
export function addResidentUploads(scope: ResidentCommandScope, uploadIds: string[], words: LinkMail) {
  return storeResidentDocuments(scope, { files: [], uploadIds }, words);
}
