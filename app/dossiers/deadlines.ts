import { addDays, amsterdamDateOf, daysBetween, type IsoDate } from "#app/utils/calendar-date";

/**
 * The 14-day first-contact promise (rules.md "The 14-day contact deadline"). It is a service
 * promise, not a statutory term, so the Atw roll-forward does not apply.
 */
export const CONTACT_TERM_DAYS = 14;

/** The submission's calendar date in Europe/Amsterdam + 14 days, whatever the server's time zone. */
export function contactDueOn(submittedAt: Date): IsoDate {
  return addDays(amsterdamDateOf(submittedAt), CONTACT_TERM_DAYS);
}

/** Calendar days from `today` to `due`: 0 on the day itself, negative when overdue. */
export function daysUntil(due: IsoDate, today: IsoDate): number {
  return daysBetween(today, due);
}

/** The handling target before any pause: the submission's calendar date plus the configured weeks. */
export function handlingTarget(submittedOn: IsoDate, weeks: number): IsoDate {
  return addDays(submittedOn, weeks * 7);
}
