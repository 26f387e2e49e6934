import { and, eq, inArray, sql, type Column, type SQL } from "drizzle-orm";
import {
  auditEvents,
  dossierAttachments,
  dossierEvents,
  dossierShareDocuments,
  dossierShares,
  dossiers,
  users,
  type UserRole,
} from "#db/schema/index";

/**
 * Who may see what, as the `where` of every dossier query. An actor becomes one `Scope`: a
 * condition per kind of row (dossiers, their documents, their timeline, audit entries about them).
 * Queries add the condition to their own; a record outside it is simply not found, so a route
 * answers 404 and never reveals that it exists. README › "Who sees and does what" is the policy.
 *
 * Every condition references the tables by name and is safe inside a query that joins them.
 */

export const STAFF_ROLES = ["case_handler", "coordinator"] as const satisfies readonly UserRole[];
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Someone signed in: ombudsman staff, or a municipality officer with their municipality. */
export type UserActor = { id: string; role: UserRole; municipalityId?: string | null };
/** A resident (complainant or representative) holding a link to one dossier. */
export type ResidentActor = { role: "resident"; dossierId: string };
export type Actor = UserActor | ResidentActor;

export function isStaff(actor: Actor): actor is UserActor & { role: StaffRole } {
  return (STAFF_ROLES as readonly string[]).includes(actor.role);
}

/**
 * The dossier events a municipality may read of a dossier shared with it: what happened to the
 * complaint as a whole (received, status and outcome, what was shared, the requests to the
 * municipality and their steps), never the ombudsman's own
 * work with the resident (contacts, mails, notes, documents, assignment, clock pauses).
 */
export const MUNICIPALITY_EVENT_TYPES = [
  "submitted",
  "status_changed",
  "shared",
  "request_sent",
  "request_answered",
  "request_reminder",
  "extension_requested",
  "extension_decided",
  "confidentiality_decided",
] as const;
/** The events a resident may read of their own dossier: the municipality's list plus what was done with them. */
export const RESIDENT_EVENT_TYPES = ["submitted", "status_changed", "shared", "contact_recorded", "mail_sent"] as const;

export type ScopeKind = "staff" | "officer" | "resident" | "none";

export type Scope = {
  kind: ScopeKind;
  /** On `dossiers`. */
  dossiers: SQL;
  /** On `dossier_attachments`. */
  documents: SQL;
  /** On `dossier_events`. */
  timeline: SQL;
  /** On `audit_events`. */
  audit: SQL;
  /** Rows of a dossier's case file (parties, first-line facts), given their `dossier_id` column. */
  caseFile: (dossierId: Column) => SQL;
  /** The ombudsman's own working records (contacts, internal notes, clock pauses, assignees): staff only. */
  worksheet: (dossierId: Column) => SQL;
};

const ALL = sql`true`;
const NOTHING = sql`false`;

const NONE: Scope = {
  kind: "none",
  dossiers: NOTHING,
  documents: NOTHING,
  timeline: NOTHING,
  audit: NOTHING,
  caseFile: () => NOTHING,
  worksheet: () => NOTHING,
};

const STAFF: Scope = {
  kind: "staff",
  dossiers: ALL,
  documents: ALL,
  timeline: ALL,
  audit: ALL,
  caseFile: () => ALL,
  worksheet: () => ALL,
};

/** The shape of a row id (every table keys on uuid); a look-up of anything else finds nothing without asking. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The row's dossier is one the condition on `dossiers` admits. */
function inDossiers(dossierId: Column, condition: SQL): SQL {
  return sql`EXISTS (SELECT 1 FROM ${dossiers} WHERE ${dossiers.id} = ${dossierId} AND ${condition})`;
}

/**
 * A municipality officer: dossiers of their own municipality that were shared with it at least
 * once (nothing before the first share); of those, the documents included in a share to the
 * municipality that are not ombudsman-only now; the events in MUNICIPALITY_EVENT_TYPES; and the
 * audit entries about those dossiers written for the municipality's own officers (their access log).
 */
