import { and, asc, desc, eq, getTableColumns } from "drizzle-orm";
import type { Queryable } from "#db/client";
import {
  dossierAttachments,
  dossierEligibility,
  dossierEvents,
  dossierParties,
  dossiers,
  municipalities,
  users,
  type UserRole,
} from "#db/schema/index";

/**
 * Dossier reads for ombudsman staff. Every function takes the actor and answers null for anyone
 * who is not staff, so a route that forgets its guard still leaks nothing.
 */

export const STAFF_ROLES = ["case_handler", "coordinator"] as const satisfies readonly UserRole[];

export type Actor = { id: string; role: UserRole };

function isStaff(actor: Actor): boolean {
  return (STAFF_ROLES as readonly UserRole[]).includes(actor.role);
}

const DOSSIER_NUMBER = /^OMA-\d{4}-\d{5}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const partyColumns = {
  role: dossierParties.role,
  name: dossierParties.name,
  street: dossierParties.street,
  houseNumber: dossierParties.houseNumber,
  postcode: dossierParties.postcode,
  city: dossierParties.city,
  email: dossierParties.email,
  phone: dossierParties.phone,
  preferredChannel: dossierParties.preferredChannel,
};

const { dossierId: _dossierId, ...eligibilityColumns } = getTableColumns(dossierEligibility);

export type StaffDossier = NonNullable<Awaited<ReturnType<typeof getDossierForStaff>>>;

/** Everything submitted for one dossier, as a case handler reads it; null when absent or not for this actor. */
export async function getDossierForStaff(db: Queryable, { number, actor }: { number: string; actor: Actor }) {
  if (!isStaff(actor) || !DOSSIER_NUMBER.test(number)) return null;
  const [dossier] = await db
    .select({
      id: dossiers.id,
      number: dossiers.number,
      status: dossiers.status,
      channel: dossiers.channel,
      municipalityId: dossiers.municipalityId,
      municipalityName: municipalities.name,
      topic: dossiers.topic,
      complaintText: dossiers.complaintText,
      incidentPlace: dossiers.incidentPlace,
      incidentDate: dossiers.incidentDate,
      peopleInvolved: dossiers.peopleInvolved,
      desiredOutcome: dossiers.desiredOutcome,
      byRepresentative: dossiers.byRepresentative,
      submittedAt: dossiers.submittedAt,
      contactDueOn: dossiers.contactDueOn,
      firstContactAt: dossiers.firstContactAt,
    })
    .from(dossiers)
    .innerJoin(municipalities, eq(municipalities.id, dossiers.municipalityId))
    .where(eq(dossiers.number, number));
  if (!dossier) return null;

  const [parties, [eligibility], attachments, events] = await Promise.all([
    db.select(partyColumns).from(dossierParties).where(eq(dossierParties.dossierId, dossier.id)),
    db.select(eligibilityColumns).from(dossierEligibility).where(eq(dossierEligibility.dossierId, dossier.id)),
    db
      .select({
        id: dossierAttachments.id,
        category: dossierAttachments.category,
        fileName: dossierAttachments.fileName,
        contentType: dossierAttachments.contentType,
        size: dossierAttachments.size,
        uploadedAt: dossierAttachments.uploadedAt,
        visibility: dossierAttachments.visibility,
      })
      .from(dossierAttachments)
      .where(eq(dossierAttachments.dossierId, dossier.id))
      .orderBy(asc(dossierAttachments.category), asc(dossierAttachments.uploadedAt), asc(dossierAttachments.fileName)),
    db
      .select({ id: dossierEvents.id, type: dossierEvents.type, at: dossierEvents.at, actorName: users.name })
      .from(dossierEvents)
      .leftJoin(users, eq(users.id, dossierEvents.actorUserId))
      .where(eq(dossierEvents.dossierId, dossier.id))
      .orderBy(asc(dossierEvents.at), asc(dossierEvents.id)),
  ]);

  return {
    ...dossier,
    complainant: parties.find((p) => p.role === "complainant") ?? null,
    representative: parties.find((p) => p.role === "representative") ?? null,
    eligibility: eligibility ?? null,
    attachments,
    events,
  };
}

export type RecentDossier = NonNullable<Awaited<ReturnType<typeof listRecentDossiers>>>[number];

/** The newest dossiers for the staff home page. */
export async function listRecentDossiers(db: Queryable, { actor, limit }: { actor: Actor; limit: number }) {
  if (!isStaff(actor)) return null;
  return db
    .select({
      number: dossiers.number,
      municipalityName: municipalities.name,
      complainantName: dossierParties.name,
      status: dossiers.status,
      contactDueOn: dossiers.contactDueOn,
      firstContactAt: dossiers.firstContactAt,
      submittedAt: dossiers.submittedAt,
    })
    .from(dossiers)
    .innerJoin(municipalities, eq(municipalities.id, dossiers.municipalityId))
    .leftJoin(dossierParties, and(eq(dossierParties.dossierId, dossiers.id), eq(dossierParties.role, "complainant")))
    .orderBy(desc(dossiers.submittedAt), desc(dossiers.sequence))
    .limit(limit);
}

/**
 * One attachment, found only through the dossier number it belongs to, so an attachment id
 * copied from another dossier's page finds nothing.
 */
export async function getAttachmentForStaff(
  db: Queryable,
  { number, attachmentId, actor }: { number: string; attachmentId: string; actor: Actor },
) {
  if (!isStaff(actor) || !DOSSIER_NUMBER.test(number) || !UUID.test(attachmentId)) return null;
  const [row] = await db
    .select({
      id: dossierAttachments.id,
      dossierId: dossiers.id,
      storageKey: dossierAttachments.storageKey,
      fileName: dossierAttachments.fileName,
      contentType: dossierAttachments.contentType,
      size: dossierAttachments.size,
    })
    .from(dossierAttachments)
    .innerJoin(dossiers, eq(dossiers.id, dossierAttachments.dossierId))
    .where(and(eq(dossiers.number, number), eq(dossierAttachments.id, attachmentId)));
  return row ?? null;
}
