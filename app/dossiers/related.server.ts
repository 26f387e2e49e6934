import { aliasedTable, and, asc, desc, eq, ne, or, sql, type SQL } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
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

/** At most this many of the complainant's other dossiers are listed (a frequent complainer has more). */
export const SAME_RESIDENT_MAX = 50;

export async function relatedDossiers(db: Queryable, actor: Actor, dossierId: string) {
  const scope = backOfficeScope(actor);
  if (scope.kind === "none") return null;
  const own = aliasedTable(dossierParties, "own");
  // Two bounded index look-ups (by address; by name and postcode), so that a complainant with
  // thousands of dossiers costs no more than one with two: the first matches found, newest first.
  const matches = (byAddress: boolean, condition: SQL) =>
    db
      .select({
        dossierId: dossierParties.dossierId,
        byAddress: sql<boolean>`${sql.raw(byAddress ? "true" : "false")}`.as("by_address"),
      })
      .from(own)
      .innerJoin(dossierParties, and(eq(dossierParties.role, "complainant"), condition))
      .where(and(eq(own.dossierId, dossierId), eq(own.role, "complainant"), ne(dossierParties.dossierId, dossierId)))
      .limit(SAME_RESIDENT_MAX + 1);
  const byAddress = matches(
    true,
    and(sql`${own.email} IS NOT NULL`, sql`lower(${dossierParties.email}) = lower(${own.email})`)!,
  );
  const byName = matches(
    false,
    and(
      sql`lower(${dossierParties.name}) = lower(${own.name})`,
      sql`${normalisedPostcode(dossierParties.postcode)} = ${normalisedPostcode(own.postcode)}`,
    )!,
  );
  const found = unionAll(byAddress, byName).as("found");
  const rows = await db
    .select({
      id: dossiers.id,
      number: dossiers.number,
      status: dossiers.status,
      municipality: municipalities.name,
      submittedAt: dossiers.submittedAt,
      byAddress: sql<boolean>`bool_or(${found.byAddress})`,
    })
    .from(found)
    .innerJoin(dossiers, eq(dossiers.id, found.dossierId))
    .innerJoin(municipalities, eq(municipalities.id, dossiers.municipalityId))
    .where(scope.dossiers)
    .groupBy(dossiers.id, municipalities.name)
    .orderBy(desc(dossiers.submittedAt), desc(dossiers.number))
    .limit(SAME_RESIDENT_MAX + 1);
  const sameResident = rows.slice(0, SAME_RESIDENT_MAX);
  const moreSameResident = rows.length > SAME_RESIDENT_MAX;

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
  return { sameResident, moreSameResident, linked };
}

export type RelatedDossiers = NonNullable<Awaited<ReturnType<typeof relatedDossiers>>>;
