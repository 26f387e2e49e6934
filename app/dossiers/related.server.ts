import { aliasedTable, and, asc, eq, ne, or, sql } from "drizzle-orm";
import type { Queryable } from "#db/client";
import { dossierLinks, dossierParties, dossiers, municipalities, users } from "#db/schema/index";
import { backOfficeScope, type Actor } from "./scope.server";

/**
 * The dossiers related to one, for the back office: the complainant's other dossiers (the same
 * e-mail address, or the same name and postcode: a resident who complains again, or about the
 * same thing twice) and those a handler linked to it with a reason. Both under the actor's scope;
 * each query ends on an index (dossier_parties' lower(email) and name-and-postcode indexes,
 * dossier_links' pair and related-id indexes).
 */

const normalisedPostcode = (column: typeof dossierParties.postcode) => sql`upper(replace(${column}, ' ', ''))`;

export async function relatedDossiers(db: Queryable, actor: Actor, dossierId: string) {
  const scope = backOfficeScope(actor);
  if (scope.kind === "none") return null;
  const own = aliasedTable(dossierParties, "own");
  const sameAddress = and(sql`${own.email} IS NOT NULL`, sql`lower(${dossierParties.email}) = lower(${own.email})`);
  const sameNameAndPostcode = and(
    sql`lower(${dossierParties.name}) = lower(${own.name})`,
    sql`${normalisedPostcode(dossierParties.postcode)} = ${normalisedPostcode(own.postcode)}`,
  );
  const sameResident = await db
    .selectDistinct({
      id: dossiers.id,
      number: dossiers.number,
      status: dossiers.status,
      municipality: municipalities.name,
      submittedAt: dossiers.submittedAt,
      byAddress: sql<boolean>`bool_or(${sameAddress} IS TRUE) OVER (PARTITION BY ${dossiers.id})`,
    })
    .from(own)
    .innerJoin(dossierParties, and(eq(dossierParties.role, "complainant"), or(sameAddress, sameNameAndPostcode)))
    .innerJoin(dossiers, eq(dossiers.id, dossierParties.dossierId))
    .innerJoin(municipalities, eq(municipalities.id, dossiers.municipalityId))
    .where(and(eq(own.dossierId, dossierId), eq(own.role, "complainant"), ne(dossiers.id, dossierId), scope.dossiers))
    .orderBy(asc(dossiers.submittedAt))
    .limit(50);

  const other = sql`CASE WHEN ${dossierLinks.dossierId} = ${dossierId} THEN ${dossierLinks.relatedId} ELSE ${dossierLinks.dossierId} END`;
  const linked = await db
    .select({
      linkId: dossierLinks.id,
      id: dossiers.id,
      number: dossiers.number,
      status: dossiers.status,
      municipality: municipalities.name,
      reason: dossierLinks.reason,
      linkedAt: dossierLinks.createdAt,
      linkedBy: users.name,
    })
    .from(dossierLinks)
    .innerJoin(dossiers, sql`${dossiers.id} = ${other}`)
    .innerJoin(municipalities, eq(municipalities.id, dossiers.municipalityId))
    .leftJoin(users, eq(users.id, dossierLinks.createdBy))
    .where(and(or(eq(dossierLinks.dossierId, dossierId), eq(dossierLinks.relatedId, dossierId)), scope.dossiers))
    .orderBy(asc(dossierLinks.createdAt));
  return { sameResident, linked };
}

export type RelatedDossiers = NonNullable<Awaited<ReturnType<typeof relatedDossiers>>>;
