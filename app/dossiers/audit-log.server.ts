import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "#db/client";
import { auditEvents, dossierAttachments, dossiers, users, type UserRole } from "#db/schema/index";
import { addDays } from "#app/utils/calendar-date";
import { auditSubject, NO_USER, type AuditFilter, type AuditSubject } from "./audit-filter";
import { backOfficeScope, type UserActor } from "./scope.server";

/**
 * The audit log as the coordinator reads it: every entry (also refused attempts on numbers that
 * do not exist), filtered by who, what and when, a page at a time or in chunks for the CSV file.
 * Each entry names its dossier and, for a download, the document's file name while the document
 * still exists. Only a coordinator gets an answer; the back-office scope is in every query.
 */

export const AUDIT_LOG_ROLES = ["coordinator"] as const satisfies readonly UserRole[];
export const AUDIT_LOG_PAGE_SIZE = 50;
const CHUNK = 1000;

const isReader = (actor: UserActor) => (AUDIT_LOG_ROLES as readonly UserRole[]).includes(actor.role);
const TZ = sql.raw(`'Europe/Amsterdam'`);
const UUID_TEXT = sql.raw(`'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`);

// Guarded casts: a refused attempt stores the id as it was asked, which need not be a uuid.
const attachmentIdOf = sql`CASE WHEN ${auditEvents.details}->>'attachmentId' ~* ${UUID_TEXT} THEN (${auditEvents.details}->>'attachmentId')::uuid END`;
const dossierIdOf = sql`CASE WHEN ${auditEvents.subjectType} = 'dossier' AND ${auditEvents.subjectId} ~* ${UUID_TEXT} THEN ${auditEvents.subjectId}::uuid END`;

export type AuditLogEntry = AuditSubject & {
  id: number;
  at: Date;
  action: string;
  actorName: string | null;
  actorRole: string | null;
  ip: string | null;
  requestId: string | null;
};

type Row = Omit<AuditLogEntry, keyof AuditSubject> & {
  details: Record<string, unknown> | null;
  fileName: string | null;
  dossierNumber: string | null;
  cursor: string;
};

/** The entries under `where`, with their user, dossier and document, newest first. */
export function selectAuditEntries(db: Queryable, actor: UserActor, where: SQL | undefined) {
  const scope = backOfficeScope(actor);
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      cursor: sql<string>`${auditEvents.at}::text`,
      action: auditEvents.action,
      actorName: users.name,
      actorRole: auditEvents.actorRole,
      ip: auditEvents.ip,
      requestId: auditEvents.requestId,
      details: auditEvents.details,
      fileName: dossierAttachments.fileName,
      dossierNumber: dossiers.number,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(dossiers, and(eq(dossiers.id, dossierIdOf), scope.dossiers))
    .leftJoin(dossierAttachments, and(eq(dossierAttachments.id, attachmentIdOf), scope.documents))
    .where(and(where, scope.audit))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .$dynamic();
}

export function toAuditEntry({ details, fileName, dossierNumber, cursor: _, ...row }: Row): AuditLogEntry {
  return { ...row, ...auditSubject({ action: row.action, details, fileName, dossierNumber }) };
}

function filterWhere(filter: AuditFilter): SQL | undefined {
  return and(
    filter.actor === NO_USER
      ? isNull(auditEvents.actorUserId)
      : filter.actor
        ? eq(auditEvents.actorUserId, filter.actor)
        : undefined,
    filter.action ? eq(auditEvents.action, filter.action) : undefined,
    filter.from ? sql`${auditEvents.at} >= (${filter.from}::timestamp AT TIME ZONE ${TZ})` : undefined,
    filter.to ? sql`${auditEvents.at} < (${addDays(filter.to, 1)}::timestamp AT TIME ZONE ${TZ})` : undefined,
  );
}

/** One page of the filtered log, with the total; null for anyone but a coordinator. */
export async function listAuditLog(
  db: Queryable,
  { actor, filter }: { actor: UserActor; filter: AuditFilter },
): Promise<{ entries: AuditLogEntry[]; total: number; pages: number } | null> {
  if (!isReader(actor)) return null;
  const where = filterWhere(filter);
  const [[counted], rows] = await Promise.all([
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(where, backOfficeScope(actor).audit)),
    selectAuditEntries(db, actor, where)
      .limit(AUDIT_LOG_PAGE_SIZE)
      .offset((filter.page - 1) * AUDIT_LOG_PAGE_SIZE),
  ]);
  const total = counted?.total ?? 0;
  return { entries: rows.map(toAuditEntry), total, pages: Math.max(1, Math.ceil(total / AUDIT_LOG_PAGE_SIZE)) };
}

/** How many entries the filter finds: written into the export's own audit row. */
export async function countAuditLog(db: Queryable, { actor, filter }: { actor: UserActor; filter: AuditFilter }) {
  if (!isReader(actor)) return null;
  const [counted] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(and(filterWhere(filter), backOfficeScope(actor).audit));
  return counted?.total ?? 0;
}

/**
 * Every filtered entry, newest first, in chunks read one after the other on a keyset (the exact
 * timestamp as text, then the id), so a long export neither sits in memory nor skips or repeats
 * an entry when new ones are written meanwhile. Null for anyone but a coordinator.
 */
export function auditLogChunks(
  db: Queryable,
  { actor, filter, chunkSize = CHUNK }: { actor: UserActor; filter: AuditFilter; chunkSize?: number },
): AsyncIterable<AuditLogEntry[]> | null {
  if (!isReader(actor)) return null;
  const where = filterWhere(filter);
  return {
    async *[Symbol.asyncIterator]() {
      let after: { at: string; id: number } | null = null;
      for (;;) {
        const page: Row[] = await selectAuditEntries(
          db,
          actor,
          and(
            where,
            after ? sql`(${auditEvents.at}, ${auditEvents.id}) < (${after.at}::timestamptz, ${after.id})` : undefined,
          ),
        ).limit(chunkSize);
        if (page.length === 0) return;
        yield page.map(toAuditEntry);
        const last = page.at(-1)!;
        after = { at: last.cursor, id: last.id };
        if (page.length < chunkSize) return;
      }
    },
  };
}

/** The users the log can be filtered on: everyone with an account, by name. */
export async function listAuditActors(db: Queryable, { actor }: { actor: UserActor }) {
  if (!isReader(actor)) return null;
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .orderBy(asc(users.name), asc(users.id));
}
