import { and, asc, eq } from "drizzle-orm";
import { scopeFor, UUID, type Actor } from "#app/dossiers/scope.server";
import type { Queryable } from "#db/client";
import { dossierAttachments, dossierShareDocuments } from "#db/schema/index";
import { getSharedDossier } from "./dossiers.server";
import { getMunicipalityName } from "./municipalities.server";

/**
 * One share of a dossier as the case file its municipality downloads: the complaint and the
 * timeline as the portal's dossier page reads them (getSharedDossier), the share, and the share's
 * documents the officer may still see (`scope.documents`: one made ombudsman-only since is left
 * out). Null when the share is not one of the officer's municipality, so the route answers 404.
 */
export async function getShareCaseFile(
  db: Queryable,
  actor: Actor,
  { number, shareId }: { number: string; shareId: string },
) {
  const scope = scopeFor(actor);
  if (scope.kind !== "officer" || !UUID.test(shareId)) return null;
  const shared = await getSharedDossier(db, actor, number);
  const share = shared?.shares.find((s) => s.id === shareId);
  if (!shared || !share) return null;
  const { dossier, timeline } = shared;
  const [documents, municipalityName] = await Promise.all([
    db
      .select({
        id: dossierAttachments.id,
        fileName: dossierAttachments.fileName,
        storageKey: dossierAttachments.storageKey,
        size: dossierAttachments.size,
        sha256: dossierAttachments.sha256,
        uploadedAt: dossierAttachments.uploadedAt,
      })
      .from(dossierAttachments)
      .innerJoin(dossierShareDocuments, eq(dossierShareDocuments.attachmentId, dossierAttachments.id))
      .where(
        and(eq(dossierShareDocuments.shareId, share.id), eq(dossierAttachments.dossierId, dossier.id), scope.documents),
      )
      .orderBy(asc(dossierAttachments.uploadedAt), asc(dossierAttachments.id)),
    getMunicipalityName(db, dossier.municipalityId),
  ]);
  return {
    dossier,
    municipalityName: municipalityName ?? dossier.municipalityId,
    share: { id: share.id, sharedAt: share.sharedAt },
    documents,
    timeline,
  };
}

export type ShareCaseFile = NonNullable<Awaited<ReturnType<typeof getShareCaseFile>>>;
