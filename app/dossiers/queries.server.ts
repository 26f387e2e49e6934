import { and, asc, desc, eq, getTableColumns, inArray } from "drizzle-orm";
import type { Queryable } from "#db/client";
import { DOSSIER_NUMBER } from "#db/dossier-numbers";
import {
  dossierAttachments,
  dossierContacts,
  dossierEligibility,
  dossierEvents,
  dossierNotes,
  dossierParties,
  dossierPauses,
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

export function isStaff(actor: Actor): boolean {
  return (STAFF_ROLES as readonly UserRole[]).includes(actor.role);
}

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
      locale: dossiers.locale,
      handlingDueOn: dossiers.handlingDueOn,
      assigneeId: dossiers.assigneeId,
      assigneeName: users.name,
      closedAt: dossiers.closedAt,
      outcome: dossiers.outcome,
      outcomeDetail: dossiers.outcomeDetail,
    })
    .from(dossiers)
    .innerJoin(municipalities, eq(municipalities.id, dossiers.municipalityId))
    .leftJoin(users, eq(users.id, dossiers.assigneeId))
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
        // Null for the files the resident sent with the complaint.
        addedByName: users.name,
      })
      .from(dossierAttachments)
      .leftJoin(users, eq(users.id, dossierAttachments.addedBy))
      .where(eq(dossierAttachments.dossierId, dossier.id))
      .orderBy(asc(dossierAttachments.category), asc(dossierAttachments.uploadedAt), asc(dossierAttachments.fileName)),
    db
      .select({ id: dossierEvents.id, type: dossierEvents.type, at: dossierEvents.at, actorName: users.name, details: dossierEvents.details })
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

export type StaffCasework = NonNullable<Awaited<ReturnType<typeof getCaseworkForStaff>>>;

/** The handler's own records on a dossier: contacts (oldest first), internal notes (newest first) and clock pauses. */
export async function getCaseworkForStaff(db: Queryable, { dossierId, actor }: { dossierId: string; actor: Actor }) {
  if (!isStaff(actor) || !UUID.test(dossierId)) return null;
  const [contacts, notes, pauses] = await Promise.all([
    db
      .select({
        id: dossierContacts.id,
        contactedOn: dossierContacts.contactedOn,
        channel: dossierContacts.channel,
        summary: dossierContacts.summary,
        recordedByName: users.name,
        createdAt: dossierContacts.createdAt,
      })
      .from(dossierContacts)
      .innerJoin(users, eq(users.id, dossierContacts.recordedBy))
      .where(eq(dossierContacts.dossierId, dossierId))
      .orderBy(asc(dossierContacts.contactedOn), asc(dossierContacts.createdAt)),
    db
      .select({ id: dossierNotes.id, body: dossierNotes.body, authorName: users.name, createdAt: dossierNotes.createdAt })
      .from(dossierNotes)
      .innerJoin(users, eq(users.id, dossierNotes.authorId))
      .where(eq(dossierNotes.dossierId, dossierId))
      .orderBy(desc(dossierNotes.createdAt), desc(dossierNotes.id)),
    db
      .select({
        id: dossierPauses.id,
        reason: dossierPauses.reason,
        explanation: dossierPauses.explanation,
        startedOn: dossierPauses.startedOn,
        endedOn: dossierPauses.endedOn,
        createdByName: users.name,
      })
      .from(dossierPauses)
      .innerJoin(users, eq(users.id, dossierPauses.createdBy))
      .where(eq(dossierPauses.dossierId, dossierId))
      .orderBy(asc(dossierPauses.startedOn), asc(dossierPauses.createdAt)),
  ]);
  return { contacts, notes, pauses };
}

/** The active staff a dossier can be assigned to, by name. */
export async function listAssignableStaff(db: Queryable, { actor }: { actor: Actor }) {
  if (!isStaff(actor)) return null;
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(inArray(users.role, [...STAFF_ROLES]), eq(users.active, true)))
    .orderBy(asc(users.name), asc(users.id));
}
