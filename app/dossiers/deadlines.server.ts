import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { IsoDate } from "#app/utils/calendar-date";

/**
 * `pauseDays` (deadlines.ts) as a SQL expression, for statements that move many dossiers at once.
 * `coalesce(ended, today) - started` is the TypeScript rule's `ended ?? max(today, started)` once
 * `greatest(0, …)` is taken. deadlines.server.test.ts runs both over the same pauses.
 */
export function pauseDaysSql(
  pause: { startedOn: AnyColumn | SQL; endedOn: AnyColumn | SQL },
  today: IsoDate,
): SQL<number> {
  return sql<number>`greatest(0, coalesce(${pause.endedOn}, ${today}::date) - ${pause.startedOn})`;
}
