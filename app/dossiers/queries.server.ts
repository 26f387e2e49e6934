import { and, asc, desc, eq, getTableColumns, inArray, sql, type SQL } from "drizzle-orm";
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
  dossierShareDocuments,
  dossierShares,
  dossiers,
  auditEvents,
  mailOutbox,
  municipalities,
  users,
  type DossierStatus,
} from "#db/schema/index";
import { backOfficeScope, isStaff, scopeFor, STAFF_ROLES, UUID, type Actor } from "./scope.server";

/**
 * Dossier reads. Each query carries the actor's scope (scope.server.ts) in its `where`: the
 * "ForStaff" reads the back-office scope (everything for staff, nothing for anyone else), the
 * others the actor's own, for the municipality portal and a resident's link. A record outside the
 * scope is not found: null, or an empty list.
 */

export { isStaff, STAFF_ROLES, type Actor } from "./scope.server";

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
  if (!DOSSIER_NUMBER.test(number)) return null;
  const scope = backOfficeScope(actor);
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
      residentNewsAt: dossiers.residentNewsAt,
    })
    .from(dossiers)
    .innerJoin(municipalities, eq(municipalities.id, dossiers.municipalityId))
    .leftJoin(users, eq(users.id, dossiers.assigneeId))
    .where(and(eq(dossiers.number, number), scope.dossiers));
  if (!dossier) return null;

  const [parties, [eligibility], attachments, events] = await Promise.all([
    db
      .select(partyColumns)
      .from(dossierParties)
      .where(and(eq(dossierParties.dossierId, dossier.id), scope.caseFile(dossierParties.dossierId))),
    db
      .select(eligibilityColumns)
      .from(dossierEligibility)
      .where(and(eq(dossierEligibility.dossierId, dossier.id), scope.caseFile(dossierEligibility.dossierId))),
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
        byStaff: sql<boolean>`${dossierAttachments.addedBy} IS NOT NULL`,
        sharedWithResidentAt: dossierAttachments.sharedWithResidentAt,
      })
      .from(dossierAttachments)
      .leftJoin(users, eq(users.id, dossierAttachments.addedBy))
      .where(and(eq(dossierAttachments.dossierId, dossier.id), scope.documents))
      .orderBy(asc(dossierAttachments.category), asc(dossierAttachments.uploadedAt), asc(dossierAttachments.fileName)),
    db
      .select({
        id: dossierEvents.id,
        type: dossierEvents.type,
        at: dossierEvents.at,
        actorName: users.name,
        details: dossierEvents.details,
      })
      .from(dossierEvents)
      .leftJoin(users, eq(users.id, dossierEvents.actorUserId))
      .where(and(eq(dossierEvents.dossierId, dossier.id), scope.timeline))
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
/** What a download of a dossier document reads (app/http/attachment-download.server.ts), joined with `dossiers`. */
export const ATTACHMENT_DOWNLOAD_COLUMNS = {
  id: dossierAttachments.id,
  dossierId: dossiers.id,
  storageKey: dossierAttachments.storageKey,
  fileName: dossierAttachments.fileName,
  contentType: dossierAttachments.contentType,
  size: dossierAttachments.size,
};

export async function getAttachmentForStaff(
  db: Queryable,
  { number, attachmentId, actor }: { number: string; attachmentId: string; actor: Actor },
) {
  if (!DOSSIER_NUMBER.test(number) || !UUID.test(attachmentId)) return null;
  const scope = backOfficeScope(actor);
  const [row] = await db
    .select(ATTACHMENT_DOWNLOAD_COLUMNS)
    .from(dossierAttachments)
    .innerJoin(dossiers, eq(dossiers.id, dossierAttachments.dossierId))
    .where(and(eq(dossiers.number, number), eq(dossierAttachments.id, attachmentId), scope.dossiers, scope.documents));
  return row ?? null;
}

export type StaffCasework = NonNullable<Awaited<ReturnType<typeof getCaseworkForStaff>>>;

