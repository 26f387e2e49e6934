import { sql, type SQL } from "drizzle-orm";
import type { Transaction } from "./client";
import { q, raw, rowsOf, toSql, type Fragment } from "./raw-sql";
import { dossierCounters } from "./schema/index";

/**
 * Dossier numbers: OMA-<year>-<sequence of five digits>, gapless per year. The year's counter row
 * is locked by the increment until the transaction ends, so two registrations never share a number
 * and a rolled-back one gives its number back. The format and the allocation live here only: in
 * JavaScript (`formatDossierNumber`) and as SQL steps of a larger statement (`takeDossierNumberStep`,
 * `dossierNumberOf`).
 */
export const DOSSIER_NUMBER = /^OMA-\d{4}-\d{5}$/;
const PREFIX = "OMA-";
const DIGITS = 5;

export function formatDossierNumber(year: number, sequence: number): string {
  return `${PREFIX}${year}-${String(sequence).padStart(DIGITS, "0")}`;
}

/**
 * Takes the next number of `year` once per row of `from` (a FROM clause, empty for one row), as
 * `INSERT … RETURNING year, last` for a common table expression. The counter row stays locked
 * until the commit: take the number as late in the transaction as possible.
 */
export function takeDossierNumberStep(year: number, from: Fragment): Fragment {
  const c = dossierCounters;
  return q`INSERT INTO ${c} (${c.year}, ${c.last}) SELECT ${year}::int, 1 ${from}
      ON CONFLICT (${c.year}) DO UPDATE SET ${c.last} = ${c}.${c.last} + 1
      RETURNING ${c.year}, ${c.last}`;
}

/** The number in SQL, from the `year` and `last` columns of the step's result named `counter`. */
export function dossierNumberOf(counter: string): Fragment {
  const c = dossierCounters;
  return q`${raw(`'${PREFIX}'`)} || ${raw(counter)}.${c.year} || '-' || lpad(${raw(counter)}.${c.last}::text, ${raw(String(DIGITS))}, '0')`;
}

/** Every number with this sequence, one per year that gave out numbers (for a search by sequence). */
export function numbersWithSequence(sequence: number): SQL {
  const c = dossierCounters;
  return sql`ARRAY(SELECT ${PREFIX}::text || ${c.year} || '-' || ${String(sequence).padStart(DIGITS, "0")}::text FROM ${c})`;
}

/** Takes the next number of `year` on its own; registrations take theirs inside their one statement. */
export async function takeDossierNumber(tx: Transaction, year: number): Promise<{ number: string; sequence: number }> {
  const rows = rowsOf<{ number: string; last: number }>(
    await tx.execute(
      toSql(
        q`WITH counter AS (${takeDossierNumberStep(year, raw(""))}) SELECT ${dossierNumberOf("counter")} AS number, last FROM counter`,
      ),
    ),
  );
  const counter = rows[0];
  if (!counter) throw new Error("dossier counter returned nothing");
  return { number: counter.number, sequence: Number(counter.last) };
}
