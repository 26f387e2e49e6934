import { and, asc, desc, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import { scopeFor, UUID, type ResidentActor } from "#app/dossiers/scope.server";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import type { Queryable } from "#db/client";
import {
  dossierAttachments,
  dossierParties,
  dossierPauses,
  dossiers,
  mailOutbox,
  municipalities,
  type MailKind,
} from "#db/schema/index";
import type { ResidentFacts } from "./status";

/** The mails a resident got about their dossier and sees again on the status page (never a link mail). */
export const RESIDENT_MAIL_KINDS = [
  "intake_confirmation",
  "dossier-message",
  "resident_update",
] as const satisfies readonly MailKind[];

/** The resident's dossier as a command needs it: its number and status, under the resident's scope. */
export async function residentTarget(db: Queryable, actor: ResidentActor) {
  const scope = scopeFor(actor);
  if (scope.kind !== "resident") return null;
  const [row] = await db
    .select({ number: dossiers.number, status: dossiers.status })
    .from(dossiers)
    .where(scope.dossiers);
  return row ?? null;
}

/**
 * The mails the ombudsman sent the resident about the dossier, newest first, with their text:
 * on the status page and on the handler's dossier page (the caller has checked the reader's scope).
 */
export function residentMails(db: Queryable, dossierId: string) {
  return db
    .select({
      id: mailOutbox.id,
      createdAt: mailOutbox.createdAt,
      subject: mailOutbox.subject,
      text: mailOutbox.textBody,
    })
    .from(mailOutbox)
    .where(
      and(
        eq(mailOutbox.subjectType, "dossier"),
        eq(mailOutbox.subjectId, dossierId),
        inArray(mailOutbox.kind, [...RESIDENT_MAIL_KINDS]),
      ),
    )
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id));
}

/** A document staff or the municipality added that a handler gave the resident. */
const givenToResident = and(isNotNull(dossierAttachments.addedBy), isNotNull(dossierAttachments.sharedWithResidentAt))!;

/**
 * One document of the resident's dossier they may download: one they sent, or one a handler gave
 * them; never an ombudsman-only one (the resident's scope). Null for anything else.
 */
export async function residentDocument(db: Queryable, actor: ResidentActor, documentId: string) {
  const scope = scopeFor(actor);
  if (scope.kind !== "resident" || !UUID.test(documentId)) return null;
  const [document] = await db
    .select({
      id: dossierAttachments.id,
      dossierId: dossierAttachments.dossierId,
      storageKey: dossierAttachments.storageKey,
      fileName: dossierAttachments.fileName,
      contentType: dossierAttachments.contentType,
    })
    .from(dossierAttachments)
    .where(
      and(
        eq(dossierAttachments.id, documentId),
        scope.documents,
        or(isNull(dossierAttachments.addedBy), givenToResident),
      ),
    );
  return document ?? null;
}

/**
 * The resident's own dossier as the status page reads it, under the resident's scope: the
 * complaint, the parties by name (whom it was made for), where it stands, the documents the
 * resident sent and those the handler gave them, and the mails the ombudsman sent them with their text.
 */
export async function residentDossier(db: Queryable, actor: ResidentActor) {
  const scope = scopeFor(actor);
  if (scope.kind !== "resident") return null;
  const [dossier] = await db
    .select({
      id: dossiers.id,
      number: dossiers.number,
      status: dossiers.status,
      municipality: municipalities.name,
      submittedAt: dossiers.submittedAt,
      complaintText: dossiers.complaintText,
      byRepresentative: dossiers.byRepresentative,
      contactDueOn: dossiers.contactDueOn,
      firstContactAt: dossiers.firstContactAt,
      handlingDueOn: dossiers.handlingDueOn,
      outcome: dossiers.outcome,
      closedAt: dossiers.closedAt,
    })
    .from(dossiers)
    .innerJoin(municipalities, eq(municipalities.id, dossiers.municipalityId))
    .where(scope.dossiers);
  if (!dossier) return null;
  const [parties, documents, given, mails, pauses] = await Promise.all([
    db
      .select({ role: dossierParties.role, name: dossierParties.name })
      .from(dossierParties)
      .where(eq(dossierParties.dossierId, dossier.id)),
    // What the resident sent: the files of the intake and those added later through the link.
    db
      .select({
        id: dossierAttachments.id,
        category: dossierAttachments.category,
        fileName: dossierAttachments.fileName,
        size: dossierAttachments.size,
        uploadedAt: dossierAttachments.uploadedAt,
      })
      .from(dossierAttachments)
      .where(and(scope.documents, isNull(dossierAttachments.addedBy)))
      .orderBy(asc(dossierAttachments.uploadedAt), asc(dossierAttachments.fileName)),
    // What the handler gave them to read (findings for comment, the report, the municipality's answer).
    db
      .select({
        id: dossierAttachments.id,
        fileName: dossierAttachments.fileName,
        size: dossierAttachments.size,
        givenAt: dossierAttachments.sharedWithResidentAt,
      })
      .from(dossierAttachments)
      .where(and(scope.documents, givenToResident))
      .orderBy(asc(dossierAttachments.sharedWithResidentAt), asc(dossierAttachments.fileName)),
    residentMails(db, dossier.id),
    db
      .select({ reason: dossierPauses.reason })
      .from(dossierPauses)
      .where(and(eq(dossierPauses.dossierId, dossier.id), isNull(dossierPauses.endedOn))),
  ]);
  const facts: ResidentFacts = {
    status: dossier.status,
    contactDueOn: dossier.contactDueOn,
    firstContactOn: dossier.firstContactAt ? amsterdamDateOf(dossier.firstContactAt) : null,
    handlingDueOn: dossier.handlingDueOn,
    pause: pauses[0]?.reason ?? null,
    outcome: dossier.outcome,
    closedOn: dossier.closedAt ? amsterdamDateOf(dossier.closedAt) : null,
  };
  const represented = dossier.byRepresentative ? (parties.find((p) => p.role === "complainant")?.name ?? null) : null;
  return {
    number: dossier.number,
    dossierId: dossier.id,
    municipality: dossier.municipality,
    submittedAt: dossier.submittedAt,
    complaintText: dossier.complaintText,
    represented,
    mandateOnFile: documents.some((d) => d.category === "mandate"),
    facts,
    documents,
    given,
    mails,
  };
}
