import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { scopeFor, type Actor } from "#app/dossiers/scope.server";
import type { IsoDate } from "#app/utils/calendar-date";
import type { Queryable } from "#db/client";
import { dossiers, municipalities, municipalityRequests } from "#db/schema/index";

/**
 * A municipality's figures for one year, as the annual report and the municipality itself read
 * them: the dossiers about it (received that year, Europe/Amsterdam), how they ended, the requests
 * the ombudsman sent it that year and how it answered them (on time, late, still open, the average
 * answer time in calendar days), and the follow-ups of recommendations. Under the reader's scope:
 * staff count every dossier; an officer only those shared with their municipality (what the portal
 * shows them), never another municipality's.
 */

export type MunicipalityFigures = {
  municipalityId: string;
  municipality: string;
  dossiers: number;
  closed: number;
  outcomes: Record<string, number>;
  requests: number;
  answeredOnTime: number;
  answeredLate: number;
  open: number;
  overdue: number;
  /** Calendar days from sending to answer, over the answered requests; null when none was answered. */
  averageAnswerDays: number | null;
  followUps: number;
  followUpsAnswered: number;
};

const TZ = sql.raw(`'Europe/Amsterdam'`);

export async function municipalityFigures(
  db: Queryable,
  actor: Actor,
  { year, today }: { year: number; today: IsoDate },
): Promise<MunicipalityFigures[]> {
  const scope = scopeFor(actor);
  if (scope.kind !== "staff" && scope.kind !== "officer") return [];
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const submittedOn = sql`(${dossiers.submittedAt} AT TIME ZONE ${TZ})::date`;
  const [names, received, requests] = await Promise.all([
    db
      .select({ id: municipalities.id, name: municipalities.name })
      .from(municipalities)
      .where(
        scope.kind === "officer" && "municipalityId" in actor
          ? eq(municipalities.id, actor.municipalityId ?? "")
          : undefined,
      )
      .orderBy(asc(municipalities.name)),
    db
      .select({
        municipalityId: dossiers.municipalityId,
        outcome: dossiers.outcome,
        closed: sql<number>`(count(*) FILTER (WHERE ${dossiers.status} = 'closed'))::int`,
        count: sql<number>`count(*)::int`,
      })
      .from(dossiers)
      .where(and(scope.dossiers, sql`${submittedOn} BETWEEN ${from} AND ${to}`))
      .groupBy(dossiers.municipalityId, dossiers.outcome),
    db
      .select({
        municipalityId: municipalityRequests.municipalityId,
        requests: sql<number>`count(*)::int`,
        onTime: sql<number>`(count(*) FILTER (WHERE ${municipalityRequests.status} = 'answered' AND ${municipalityRequests.answeredOn} <= ${municipalityRequests.dueOn}))::int`,
        late: sql<number>`(count(*) FILTER (WHERE ${municipalityRequests.status} = 'answered' AND ${municipalityRequests.answeredOn} > ${municipalityRequests.dueOn}))::int`,
        open: sql<number>`(count(*) FILTER (WHERE ${municipalityRequests.status} = 'open'))::int`,
        overdue: sql<number>`(count(*) FILTER (WHERE ${municipalityRequests.status} = 'open' AND ${municipalityRequests.dueOn} < ${today}))::int`,
        averageDays: sql<string | null>`avg(${municipalityRequests.answeredOn} - ${municipalityRequests.sentOn})`,
        followUps: sql<number>`(count(*) FILTER (WHERE ${municipalityRequests.kind} = 'follow_up'))::int`,
        followUpsAnswered: sql<number>`(count(*) FILTER (WHERE ${municipalityRequests.kind} = 'follow_up' AND ${municipalityRequests.status} = 'answered'))::int`,
      })
      .from(municipalityRequests)
      .innerJoin(dossiers, eq(dossiers.id, municipalityRequests.dossierId))
      .where(
        and(
          scope.dossiers,
          eq(municipalityRequests.municipalityId, dossiers.municipalityId),
          gte(municipalityRequests.sentOn, from),
          lte(municipalityRequests.sentOn, to),
        ),
      )
      .groupBy(municipalityRequests.municipalityId),
  ]);
  return names.map(({ id, name }) => {
    const rows = received.filter((r) => r.municipalityId === id);
    const outcomes: Record<string, number> = {};
    for (const r of rows) if (r.outcome) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + r.count;
    const q = requests.find((r) => r.municipalityId === id);
    const average = q?.averageDays === null || q?.averageDays === undefined ? null : Number(q.averageDays);
    return {
      municipalityId: id,
      municipality: name,
      dossiers: rows.reduce((sum, r) => sum + r.count, 0),
      closed: rows.reduce((sum, r) => sum + r.closed, 0),
      outcomes,
      requests: q?.requests ?? 0,
      answeredOnTime: q?.onTime ?? 0,
      answeredLate: q?.late ?? 0,
      open: q?.open ?? 0,
      overdue: q?.overdue ?? 0,
      averageAnswerDays: average === null ? null : Math.round(average * 10) / 10,
      followUps: q?.followUps ?? 0,
      followUpsAnswered: q?.followUpsAnswered ?? 0,
    };
  });
}

/** The year asked for in `?jaar=`, within reason; otherwise the current one. */
export function figuresYear(url: URL, today: IsoDate): number {
  const current = Number(today.slice(0, 4));
  const asked = Number(url.searchParams.get("jaar"));
  return Number.isInteger(asked) && asked >= 2014 && asked <= current ? asked : current;
}
