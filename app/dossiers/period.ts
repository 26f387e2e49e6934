import { addDays, daysBetween, isValidIsoDate, makeDate, type IsoDate } from "#app/utils/calendar-date";

/**
 * The period a page of figures or of the audit log is about, read from its GET form: a year, a
 * quarter or two calendar dates (Europe/Amsterdam days, both inclusive). Pure: the queries turn
 * `from` and `until` (the day after `to`) into Amsterdam midnights.
 */

export const FIRST_YEAR = 2014;
/** Longer than this is not one report; a from–to choice beyond it is refused. */
export const MAX_PERIOD_DAYS = 366 * 5;

export type PeriodKind = "year" | "quarter" | "dates";
export type Period = {
  kind: PeriodKind;
  from: IsoDate;
  /** The last day, inclusive. */
  to: IsoDate;
  year: number;
  quarter: 1 | 2 | 3 | 4 | null;
};
export type PeriodProblem = "invalid_date" | "from_after_to" | "too_long" | "invalid_year";
export type PeriodChoice = { period: Period; problem: PeriodProblem | null };

const KINDS: Record<string, PeriodKind> = { jaar: "year", kwartaal: "quarter", datums: "dates" };
export const PERIOD_PARAM: Record<PeriodKind, string> = { year: "jaar", quarter: "kwartaal", dates: "datums" };

export function yearPeriod(year: number): Period {
  return { kind: "year", from: makeDate(year, 1, 1), to: makeDate(year, 12, 31), year, quarter: null };
}

export function quarterPeriod(year: number, quarter: 1 | 2 | 3 | 4): Period {
  const from = makeDate(year, quarter * 3 - 2, 1);
  const to = addDays(quarter === 4 ? makeDate(year + 1, 1, 1) : makeDate(year, quarter * 3 + 1, 1), -1);
  return { kind: "quarter", from, to, year, quarter };
}

/** The day after the period: the exclusive upper bound of its instants. */
export const periodUntil = (period: Period): IsoDate => addDays(period.to, 1);

function wholeNumber(value: string | null): number | null {
  if (value === null || !/^\d{1,4}$/.test(value.trim())) return null;
  return Number(value.trim());
}

/**
 * The period asked for; without a choice the current year. A choice that cannot be used gives
 * the current year and a problem code the page explains (the form keeps what was typed).
 */
export function parsePeriod(params: URLSearchParams, today: IsoDate): PeriodChoice {
  const current = Number(today.slice(0, 4));
  const fallback = yearPeriod(current);
  const kind = KINDS[params.get("periode") ?? ""] ?? (params.has("van") || params.has("tot") ? "dates" : "year");
  if (kind === "dates") {
    const from = (params.get("van") ?? "").trim();
    const to = (params.get("tot") ?? "").trim();
    if (!isValidIsoDate(from) || !isValidIsoDate(to)) return { period: fallback, problem: "invalid_date" };
    if (from > to) return { period: fallback, problem: "from_after_to" };
    if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS) return { period: fallback, problem: "too_long" };
    return { period: { kind, from, to, year: Number(from.slice(0, 4)), quarter: null }, problem: null };
  }
  const asked = params.has("jaar") ? wholeNumber(params.get("jaar")) : current;
  if (asked === null || asked < FIRST_YEAR || asked > current) return { period: fallback, problem: "invalid_year" };
  if (kind === "quarter") {
    const q = wholeNumber(params.get("kwartaal"));
    if (q === null || q < 1 || q > 4) return { period: yearPeriod(asked), problem: "invalid_date" };
    return { period: quarterPeriod(asked, q as 1 | 2 | 3 | 4), problem: null };
  }
  return { period: yearPeriod(asked), problem: null };
}

/** The query string that asks for this period again (for the CSV links and the pages). */
export function periodSearch(period: Period): Record<string, string> {
  if (period.kind === "dates") return { periode: "datums", van: period.from, tot: period.to };
  if (period.kind === "quarter")
    return { periode: "kwartaal", jaar: String(period.year), kwartaal: String(period.quarter) };
  return { periode: "jaar", jaar: String(period.year) };
}

/** The years that can be chosen, newest first. */
export function periodYears(today: IsoDate): number[] {
  const current = Number(today.slice(0, 4));
  return Array.from({ length: current - FIRST_YEAR + 1 }, (_, i) => current - i);
}
