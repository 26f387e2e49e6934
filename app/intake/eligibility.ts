import {
  addDays,
  addYears,
  dayOfWeek,
  isValidIsoDate,
  isWeekend,
  yearOf,
  type IsoDate,
} from "#app/utils/calendar-date";
import { EQUATED_DAYS, statutoryHolidays } from "./holidays";

/**
 * The first-line check: may a resident bring a complaint about a
 * municipality to the ombudsman yet, still, or not at all. Pure: "today" is an input.
 *
 * Decisions where the law leaves room (see also the tests):
 * - A missing receipt date when the resident did complain first is an input error (`required`),
 *   not an outcome: without it no term can be computed.
 * - Empty strings count as "not given" for the optional dates (answeredOn, postponedUntil), as a
 *   form posts them; for the required dates they give `required`.
 * - `handlingDeadline` is returned whenever the receipt date is a usable date and the weeks are
 *   valid, also when the outcome is `invalid` because of another field. When the postponement is
 *   the field in error, it is the computed term (the postponement is not used).
 * - "The computed term" a postponement must come after is the term after the roll-forward.
 * - Dates are accepted from 1900 to 2999; outside that they are `invalid_date`. The range is far
 *   wider than any real case and keeps every derived date (term, window) a valid 'YYYY-MM-DD'.
 */

/** A holiday table entry: a bare 'YYYY-MM-DD' or a `Holiday` from ./holidays (any object with `day`; its `name` explains a skip). */
export type HolidayEntry = IsoDate | { day: IsoDate; name?: string };
export type HolidayTableInput = Iterable<HolidayEntry>;

export type SkippedDay = { day: IsoDate; reason: "saturday" | "sunday" | "holiday"; name?: string };

/**
 * How the handling term was found: `nominal` is receipt + 7 × weeks; `skipped` lists every day from
 * `nominal` up to (not including) `deadline`, in order, each a weekend day or a holiday.
 */
export type HandlingDeadlineExplanation = { nominal: IsoDate; deadline: IsoDate; skipped: SkippedDay[] };

export type EligibilityField =
  "complainedToMunicipality" | "complaintReceivedOn" | "answeredOn" | "postponedUntil" | "handlingWeeks" | "today";

/**
 * - `required`: a needed value is missing (complainedToMunicipality not a boolean, no receipt date, no today).
 * - `invalid_date`: not a 'YYYY-MM-DD' calendar date between 1900-01-01 and 2999-12-31.
 * - `in_future`: the receipt or the answer lies after today.
 * - `before_receipt`: the answer lies before the receipt.
 * - `not_after_term`: the postponement date is on or before the computed (rolled-forward) term.
 * - `invalid_weeks`: handlingWeeks is not a whole number from 1 to 52.
 */
export const ELIGIBILITY_ERROR_CODES = [
  "required",
  "invalid_date",
  "in_future",
  "before_receipt",
  "not_after_term",
  "invalid_weeks",
] as const;
export type EligibilityErrorCode = (typeof ELIGIBILITY_ERROR_CODES)[number];
export type EligibilityError = { field: EligibilityField; code: EligibilityErrorCode };

export type EligibilityInput = {
  complainedToMunicipality: boolean;
  complaintReceivedOn?: string;
  answeredOn?: string | null;
  postponedUntil?: string | null;
  handlingWeeks?: number;
  today: string;
};

export type EligibilityOutcome = "eligible" | "too_early" | "window_expired" | "first_line_required" | "invalid";
export type EligibilityGround = "answered" | "no_timely_answer";

export type EligibilityResult = {
  outcome: EligibilityOutcome;
  ground?: EligibilityGround;
  handlingDeadline?: IsoDate;
  eligibleFrom?: IsoDate;
  windowEndsOn?: IsoDate;
  errors?: EligibilityError[];
};

/** Awb 9:11(1): six weeks, ten when the municipality uses an advisory committee (Awb 9:14). */
export const DEFAULT_HANDLING_WEEKS = 6;
const MAX_HANDLING_WEEKS = 52;
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

/** Holiday names per day, or undefined when the day is not a holiday. */
type HolidayLookup = (day: IsoDate) => readonly string[] | undefined;

