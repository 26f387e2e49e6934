import { and, eq, isNotNull } from "drizzle-orm";
import { mailResidentUpdate } from "#app/residents/update-mail.server";
import { dossierAttachments } from "#db/schema/index";
import { backOfficeScope } from "../scope.server";
import { issue, OK, runCommand, type CommandScope } from "./command.server";

export type ResidentShareInput = { attachmentId: string; share: boolean };

/**
 * A handler gives a document to the resident (the findings for comment, the report, the
 * municipality's answer) or takes it back. Only a document staff or the municipality added and
 * that is shared with the municipality: an ombudsman-only one (Awb 9:31) stays with the ombudsman,
 * and the resident's own documents are theirs already. Also after closing: the report comes then.
 * Giving one mails the resident (by the file's name); taking one back does not.
 */
export function shareWithResident(scope: CommandScope, input: ResidentShareInput) {
  const field = `resident-share-${input.attachmentId}`;
  return runCommand(scope, async (run) => {
    const { tx, dossier, record } = run;
    const [attachment] = await tx
      .select({
        id: dossierAttachments.id,
        fileName: dossierAttachments.fileName,
        visibility: dossierAttachments.visibility,
        sharedAt: dossierAttachments.sharedWithResidentAt,
      })
      .from(dossierAttachments)
      .where(
        and(
          eq(dossierAttachments.id, input.attachmentId),
          eq(dossierAttachments.dossierId, dossier.id),
          isNotNull(dossierAttachments.addedBy),
          backOfficeScope(scope.actor).documents,
        ),
      );
    if (!attachment) return issue(field, "document-gone");
    if ((attachment.sharedAt !== null) === input.share) return OK;
    if (input.share && attachment.visibility !== "shared") return issue(field, "document-ombudsman-only");
    await tx
      .update(dossierAttachments)
      .set({ sharedWithResidentAt: input.share ? run.now : null })
      .where(eq(dossierAttachments.id, attachment.id));
    const facts = { attachmentId: attachment.id };
    await record(
      input.share ? "document_given_to_resident" : "document_taken_from_resident",
      { ...facts, fileName: attachment.fileName },
      facts,
    );
    if (input.share) await mailResidentUpdate(run, { code: "document", fileName: attachment.fileName });
    return OK;
  });
}
