import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Queryable } from "#db/client";
import { DOSSIER_NUMBER } from "#db/dossier-numbers";
import { auditEvents, dossierAttachments, dossiers, municipalities, type UserRole } from "#db/schema/index";
import { selectAuditEntries, toAuditEntry, type AuditLogEntry } from "./audit-log.server";
import type { IsoDate } from "#app/utils/calendar-date";
import { backOfficeScope, type UserActor } from "./scope.server";
import { STATUSES, type Status } from "./workflow";

/**
 * The coordinator's oversight: open dossiers per status and per municipality, the 14-day
 * contact promise per month, and a dossier's audit trail. Every function answers null for
 * anyone but a coordinator, so a route that forgets its guard still shows nothing, and every
 * query carries the actor's back-office scope.
 */

export const OVERVIEW_ROLES = ["coordinator"] as const satisfies readonly UserRole[];

const isCoordinator = (actor: UserActor) => (OVERVIEW_ROLES as readonly UserRole[]).includes(actor.role);
/** Who the dossier page links to its audit log: the one getDossierAuditLog answers. */
export const mayReadAuditLog = isCoordinator;

export const OPEN_STATUSES = STATUSES.filter((s): s is Exclude<Status, "closed"> => s !== "closed");
export const COMPLIANCE_MONTHS = 12;

// Written out rather than `ne(status, $1)`: the planner matches the partial indexes on
// dossiers (WHERE status <> 'closed') only against the literal.
const isOpen = sql`${dossiers.status} <> 'closed'`;
const TZ = sql.raw(`'Europe/Amsterdam'`);
/** The first contact's calendar date in Amsterdam, compared with the contact date. */
const firstContactDay = sql`(${dossiers.firstContactAt} AT TIME ZONE ${TZ})::date`;

export type StatusCount = { status: Exclude<Status, "closed">; count: number };
export type MunicipalityCount = { id: string; name: string; affiliated: boolean; count: number };
export type ComplianceMonth = {
  /** 'YYYY-MM', the Amsterdam calendar month of submission. */
  month: string;
  submitted: number;
  inTime: number;
  late: number;
  openOverdue: number;
  notYetDue: number;
  closedWithoutContact: number;
  /** Whole percent in time of the settled ones (in time + late + open overdue); null when none is settled. */
  share: number | null;
};

/** Open dossiers per status, in workflow order, with zeros; an index-only count over the open-status index. */
export async function openDossiersByStatus(
  db: Queryable,
  { actor }: { actor: UserActor },
): Promise<StatusCount[] | null> {
  if (!isCoordinator(actor)) return null;
  const rows = await db
    .select({ status: dossiers.status, count: sql<number>`count(*)::int` })
    .from(dossiers)
    .where(and(isOpen, backOfficeScope(actor).dossiers))
    .groupBy(dossiers.status);
  const byStatus = new Map(rows.map((r) => [r.status, r.count]));
  return OPEN_STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 }));
}

/** Open dossiers per municipality: every affiliated one (also with none open), and any former one that still has some. */
export async function openDossiersByMunicipality(
  db: Queryable,
  { actor, today }: { actor: UserActor; today: IsoDate },
): Promise<MunicipalityCount[] | null> {
  if (!isCoordinator(actor)) return null;
  const open = db
    .select({ municipalityId: dossiers.municipalityId, count: sql<number>`count(*)::int`.as("open_count") })
    .from(dossiers)
    .where(and(isOpen, backOfficeScope(actor).dossiers))
    .groupBy(dossiers.municipalityId)
    .as("open");
  const rows = await db
    .select({
      id: municipalities.id,
      name: municipalities.name,
      leftOn: municipalities.leftOn,
      count: sql<number>`coalesce(${open.count}, 0)::int`,
    })
    .from(municipalities)
    .leftJoin(open, eq(open.municipalityId, municipalities.id))
    .where(or(isNull(municipalities.leftOn), sql`${municipalities.leftOn} > ${today}`, sql`${open.count} > 0`))
    .orderBy(asc(municipalities.name));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    affiliated: r.leftOn === null || r.leftOn > today,
    count: r.count,
  }));
}

/** 'YYYY-MM-01' of the month `offset` months from the month of `day`. */
function monthStart(day: IsoDate, offset: number): IsoDate {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + offset;
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 10);
}

/** Whole percent that shows 0 and 100 only when it is exactly that. */
export function wholePercent(part: number, whole: number): number | null {
  if (whole === 0) return null;
  const p = Math.round((100 * part) / whole);
  if (p === 100 && part < whole) return 99;
  if (p === 0 && part > 0) return 1;
  return p;
}

/**
 * The 14-day contact promise per Amsterdam month of submission, for the month of `today` and
 * the eleven before it. One pass over a range of the submitted_at index; the month bounds are
 * Amsterdam midnights, so a dossier sent at 00:30 on 1 April Amsterdam time (22:30 UTC on
 * 31 March) counts for April.
 */