const builtInByYear = new Map<number, Map<IsoDate, string[]>>();

function addName(map: Map<IsoDate, string[]>, day: IsoDate, name: string | undefined): void {
  const names = map.get(day) ?? [];
  if (name && !names.includes(name)) names.push(name);
  map.set(day, names);
}

/** The built-in holiday table: the Algemene termijnenwet art. 3 days computed for any year, plus the equated days. */
const builtInLookup: HolidayLookup = (day) => {
  const year = yearOf(day);
  let table = builtInByYear.get(year);
  if (!table) {
    table = new Map();
    for (const h of statutoryHolidays(year)) addName(table, h.day, h.name);
    for (const h of EQUATED_DAYS) if (yearOf(h.day) === year) addName(table, h.day, h.name);
    builtInByYear.set(year, table);
  }
  return table.get(day);
};

/** Lookups built per holiday table: the app passes the same cached table to every deadline it computes. */
const lookups = new WeakMap<object, HolidayLookup>();

/** A holiday table is read as it is when first used: make a new one rather than change it. */
function lookupFor(holidays: HolidayTableInput | undefined): HolidayLookup {
  if (holidays == null) return builtInLookup;
  const known = lookups.get(holidays);
  if (known) return known;
  const lookup = buildLookup(holidays);
  lookups.set(holidays, lookup);
  return lookup;
}

function buildLookup(holidays: HolidayTableInput): HolidayLookup {
  const table = new Map<IsoDate, string[]>();
  for (const entry of holidays as Iterable<unknown>) {
    if (typeof entry === "string") addName(table, entry, undefined);
    else if (entry !== null && typeof entry === "object" && "day" in entry && typeof entry.day === "string") {
      const name = "name" in entry && typeof entry.name === "string" ? entry.name : undefined;
      addName(table, entry.day, name);
    }
  }
  return (day) => table.get(day);
}

function rollForward(nominal: IsoDate, isHoliday: HolidayLookup): HandlingDeadlineExplanation {
  const skipped: SkippedDay[] = [];
  let day = nominal;
  for (;;) {
    const names = isHoliday(day);
    if (!isWeekend(day) && names === undefined) break;
    const dow = dayOfWeek(day);
    const reason = dow === 6 ? "saturday" : dow === 0 ? "sunday" : "holiday";
    // A holiday on a weekend day keeps the weekend as reason, but still carries its name.
    const name = names && names.length > 0 ? names.join(" / ") : undefined;
    skipped.push(name === undefined ? { day, reason } : { day, reason, name });
    day = addDays(day, 1);
  }
  return { nominal, deadline: day, skipped };
}

/**
 * `nominal` itself when it is a working day, else the first working day after it (Algemene
 * termijnenwet art. 1: a term that ends on a Saturday, Sunday or holiday of art. 3 ends on the
 * next working day), with every day skipped and why. `holidays`, when given, replaces the built-in table.
 */
export function rollToWorkingDay(nominal: IsoDate, holidays?: HolidayTableInput): HandlingDeadlineExplanation {
  if (!isValidIsoDate(nominal)) throw new RangeError(`Not a calendar date: ${nominal}`);
  return rollForward(nominal, lookupFor(holidays));
}

/**
 * The municipality's handling term (Awb 9:11(1)): receipt + 7 × weeks days, moved past Saturdays,
 * Sundays and holidays (Atw art. 1). `holidays`, when given, replaces the built-in table.
 * Throws RangeError on a receipt date that is not a calendar date or weeks that are not a positive
 * whole number; `assessEligibility` validates before calling.
 */
export function computeHandlingDeadline(
  receivedOn: IsoDate,
  weeks: number,
  holidays?: HolidayTableInput,
): HandlingDeadlineExplanation {
  if (!isValidIsoDate(receivedOn)) throw new RangeError(`Not a calendar date: ${receivedOn}`);
  if (!Number.isInteger(weeks) || weeks < 1) throw new RangeError(`Not a number of weeks: ${weeks}`);
  return rollForward(addDays(receivedOn, 7 * weeks), lookupFor(holidays));
}

type DateCheck = { ok: true; value: IsoDate } | { ok: false; code: EligibilityErrorCode | null };

