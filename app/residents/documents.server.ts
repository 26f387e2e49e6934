import { and, count, eq, isNull } from "drizzle-orm";
import { closed, issue, OK } from "#app/dossiers/casework/command.server";
import { recordDocument, recordingDocument, type ReceivedFile } from "#app/dossiers/casework/document.server";
import { dossierPageLink } from "#app/dossiers/casework/request.server";
import { mailAssignee, type LinkMail } from "#app/dossiers/casework/officer-mail.server";
import { dossierAttachments } from "#db/schema/index";
import { markResidentNews, runResidentCommand, type ResidentCommandScope } from "./command.server";

/** How many documents a resident may send in all (the intake's and those added later). */
export const RESIDENT_DOCUMENTS_MAX = 20;

/**
 * A document the resident adds after submitting, through the same upload pipeline: recorded as
 * theirs (no staff member added it), on the timeline, and the handler told by a link. A closed
 * dossier takes none; the command owns the stored file, so a refusal leaves nothing behind.
 */
export function addResidentDocument(scope: ResidentCommandScope, file: ReceivedFile, words: LinkMail) {
  const { services } = scope.ctx;
  return recordingDocument(services, file, () =>
    runResidentCommand(scope, async (run) => {
      if (run.dossier.status === "closed") return closed("document");
      const [sent] = await run.tx
        .select({ n: count() })
        .from(dossierAttachments)
        .where(and(eq(dossierAttachments.dossierId, run.dossier.id), isNull(dossierAttachments.addedBy)));
      if ((sent?.n ?? 0) >= RESIDENT_DOCUMENTS_MAX)
        return issue("document", "documents-full", { max: String(RESIDENT_DOCUMENTS_MAX) });
      const attachmentId = await recordDocument(
        run,
        { documentCategory: "evidence", documentVisibility: "shared", file },
        null,
        { by: "resident" },
      );
      await markResidentNews(run);
      await mailAssignee(run.tx, run.dossier, {
        kind: "resident_update",
        link: dossierPageLink(services.env.publicUrl, run.dossier.number, "bijlagen"),
        words,
        subjectType: "dossier_attachment",
        subjectId: attachmentId,
      });
      return OK;
    }),
  );
}
