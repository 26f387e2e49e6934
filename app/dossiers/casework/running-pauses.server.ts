import { and, eq, exists, isNull, ne, sql } from "drizzle-orm";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import type { Services } from "#app/utils/services.server";
import { dossierPauses, dossiers } from "#db/schema/index";
import { pauseDaysSql } from "../deadlines.server";

/**
 * While a pause runs the handling target moves a day each day; the queue and the digest read the
 * stored target, so housekeeping brings every running pause's dossier up to date in one statement
 * (the sum of `pausedHandlingTarget`, from the SQL twin of `pauseDays`). Returns how many moved.
 */
export async function refreshRunningPauses(services: Pick<Services, "db" | "env" | "now">): Promise<number> {
  const { db, env } = services;
  const today = amsterdamDateOf(services.now());
  const pausedDays = db
    .select({ days: sql<number>`coalesce(sum(${pauseDaysSql(dossierPauses, today)}), 0)::int` })
    .from(dossierPauses)
    .where(eq(dossierPauses.dossierId, dossiers.id));
  const running = db
    .select({ one: sql`1` })
    .from(dossierPauses)
    .where(and(eq(dossierPauses.dossierId, dossiers.id), isNull(dossierPauses.endedOn)));
  const updated = await db
    .update(dossiers)
    .set({
      handlingDueOn: sql`(${dossiers.submittedAt} AT TIME ZONE 'Europe/Amsterdam')::date + ${
        env.handlingTargetWeeks * 7
      }::int + (${pausedDays})`,
    })
    .where(and(ne(dossiers.status, "closed"), exists(running)))
    .returning({ id: dossiers.id });
  return updated.length;
}