/** A usable date, or the error code; `null` code means "not given" (fine for optional fields). */
function checkDate(value: unknown): DateCheck {
  if (value === undefined || value === null || value === "") return { ok: false, code: null };
  if (typeof value !== "string" || !isValidIsoDate(value)) return { ok: false, code: "invalid_date" };
  const year = yearOf(value);
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, code: "invalid_date" };
  return { ok: true, value };
}

/** Assess eligibility (Awb 9:20 first complaint, 9:11 handling term, 9:24 one-year window). Never throws: bad input is `invalid`. */
export function assessEligibility(input: EligibilityInput, holidays?: HolidayTableInput): EligibilityResult {
  const raw: Partial<Record<keyof EligibilityInput, unknown>> =
    input !== null && typeof input === "object" ? input : {};

  // Rule 1 (Awb 9:20(1)): without a first-line complaint nothing else matters.
  if (raw.complainedToMunicipality === false) return { outcome: "first_line_required" };
  if (raw.complainedToMunicipality !== true) {
    return { outcome: "invalid", errors: [{ field: "complainedToMunicipality", code: "required" }] };
  }

  const errors: EligibilityError[] = [];
  const required = (field: EligibilityField): IsoDate | undefined => {
    const c = checkDate(raw[field]);
    if (c.ok) return c.value;
    errors.push({ field, code: c.code ?? "required" });
    return undefined;
  };
  const optional = (field: EligibilityField): IsoDate | undefined => {
    const c = checkDate(raw[field]);
    if (c.ok) return c.value;
    if (c.code !== null) errors.push({ field, code: c.code });
    return undefined;
  };

  const receivedOn = required("complaintReceivedOn");
  const answeredOn = optional("answeredOn");
  const postponedUntil = optional("postponedUntil");
  const today = required("today");

  const weeksRaw = raw.handlingWeeks ?? DEFAULT_HANDLING_WEEKS;
  const weeks =
    typeof weeksRaw === "number" && Number.isInteger(weeksRaw) && weeksRaw >= 1 && weeksRaw <= MAX_HANDLING_WEEKS
      ? weeksRaw
      : undefined;
  if (weeks === undefined) errors.push({ field: "handlingWeeks", code: "invalid_weeks" });

  // Rule 6: impossible dates.
  if (receivedOn && today && receivedOn > today) errors.push({ field: "complaintReceivedOn", code: "in_future" });
  if (answeredOn && receivedOn && answeredOn < receivedOn) errors.push({ field: "answeredOn", code: "before_receipt" });
  if (answeredOn && today && answeredOn > today) errors.push({ field: "answeredOn", code: "in_future" });

  let handlingDeadline: IsoDate | undefined;
  if (receivedOn && weeks !== undefined) {
    const term = computeHandlingDeadline(receivedOn, weeks, holidays).deadline;
    handlingDeadline = term;
    if (postponedUntil) {
      // Awb 9:11(2): the announced date replaces the term as given; Atw art. 1 moves only computed terms.
      if (postponedUntil <= term) errors.push({ field: "postponedUntil", code: "not_after_term" });
      else handlingDeadline = postponedUntil;
    }
  }

  if (errors.length > 0 || !handlingDeadline || !today) {
    return handlingDeadline ? { outcome: "invalid", handlingDeadline, errors } : { outcome: "invalid", errors };
  }

  // Rule 5 (Awb 9:24(1)): one calendar year, no roll-forward (Atw art. 4 excludes such terms).
  if (answeredOn) {
    const windowEndsOn = addYears(answeredOn, 1);
    return {
      outcome: today > windowEndsOn ? "window_expired" : "eligible",
      ground: "answered",
      handlingDeadline,
      windowEndsOn,
    };
  }

  const eligibleFrom = addDays(handlingDeadline, 1);
  if (today <= handlingDeadline) return { outcome: "too_early", handlingDeadline, eligibleFrom };

  const windowEndsOn = addYears(handlingDeadline, 1);
  return {
    outcome: today > windowEndsOn ? "window_expired" : "eligible",
    ground: "no_timely_answer",
    handlingDeadline,
    eligibleFrom,
    windowEndsOn,
  };
}