export async function contactCompliance(
  db: Queryable,
  { actor, today }: { actor: UserActor; today: IsoDate },
): Promise<ComplianceMonth[] | null> {
  if (!isCoordinator(actor)) return null;
  const from = monthStart(today, -(COMPLIANCE_MONTHS - 1));
  const until = monthStart(today, 1);
  const month = sql<string>`to_char(${dossiers.submittedAt} AT TIME ZONE ${TZ}, 'YYYY-MM')`;
  const noContact = sql`${dossiers.firstContactAt} IS NULL`;
  const rows = await db
    .select({
      month,
      submitted: sql<number>`count(*)::int`,
      inTime: sql<number>`(count(*) FILTER (WHERE ${firstContactDay} <= ${dossiers.contactDueOn}))::int`,
      late: sql<number>`(count(*) FILTER (WHERE ${firstContactDay} > ${dossiers.contactDueOn}))::int`,
      openOverdue: sql<number>`(count(*) FILTER (WHERE ${noContact} AND ${isOpen} AND ${dossiers.contactDueOn} < ${today}))::int`,
      notYetDue: sql<number>`(count(*) FILTER (WHERE ${noContact} AND ${isOpen} AND ${dossiers.contactDueOn} >= ${today}))::int`,
      closedWithoutContact: sql<number>`(count(*) FILTER (WHERE ${noContact} AND NOT ${isOpen}))::int`,
    })
    .from(dossiers)
    .where(
      and(
        sql`${dossiers.submittedAt} >= (${from}::timestamp AT TIME ZONE ${TZ})`,
        sql`${dossiers.submittedAt} < (${until}::timestamp AT TIME ZONE ${TZ})`,
        backOfficeScope(actor).dossiers,
      ),
    )
    .groupBy(month);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return Array.from({ length: COMPLIANCE_MONTHS }, (_, i) => {
    const key = monthStart(from, i).slice(0, 7);
    const r = byMonth.get(key) ?? {
      submitted: 0,
      inTime: 0,
      late: 0,
      openOverdue: 0,
      notYetDue: 0,
      closedWithoutContact: 0,
    };
    return {
      month: key,
      submitted: r.submitted,
      inTime: r.inTime,
      late: r.late,
      openOverdue: r.openOverdue,
      notYetDue: r.notYetDue,
      closedWithoutContact: r.closedWithoutContact,
      share: wholePercent(r.inTime, r.inTime + r.late + r.openOverdue),
    };
  });
}

export type Overview = {
  byStatus: StatusCount[];
  byMunicipality: MunicipalityCount[];
  compliance: ComplianceMonth[];
};

/** Everything the overview page shows; null for anyone but a coordinator. */
export async function getOverview(
  db: Queryable,
  { actor, today }: { actor: UserActor; today: IsoDate },
): Promise<Overview | null> {
  if (!isCoordinator(actor)) return null;
  const [byStatus, byMunicipality, compliance] = await Promise.all([
    openDossiersByStatus(db, { actor }),
    openDossiersByMunicipality(db, { actor, today }),
    contactCompliance(db, { actor, today }),
  ]);
  if (!byStatus || !byMunicipality || !compliance) return null;
  return { byStatus, byMunicipality, compliance };
}

export const AUDIT_PAGE_SIZE = 50;

export type DossierAuditEntry = AuditLogEntry;

/**
 * One page of what was recorded about a dossier, newest first, found through the
 * (subject_type, subject_id, at) index: what was done to it, and refused attempts on its number
 * or its attachments (a refused attempt on an attachment names the number it was asked under), each
 * with the downloaded document's name while it exists. Null when the dossier does not exist or the actor is not a coordinator.
 */
export async function getDossierAuditLog(
  db: Queryable,
  { actor, number, page }: { actor: UserActor; number: string; page: number },
): Promise<{
  dossier: { id: string; number: string };
  entries: DossierAuditEntry[];
  total: number;
  pages: number;
} | null> {
  if (!isCoordinator(actor) || !DOSSIER_NUMBER.test(number)) return null;
  const scope = backOfficeScope(actor);
  const [dossier] = await db
    .select({ id: dossiers.id, number: dossiers.number })
    .from(dossiers)
    .where(and(eq(dossiers.number, number), scope.dossiers));
  if (!dossier) return null;
  const about = or(
    and(eq(auditEvents.subjectType, "dossier"), eq(auditEvents.subjectId, dossier.id)),
    and(eq(auditEvents.subjectType, "dossier_number"), eq(auditEvents.subjectId, dossier.number)),
    and(
      eq(auditEvents.subjectType, "attachment"),
      or(
        inArray(
          auditEvents.subjectId,
          db
            .select({ id: sql<string>`${dossierAttachments.id}::text` })
            .from(dossierAttachments)
            .where(and(eq(dossierAttachments.dossierId, dossier.id), scope.documents)),
        ),
        sql`${auditEvents.details}->>'number' = ${dossier.number}`,
      ),
    ),
  );
  const [[counted], rows] = await Promise.all([
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(about, scope.audit)),
    selectAuditEntries(db, actor, about)
      .limit(AUDIT_PAGE_SIZE)
      .offset((page - 1) * AUDIT_PAGE_SIZE),
  ]);
  const entries = rows.map(toAuditEntry);
  const total = counted?.total ?? 0;
  return { dossier, entries, total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}
