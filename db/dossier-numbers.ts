import { sql } from "drizzle-orm";
import type { Transaction } from "./client";
import { dossierCounters } from "./schema/index";

/**
 * Dossier numbers: OMA-<year>-<sequence of five digits>, gapless per year. The year's counter row
 * is locked by the increment until the transaction ends, so two registrations never share a number
 * and a rolled-back one gives its number back. The resident's submit does the same in SQL
 * (app/intake/submit.server.ts), inside its one statement.
 */
export const DOSSIER_NUMBER = /^OMA-\d{4}-\d{5}$/;

export function formatDossierNumber(year: number, sequence: number): string {
  return `OMA-${year}-${String(sequence).padStart(5, "0")}`;
}

/** Takes the next number of `year`; call it as late in the transaction as possible (the row stays locked). */
export async function takeDossierNumber(tx: Transaction, year: number): Promise<{ number: string; sequence: number }> {
  const [counter] = await tx
    .insert(dossierCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: dossierCounters.year, set: { last: sql`${dossierCounters.last} + 1` } })
    .returning({ last: dossierCounters.last });
  if (!counter) throw new Error("dossier counter returned nothing");
  return { number: formatDossierNumber(year, counter.last), sequence: counter.last };
}
