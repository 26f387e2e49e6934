import { rollToWorkingDay, type HolidayTableInput, type SkippedDay } from "#app/intake/eligibility";
import type { IsoDate } from "#app/utils/calendar-date";

/**
 * Recalculating due dates after the holiday table changed. Only dates that roll to a working day
 * under the Algemene termijnenwet depend on the table: the due dates of requests to a
 * municipality and of questions to the resident (sent date + term, or the date a granted
 * extension gave, both kept as `nominalDueOn`). The dossier's 14-day contact promise and its
 * handling target do not roll (domain rules: a service promise, no roll-forward), so a holiday
 * change never moves them.
 */

export type DueDateSubject = "request" | "question";

/** One open due date: the day before the roll (`nominalDueOn`) and the day it is due now. */
export type DueDateFact = {
  subject: DueDateSubject;
  id: string;
  dossierId: string;
  nominalDueOn: IsoDate;
  dueOn: IsoDate;
};

export type DueDateMove = { fact: DueDateFact; from: IsoDate; to: IsoDate; skipped: SkippedDay[] };

export type Recalculation = {
  moved: DueDateMove[];
  /** Dates that do not follow from their nominal date under the old table (set by hand): left as they are. */
  leftAlone: DueDateFact[];
};

/**
 * What a change of the holiday table moves: each fact whose due date was the roll of its nominal
 * date under `before` is rolled again under `after`; those that land elsewhere move. Idempotent:
 * run on facts already moved (before = after, or a second time) it moves nothing.
 */
export function recalculateDueDates(
  facts: readonly DueDateFact[],
  before: HolidayTableInput,
  after: HolidayTableInput,
): Recalculation {
  const oldTable = [...before];
  const newTable = [...after];
  const moved: DueDateMove[] = [];
  const leftAlone: DueDateFact[] = [];
  for (const fact of facts) {
    const was = rollToWorkingDay(fact.nominalDueOn, oldTable).deadline;
    const now = rollToWorkingDay(fact.nominalDueOn, newTable);
    if (was !== fact.dueOn) {
      // Already the new date (the change was applied before): nothing to do, nothing to flag.
      if (now.deadline !== fact.dueOn) leftAlone.push(fact);
      continue;
    }
    if (now.deadline !== fact.dueOn) moved.push({ fact, from: fact.dueOn, to: now.deadline, skipped: now.skipped });
  }
  return { moved, leftAlone };
}

/**
 * Whether adding or removing `day` can move the fact's due date: only when the roll from its
 * nominal date reaches that day. The database selects the candidates with the same condition
 * (`nominal_due_on <= day AND due_on >= day`), so a change reads a handful of rows, not every open one.
 */
export function mayMove(fact: Pick<DueDateFact, "nominalDueOn" | "dueOn">, day: IsoDate): boolean {
  return fact.nominalDueOn <= day && fact.dueOn >= day;
}

export type HolidayEdit = { change: "added" | "removed"; day: IsoDate; name: string };
export type HolidayEditCode = "exists" | "absent";

/** The table after the edit, or why the edit is no change (the day is already there, or was not). */
export function editHolidayTable<H extends { day: IsoDate; name: string }>(
  table: readonly H[],
  edit: HolidayEdit,
  make: (edit: HolidayEdit) => H,
): { ok: true; table: H[] } | { ok: false; code: HolidayEditCode } {
  const present = table.some((h) => h.day === edit.day);
  if (edit.change === "added") {
    if (present) return { ok: false, code: "exists" };
    return { ok: true, table: [...table, make(edit)].sort((a, b) => a.day.localeCompare(b.day)) };
  }
  if (!present) return { ok: false, code: "absent" };
  return { ok: true, table: table.filter((h) => h.day !== edit.day) };
}