/** The handler's own records on a dossier: contacts (oldest first), internal notes (newest first) and clock pauses. */
export async function getCaseworkForStaff(db: Queryable, { dossierId, actor }: { dossierId: string; actor: Actor }) {
  if (!UUID.test(dossierId)) return null;
  const scope = backOfficeScope(actor);
  if (scope.kind === "none") return null;
  const [contacts, notes, pauses] = await Promise.all([
    db
      .select({
        id: dossierContacts.id,
        contactedOn: dossierContacts.contactedOn,
        channel: dossierContacts.channel,
        summary: dossierContacts.summary,
        recordedByName: users.name,
        createdAt: dossierContacts.createdAt,
        // The mail that was the contact, with its text (the mail's own dossier is this one).
        mailText: mailOutbox.textBody,
      })
      .from(dossierContacts)
      .innerJoin(users, eq(users.id, dossierContacts.recordedBy))
      .leftJoin(mailOutbox, eq(mailOutbox.id, dossierContacts.mailOutboxId))
      .where(and(eq(dossierContacts.dossierId, dossierId), scope.worksheet(dossierContacts.dossierId)))
      .orderBy(asc(dossierContacts.contactedOn), asc(dossierContacts.createdAt)),
    db
      .select({
        id: dossierNotes.id,
        body: dossierNotes.body,
        authorName: users.name,
        createdAt: dossierNotes.createdAt,
      })
      .from(dossierNotes)
      .innerJoin(users, eq(users.id, dossierNotes.authorId))
      .where(and(eq(dossierNotes.dossierId, dossierId), scope.worksheet(dossierNotes.dossierId)))
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
      .where(and(eq(dossierPauses.dossierId, dossierId), scope.worksheet(dossierPauses.dossierId)))
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

// ---------------------------------------------------------------------------------------------
// Reads under the actor's own scope: staff see everything, a municipality officer what was shared
// with their municipality, a resident's link their one dossier. The portal and the resident's
// pages build on these; the back office uses the "ForStaff" reads above.

const dossierSummary = {
  id: dossiers.id,
  number: dossiers.number,
  municipalityId: dossiers.municipalityId,
  status: dossiers.status,
  submittedAt: dossiers.submittedAt,
  closedAt: dossiers.closedAt,
};

export type ScopedDossier = {
  id: string;
  number: string;
  municipalityId: string;
  status: DossierStatus;
  submittedAt: Date;
  closedAt: Date | null;
};

/** One dossier, by number or by id, when the actor's scope holds it; null otherwise. */
export async function findDossier(
  db: Queryable,
  { actor, ...key }: { actor: Actor } & ({ number: string } | { dossierId: string }),
): Promise<ScopedDossier | null> {
  let match: SQL;
  if ("number" in key) {
    if (!DOSSIER_NUMBER.test(key.number)) return null;
    match = eq(dossiers.number, key.number);
  } else {
    if (!UUID.test(key.dossierId)) return null;
    match = eq(dossiers.id, key.dossierId);
  }
  const [row] = await db
    .select(dossierSummary)
    .from(dossiers)
    .where(and(match, scopeFor(actor).dossiers));
  return row ?? null;
}

/** The dossiers the actor's scope holds, newest first, at most `limit`. */
export async function listDossiers(
  db: Queryable,
  { actor, limit = 50 }: { actor: Actor; limit?: number },
): Promise<ScopedDossier[]> {
  return db
    .select(dossierSummary)
    .from(dossiers)
    .where(scopeFor(actor).dossiers)
    .orderBy(desc(dossiers.submittedAt), desc(dossiers.id))
    .limit(limit);
}

const documentColumns = {
  id: dossierAttachments.id,
  dossierId: dossierAttachments.dossierId,
  category: dossierAttachments.category,
  fileName: dossierAttachments.fileName,
  contentType: dossierAttachments.contentType,
  size: dossierAttachments.size,
  visibility: dossierAttachments.visibility,
  uploadedAt: dossierAttachments.uploadedAt,
};

/** The documents of one dossier that the actor may see. */
export async function listDocuments(db: Queryable, { actor, dossierId }: { actor: Actor; dossierId: string }) {
  if (!UUID.test(dossierId)) return [];
  return db
    .select(documentColumns)
    .from(dossierAttachments)
    .where(and(eq(dossierAttachments.dossierId, dossierId), scopeFor(actor).documents))
    .orderBy(asc(dossierAttachments.uploadedAt), asc(dossierAttachments.id));
}

/** One document by its id, with the storage key a download needs; null outside the actor's scope. */
export async function findDocument(db: Queryable, { actor, attachmentId }: { actor: Actor; attachmentId: string }) {
  if (!UUID.test(attachmentId)) return null;
  const [row] = await db
    .select({ ...documentColumns, storageKey: dossierAttachments.storageKey })
    .from(dossierAttachments)
    .where(and(eq(dossierAttachments.id, attachmentId), scopeFor(actor).documents));
  return row ?? null;
}

/** A dossier's history as far as the actor may read it, oldest first. */
export async function listTimeline(db: Queryable, { actor, dossierId }: { actor: Actor; dossierId: string }) {
  if (!UUID.test(dossierId)) return [];
  return db
    .select({ id: dossierEvents.id, type: dossierEvents.type, at: dossierEvents.at })
    .from(dossierEvents)
    .where(and(eq(dossierEvents.dossierId, dossierId), scopeFor(actor).timeline))
    .orderBy(asc(dossierEvents.at), asc(dossierEvents.id));
}

/** What the audit log holds about one dossier that the actor may read, newest first. */
export async function listAuditEntries(
  db: Queryable,
  { actor, dossierId, limit = 50 }: { actor: Actor; dossierId: string; limit?: number },
) {
  if (!UUID.test(dossierId)) return [];
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      actorUserId: auditEvents.actorUserId,
      actorRole: auditEvents.actorRole,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, "dossier"), eq(auditEvents.subjectId, dossierId), scopeFor(actor).audit))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit);
}

/** The ids of the documents of a dossier that went with any share to its municipality (back office only). */
export async function listSharedAttachmentIds(
  db: Queryable,
  { dossierId, actor }: { dossierId: string; actor: Actor },
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: dossierShareDocuments.attachmentId })
    .from(dossierShareDocuments)
    .innerJoin(dossierShares, eq(dossierShares.id, dossierShareDocuments.shareId))
    .innerJoin(dossiers, eq(dossiers.id, dossierShares.dossierId))
    .where(and(eq(dossierShares.dossierId, dossierId), backOfficeScope(actor).dossiers));
  return rows.map((r) => r.id);
}

/** Whether the dossier was ever shared with its municipality (a request needs that first). */
export async function isSharedWithMunicipality(
  db: Queryable,
  { dossierId, actor }: { dossierId: string; actor: Actor },
): Promise<boolean> {
  const [row] = await db
    .select({ id: dossierShares.id })
    .from(dossierShares)
    .innerJoin(dossiers, eq(dossiers.id, dossierShares.dossierId))
    .where(
      and(
        eq(dossierShares.dossierId, dossierId),
        eq(dossierShares.municipalityId, dossiers.municipalityId),
        backOfficeScope(actor).dossiers,
      ),
    )
    .limit(1);
  return row !== undefined;
}
