import { and, eq, inArray } from "drizzle-orm";
import { dossierAttachments, dossierShareDocuments, dossierShares } from "#db/schema/index";
import { backOfficeScope } from "../scope.server";
import { closed, issue, OK, runCommand, type CommandRun, type CommandScope, type Invalid } from "./command.server";
import { mailOfficers, type LinkMail } from "./officer-mail.server";

export type ShareInput = { attachmentIds: readonly string[] };

/** The words of the mail to an officer; it names no one and holds only the link (no personal data in mail). */
export type ShareMail = LinkMail;

/**
 * Records a share of the dossier with the municipality it concerns: a dated row and exactly the
 * chosen documents, each of this dossier and none ombudsman-only. Used by a share of its own and
 * by a request that sends documents with it (draft findings, the report); `field` names the form
 * field a refusal belongs to.
 */
export async function recordShare(
  run: CommandRun,
  attachmentIds: readonly string[],
  field: string,
): Promise<{ shareId: string; attachmentIds: string[] } | Invalid> {
  const { tx, dossier, scope } = run;
  const chosen = [...new Set(attachmentIds)];
  const documents =
    chosen.length === 0
      ? []
      : await tx
          .select({ id: dossierAttachments.id, visibility: dossierAttachments.visibility })
          .from(dossierAttachments)
          .where(
            and(
              inArray(dossierAttachments.id, chosen),
              eq(dossierAttachments.dossierId, dossier.id),
              backOfficeScope(scope.actor).documents,
            ),
          );
  if (documents.length !== chosen.length) return issue(field, "document-gone");
  if (documents.some((d) => d.visibility !== "shared")) return issue(field, "document-ombudsman-only");

  const [share] = await tx
    .insert(dossierShares)
    .values({
      dossierId: dossier.id,
      municipalityId: dossier.municipalityId,
      sharedBy: scope.actor.id,
      sharedAt: run.now,
    })
    .returning({ id: dossierShares.id });
  if (!share) throw new Error("share insert returned nothing");
  if (chosen.length > 0)
    await tx.insert(dossierShareDocuments).values(chosen.map((attachmentId) => ({ shareId: share.id, attachmentId })));
  return { shareId: share.id, attachmentIds: chosen };
}

/**
 * Shares a dossier with the municipality it concerns: a dated record of the complaint and exactly
 * the chosen documents. An ombudsman-only document can never be chosen; a later document needs a
 * share of its own. The share's event, its audit row and a mail to each active officer of the
 * municipality (only a link to the portal) are written in one transaction.
 */
export function shareDossier(scope: CommandScope, input: ShareInput, mail: ShareMail) {
  const { services } = scope.ctx;
  return runCommand(scope, async (run) => {
    const { tx, dossier, record } = run;
    if (dossier.status === "closed") return closed("documents");
    const share = await recordShare(run, input.attachmentIds, "documents");
    if (!("shareId" in share)) return share;

    const officersMailed = await mailOfficers(tx, dossier, {
      kind: "municipality_share",
      link: `${services.env.publicUrl}/gemeente/dossiers/${encodeURIComponent(dossier.number)}`,
      words: mail,
      subjectType: "dossier_share",
      subjectId: share.shareId,
    });
    const facts = {
      shareId: share.shareId,
      municipalityId: dossier.municipalityId,
      attachmentIds: share.attachmentIds,
      officersMailed,
    };
    await record("shared", facts, facts);
    return OK;
  });
}
