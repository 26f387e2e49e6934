import { rollToWorkingDay, type HolidayTableInput } from "#app/intake/eligibility";
import { addDays, type IsoDate } from "#app/utils/calendar-date";
import type { ReminderKind, RequestKind } from "#db/schema/values";

/**
 * The clock of a request to a municipality, as pure rules: where it stands on a day, and which
 * reminder that day calls for. The due date itself is `requestDueOn` (./deadlines.ts).
 */

/** How many working days before the due date the first reminder goes. */
export const REMINDER_WORKING_DAYS_BEFORE = 3;
/** The extra time a municipality may ask for at once, in weeks. */
export const EXTENSION_WEEKS = [1, 2, 3, 4, 6, 8] as const;

/** The portal's answer form: up to three documents with one post, each with its own "ombudsman only" flag. */
export const ANSWER_SLOTS = ["1", "2", "3"] as const;
export type AnswerSlot = (typeof ANSWER_SLOTS)[number];

/**
 * Whether a request stays workable after its dossier closes. The follow-up of a recommendation is
 * asked with the report, which closes the dossier; it stays open until answered (Awb 9:36). Every
 * other request waits for nothing once the dossier is closed.
 */
export const outlivesClosing = (kind: RequestKind): boolean => kind === "follow_up";

export type RequestClock = { status: "open" | "answered"; dueOn: IsoDate; answeredOn: IsoDate | null };

/**
 * - `open`: waiting for the answer, the due date not passed;
 * - `overdue`: waiting, the due date passed;
 * - `answered`: answered on or before the due date;
 * - `answered_late`: answered after it.
 */
export type RequestState = "open" | "overdue" | "answered" | "answered_late";

export function requestState(request: RequestClock, today: IsoDate): RequestState {
  if (request.status === "answered") {
    return request.answeredOn !== null && request.answeredOn > request.dueOn ? "answered_late" : "answered";
  }
  return today > request.dueOn ? "overdue" : "open";
}

function isWorkingDay(day: IsoDate, holidays?: HolidayTableInput): boolean {
  return rollToWorkingDay(day, holidays).deadline === day;
}

/** The working day `count` working days before `dueOn` (the day of the first reminder). */
export function workingDaysBefore(dueOn: IsoDate, count: number, holidays?: HolidayTableInput): IsoDate {
  // A table given as an iterator can be read once: take it as a list.
  const table = holidays === undefined ? undefined : [...holidays];
  let day = dueOn;
  let left = count;
  while (left > 0) {
    day = addDays(day, -1);
    if (isWorkingDay(day, table)) left -= 1;
  }
  return day;
}

/**
 * The reminder an open request calls for on `today`, if any: `before` from a few working days
 * before the due date, `due` on it, `overdue` after it. Only the latest applies, so a job that
 * did not run for days sends no stale reminder; each goes once per due date (the caller claims it).
 */
export function reminderFor(request: RequestClock, today: IsoDate, holidays?: HolidayTableInput): ReminderKind | null {
  if (request.status !== "open") return null;
  if (today > request.dueOn) return "overdue";
  if (today === request.dueOn) return "due";
  return today >= workingDaysBefore(request.dueOn, REMINDER_WORKING_DAYS_BEFORE, holidays) ? "before" : null;
}
