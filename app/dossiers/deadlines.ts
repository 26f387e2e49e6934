import { rollToWorkingDay, type HandlingDeadlineExplanation, type HolidayTableInput } from "#app/intake/eligibility";
import { addDays, amsterdamDateOf, daysBetween, isValidIsoDate, type IsoDate } from "#app/utils/calendar-date";

/**
 * The 14-day first-contact promise: the ombudsman contacts the resident within 14 days. It is
 * a service promise, not a statutory term, so the Atw roll-forward does not apply.
 */
export const CONTACT_TERM_DAYS = 14;

/** The submission's calendar date in Europe/Amsterdam + 14 days, whatever the server's time zone. */
export function contactDueOn(submittedAt: Date): IsoDate {
  return addDays(amsterdamDateOf(submittedAt), CONTACT_TERM_DAYS);
}

/** The term the ombudsman gives for an answer (Awb 9:31(1): "binnen een door hem te bepalen termijn"). */
export type RequestTerm = { weeks: number } | { days: number };

/**
 * An information request's due date with its explanation: the day it was sent plus the term,
 * moved past Saturdays, Sundays and holidays to the next working day (Algemene termijnenwet
 * art. 1, the same rule and default holiday table as the intake's handling term). `skipped` lists
 * each day the due date moved past, and why, so both sides can be told. Throws RangeError on a
 * date that is not a calendar date or a term that is not a whole number of at least one.
 */
export function explainRequestDueOn(
  sentOn: IsoDate,
  term: RequestTerm,
  holidays?: HolidayTableInput,
): HandlingDeadlineExplanation {
  if (!isValidIsoDate(sentOn)) throw new RangeError(`Not a calendar date: ${sentOn}`);
  const days = "weeks" in term ? term.weeks * 7 : term.days;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`Not a term: ${JSON.stringify(term)}`);
  return rollToWorkingDay(addDays(sentOn, days), holidays);
}

/** An information request's due date (see {@link explainRequestDueOn}). */
export function requestDueOn(sentOn: IsoDate, term: RequestTerm, holidays?: HolidayTableInput): IsoDate {
  return explainRequestDueOn(sentOn, term, holidays).deadline;
}

/** Calendar days from `today` to `due`: 0 on the day itself, negative when overdue. */
export function daysUntil(due: IsoDate, today: IsoDate): number {
  return daysBetween(today, due);
}

/** The handling target before any pause: the submission's calendar date plus the configured weeks. */
export function handlingTarget(submittedOn: IsoDate, weeks: number): IsoDate {
  return addDays(submittedOn, weeks * 7);
}

export type ClockPause = { startedOn: IsoDate; endedOn: IsoDate | null };

/**
 * The days one pause stopped the clock: from its first day up to the day it ended, or up to today
 * while it runs; never negative (a pause that starts later today or in the future counts 0).
 * The SQL twin, for housekeeping in one statement, is `pauseDaysSql` in deadlines.server.ts.
 */
export function pauseDays(pause: ClockPause, today: IsoDate): number {
  return Math.max(
    0,
    daysBetween(pause.startedOn, pause.endedOn ?? (today > pause.startedOn ? today : pause.startedOn)),
  );
}

/**
 * The handling target moved by every day the clock stood still (MOJ's stop-the-clock): a
 * pause from 3 to 10 March moves the target by 7 days; a pause still running counts up to
 * today, so the target moves on each day it lasts.
 */
export function pausedHandlingTarget(
  submittedOn: IsoDate,
  weeks: number,
  pauses: readonly ClockPause[],
  today: IsoDate,
): { base: IsoDate; pausedDays: number; target: IsoDate } {
  const base = handlingTarget(submittedOn, weeks);
  const pausedDays = pauses.reduce((sum, p) => sum + pauseDays(p, today), 0);
  return { base, pausedDays, target: addDays(base, pausedDays) };
}
