import { eq } from "drizzle-orm";
import type { Queryable } from "#db/client";
import { dossierParties, dossiers, municipalities } from "#db/schema/index";

/** What the confirmation page shows for the dossier a draft became. */
export async function getConfirmation(db: Queryable, dossierId: string) {
  const [dossier] = await db
    .select({
      number: dossiers.number,
      contactDueOn: dossiers.contactDueOn,
      municipality: municipalities.name,
      byRepresentative: dossiers.byRepresentative,
    })
    .from(dossiers)
    .innerJoin(municipalities, eq(municipalities.id, dossiers.municipalityId))
    .where(eq(dossiers.id, dossierId));
  if (!dossier) return null;
  const parties = await db.select().from(dossierParties).where(eq(dossierParties.dossierId, dossierId));
  const contact = parties.find((p) => p.role === (dossier.byRepresentative ? "representative" : "complainant"));
  return { ...dossier, email: contact?.email ?? null, preferredChannel: contact?.preferredChannel ?? "email" };
}