function officerScope(municipalityId: string): Scope {
  const sharedDossiers = and(
    eq(dossiers.municipalityId, municipalityId),
    sql`EXISTS (SELECT 1 FROM ${dossierShares} WHERE ${dossierShares.dossierId} = ${dossiers.id} AND ${dossierShares.municipalityId} = ${municipalityId})`,
  )!;
  const caseFile = (dossierId: Column) => inDossiers(dossierId, sharedDossiers);
  return {
    kind: "officer",
    dossiers: sharedDossiers,
    documents: and(
      eq(dossierAttachments.visibility, "shared"),
      sql`EXISTS (SELECT 1 FROM ${dossierShareDocuments} INNER JOIN ${dossierShares} ON ${dossierShares.id} = ${dossierShareDocuments.shareId}
           WHERE ${dossierShareDocuments.attachmentId} = ${dossierAttachments.id}
             AND ${dossierShares.dossierId} = ${dossierAttachments.dossierId}
             AND ${dossierShares.municipalityId} = ${municipalityId})`,
      caseFile(dossierAttachments.dossierId),
    )!,
    timeline: and(inArray(dossierEvents.type, [...MUNICIPALITY_EVENT_TYPES]), caseFile(dossierEvents.dossierId))!,
    audit: and(
      eq(auditEvents.subjectType, "dossier"),
      sql`${auditEvents.subjectId} IN (SELECT ${dossiers.id}::text FROM ${dossiers} WHERE ${sharedDossiers})`,
      sql`EXISTS (SELECT 1 FROM ${users} WHERE ${users.id} = ${auditEvents.actorUserId} AND ${users.municipalityId} = ${municipalityId})`,
    )!,
    caseFile,
    worksheet: () => NOTHING,
  };
}

/** A resident's link: their one dossier, its documents that are not ombudsman-only, RESIDENT_EVENT_TYPES; no audit log. */
function residentScope(dossierId: string): Scope {
  return {
    kind: "resident",
    dossiers: eq(dossiers.id, dossierId),
    documents: and(eq(dossierAttachments.dossierId, dossierId), eq(dossierAttachments.visibility, "shared"))!,
    timeline: and(eq(dossierEvents.dossierId, dossierId), inArray(dossierEvents.type, [...RESIDENT_EVENT_TYPES]))!,
    audit: NOTHING,
    caseFile: (column) => eq(column, dossierId),
    worksheet: () => NOTHING,
  };
}

/** What this actor may read, wherever it is read. */
export function scopeFor(actor: Actor): Scope {
  if (isStaff(actor)) return STAFF;
  if (actor.role === "resident") return UUID.test(actor.dossierId) ? residentScope(actor.dossierId) : NONE;
  if (actor.role === "municipality_officer" && actor.municipalityId) return officerScope(actor.municipalityId);
  return NONE;
}

/**
 * What this actor may read in the back office (/behandelaar): everything for staff, nothing for
 * anyone else, also not a dossier shared with their municipality (the portal shows that).
 */
export function backOfficeScope(actor: Actor): Scope {
  return isStaff(actor) ? STAFF : NONE;
}

// ---------------------------------------------------------------------------------------------
// Acting on a dossier

export type Act = { type: "assign"; assigneeId: string } | { type: "work" };
/** `not_found`: the actor cannot see the dossier at all (404); `forbidden`: they see it but may not do this (403). */
export type ActDecision = "allowed" | "not_found" | "forbidden";

/**
 * Who may act on a dossier in the back office. Only staff act. A coordinator assigns any dossier
 * to anyone; a case handler only takes an unassigned dossier or keeps their own, never gives one
 * to someone else. Every other action is open to all staff, also on a dossier assigned to a
 * colleague (cover during absence; the history shows who did what).
 */
export function decideAct(actor: Actor, act: Act, dossier: { assigneeId: string | null }): ActDecision {
  if (!isStaff(actor)) return "not_found";
  if (act.type === "work" || actor.role === "coordinator") return "allowed";
  if (act.assigneeId !== actor.id) return "forbidden";
  return dossier.assigneeId === null || dossier.assigneeId === actor.id ? "allowed" : "forbidden";
}
