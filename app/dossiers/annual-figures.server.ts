import { and, asc, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "#db/client";
import { dossierPauses, dossiers, municipalities, users, type UserRole } from "#db/schema/index";
import type { IsoDate } from "#app/utils/calendar-date";
import { wholePercent } from "./overview.server";
import { mergeHistograms, median, percentile, type HistogramBin } from "./percentiles";
import { periodUntil, type Period } from "./period";
import { backOfficeScope, type UserActor } from "./scope.server";

/**
 * The figures of a period for the annual report, per municipality or all together: dossiers
 * received (submitted in the period), the 14-day contact promise for those, and for the dossiers
 * closed in the period their outcomes and handling time against the target (median and 90th
 * percentile in Amsterdam calendar days from submission to closing, and the share closed on or
 * before the handling date). Clock pauses started in the period, and each handler's workload:
 * open now, and closed in the period. Periods are Amsterdam days; the SQL counts, the
 * percentiles come from a histogram of days (app/dossiers/percentiles.ts). Coordinator only.
 */

export const ANNUAL_FIGURES_ROLES = ["coordinator"] as const satisfies readonly UserRole[];
const isReader = (actor: UserActor) => (ANNUAL_FIGURES_ROLES as readonly UserRole[]).includes(actor.role);

const TZ = sql.raw(`'Europe/Amsterdam'`);
const isOpen = sql`${dossiers.status} <> 'closed'`;
const firstContactDay = sql`(${dossiers.firstContactAt} AT TIME ZONE ${TZ})::date`;
const closedDay = sql`(${dossiers.closedAt} AT TIME ZONE ${TZ})::date`;
const handlingDays = sql<number>`(${closedDay} - (${dossiers.submittedAt} AT TIME ZONE ${TZ})::date)`;

export type ReceivedRow = {
  municipalityId: string;
  municipality: string;
  received: number;
  inTime: number;
  late: number;
  openOverdue: number;
  notYetDue: number;
  closedWithoutContact: number;
  /** Whole percent in time of the settled ones (in time, late, open overdue). */
  contactShare: number | null;
};
export type HandlingRow = {
  municipalityId: string;
  municipality: string;
  closed: number;
  medianDays: number | null;
  p90Days: number | null;
  withinTarget: number;
  withinShare: number | null;
};
export type OutcomeRow = { outcome: string | null; count: number };
export type PauseRow = { reason: string; count: number; days: number };
export type WorkloadRow = { assigneeId: string | null; name: string | null; open: number; closed: number };

export type AnnualFigures = {
  received: ReceivedRow[];
  receivedTotal: ReceivedRow;
  outcomes: OutcomeRow[];
  handling: HandlingRow[];
  handlingTotal: HandlingRow;
  pauses: PauseRow[];
  workload: WorkloadRow[];
};

function instantsOf(column: SQL | typeof dossiers.submittedAt, period: Period): SQL {
  return sql`${column} >= (${period.from}::timestamp AT TIME ZONE ${TZ}) AND ${column} < (${periodUntil(period)}::timestamp AT TIME ZONE ${TZ})`;
}

/** The municipalities a coordinator can choose, by name. */
export async function figureMunicipalities(db: Queryable, { actor }: { actor: UserActor }) {
  if (!isReader(actor)) return null;
  return db
    .select({ id: municipalities.id, name: municipalities.name })
    .from(municipalities)
    .orderBy(asc(municipalities.name));
}

export async function getAnnualFigures(
  db: Queryable,
  {
    actor,
    period,
    municipalityId,
    today,
  }: { actor: UserActor; period: Period; municipalityId: string | null; today: IsoDate },
): Promise<AnnualFigures | null> {
  if (!isReader(actor)) return null;
  const scope = backOfficeScope(actor);
  const ofMunicipality = municipalityId ? eq(dossiers.municipalityId, municipalityId) : undefined;
  const noContact = sql`${dossiers.firstContactAt} IS NULL`;
  const closedInPeriod = and(isNotNull(dossiers.closedAt), instantsOf(sql`${dossiers.closedAt}`, period));
  const lastDay = today < period.to ? today : period.to;

  const closedWhere = and(closedInPeriod, ofMunicipality, scope.dossiers);
  const [names, received, histogram, outcomes, closedBy, pauses, open, staff] = await Promise.all([
    db
      .select({ id: municipalities.id, name: municipalities.name })
      .from(municipalities)
      .where(municipalityId ? eq(municipalities.id, municipalityId) : undefined)
      .orderBy(asc(municipalities.name)),
    db
      .select({
        municipalityId: dossiers.municipalityId,
        received: sql<number>`count(*)::int`,
        inTime: sql<number>`(count(*) FILTER (WHERE ${firstContactDay} <= ${dossiers.contactDueOn}))::int`,
        late: sql<number>`(count(*) FILTER (WHERE ${firstContactDay} > ${dossiers.contactDueOn}))::int`,
        openOverdue: sql<number>`(count(*) FILTER (WHERE ${noContact} AND ${isOpen} AND ${dossiers.contactDueOn} < ${today}))::int`,
        notYetDue: sql<number>`(count(*) FILTER (WHERE ${noContact} AND ${isOpen} AND ${dossiers.contactDueOn} >= ${today}))::int`,
        closedWithoutContact: sql<number>`(count(*) FILTER (WHERE ${noContact} AND NOT ${isOpen}))::int`,
      })
      .from(dossiers)
      .where(and(instantsOf(dossiers.submittedAt, period), ofMunicipality, scope.dossiers))
      .groupBy(dossiers.municipalityId),
    // The closed dossiers three ways, in parallel, each a hash aggregate over the same index-only
    // scan (one pass with GROUPING SETS sorts, and a year's sort spills to disk: twice as slow).
    db
      .select({
        municipalityId: dossiers.municipalityId,
        days: handlingDays,
        count: sql<number>`count(*)::int`,
        within: sql<number>`(count(*) FILTER (WHERE ${closedDay} <= ${dossiers.handlingDueOn}))::int`,
      })
      .from(dossiers)
      .where(closedWhere)
      .groupBy(dossiers.municipalityId, handlingDays),
    db
      .select({ outcome: dossiers.outcome, count: sql<number>`count(*)::int` })
      .from(dossiers)
      .where(closedWhere)
      .groupBy(dossiers.outcome),
    db
      .select({ assigneeId: dossiers.assigneeId, count: sql<number>`count(*)::int` })
      .from(dossiers)
      .where(closedWhere)
      .groupBy(dossiers.assigneeId),
    db
      .select({
        reason: dossierPauses.reason,
        count: sql<number>`count(*)::int`,
        // A running pause counts up to today, or to the period's last day for a past period.
        days: sql<number>`coalesce(sum(least(coalesce(${dossierPauses.endedOn}, ${lastDay}::date), ${period.to}::date) - ${dossierPauses.startedOn}), 0)::int`,
      })
      .from(dossierPauses)
      .innerJoin(dossiers, eq(dossiers.id, dossierPauses.dossierId))
      .where(
        and(
          sql`${dossierPauses.startedOn} BETWEEN ${period.from} AND ${period.to}`,
          ofMunicipality,
          scope.dossiers,
          scope.worksheet(dossierPauses.dossierId),
        ),
      )
      .groupBy(dossierPauses.reason),
    db
      .select({ assigneeId: dossiers.assigneeId, count: sql<number>`count(*)::int` })
      .from(dossiers)
      .where(and(isOpen, ofMunicipality, scope.dossiers))
      .groupBy(dossiers.assigneeId),
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(sql`${users.role} IN ('case_handler', 'coordinator')`),
  ]);

  const receivedRows = names.map(({ id, name }) =>
    receivedRow(
      id,
      name,
      received.filter((r) => r.municipalityId === id),
    ),
  );
  const histograms = new Map<string, { bins: HistogramBin[]; within: number }>();
  for (const r of histogram) {
    const entry = histograms.get(r.municipalityId) ?? { bins: [], within: 0 };
    entry.bins.push({ days: Number(r.days), count: r.count });
    entry.within += r.within;
    histograms.set(r.municipalityId, entry);
  }
  const handling = names.map(({ id, name }) => handlingRow(id, name, histograms.get(id) ?? { bins: [], within: 0 }));
  const all = [...histograms.values()];
  const handlingTotal = handlingRow("", "", {
    bins: mergeHistograms(...all.map((h) => h.bins)),
    within: all.reduce((sum, h) => sum + h.within, 0),
  });

  const staffName = new Map(staff.map((u) => [u.id, u.name]));
  const workload = new Map<string | null, WorkloadRow>();
  const row = (id: string | null) => {
    const found = workload.get(id) ?? {
      assigneeId: id,
      name: id ? (staffName.get(id) ?? null) : null,
      open: 0,
      closed: 0,
    };
    workload.set(id, found);
    return found;
  };
  for (const r of open) row(r.assigneeId).open += r.count;
  for (const r of closedBy) row(r.assigneeId).closed += r.count;

  return {
    received: receivedRows,
    receivedTotal: receivedRow("", "", received),
    outcomes: outcomes.sort((a, b) => b.count - a.count || String(a.outcome).localeCompare(String(b.outcome))),
    handling,
    handlingTotal,
    pauses: pauses.sort((a, b) => a.reason.localeCompare(b.reason)),
    // Unassigned last; the others by name.
    workload: [...workload.values()].sort((a, b) =>
      a.assigneeId === null ? 1 : b.assigneeId === null ? -1 : (a.name ?? "").localeCompare(b.name ?? ""),
    ),
  };
}

type Counts = Omit<ReceivedRow, "municipalityId" | "municipality" | "contactShare">;

function receivedRow(municipalityId: string, municipality: string, rows: Counts[]): ReceivedRow {
  const sum = (key: keyof Counts) => rows.reduce((total, r) => total + r[key], 0);
  const counts = {
    received: sum("received"),
    inTime: sum("inTime"),
    late: sum("late"),
    openOverdue: sum("openOverdue"),
    notYetDue: sum("notYetDue"),
    closedWithoutContact: sum("closedWithoutContact"),
  };
  return {
    municipalityId,
    municipality,
    ...counts,
    contactShare: wholePercent(counts.inTime, counts.inTime + counts.late + counts.openOverdue),
  };
}

function handlingRow(
  municipalityId: string,
  municipality: string,
  { bins, within }: { bins: HistogramBin[]; within: number },
): HandlingRow {
  const closed = bins.reduce((sum, b) => sum + b.count, 0);
  return {
    municipalityId,
    municipality,
    closed,
    medianDays: median(bins),
    p90Days: percentile(bins, 0.9),
    withinTarget: within,
    withinShare: wholePercent(within, closed),
  };
}
