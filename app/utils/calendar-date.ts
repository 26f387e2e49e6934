/**
 * Calendar dates as 'YYYY-MM-DD' strings. Arithmetic runs on UTC midnights, so the
 * server's own time zone never shifts a date; "today" is always taken in Europe/Amsterdam.
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isValidIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function toUtc(date: IsoDate): Date {
  if (!isValidIsoDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
  return new Date(`${date}T00:00:00Z`);
}

function fromUtc(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

export function makeDate(year: number, month: number, day: number): IsoDate {
  return fromUtc(new Date(Date.UTC(year, month - 1, day)));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(new Date(toUtc(date).getTime() + days * DAY_MS));
}

/** Same day one or more years later; 29 February becomes 28 February in a common year. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const d = toUtc(date);
  const y = d.getUTCFullYear() + years;
  const m = d.getUTCMonth();
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay))));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return toUtc(date).getUTCDay();
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / DAY_MS);
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

const amsterdamDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Amsterdam",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

const HOUR_MS = 3_600_000;
/** Since 1977 Amsterdam's offset is a whole hour and changes on a whole UTC hour, so its date does too. */
const WHOLE_HOURS_SINCE = Date.UTC(1977, 0, 1);
let lastHour = Number.NaN;
let lastDate: IsoDate = "";

/**
 * The calendar date in Amsterdam at the given instant. Intl's time-zone formatting is slow for
 * something asked several times per request, so the last answer is kept for its UTC hour: within
 * one, the date in Amsterdam cannot change.
 */
export function amsterdamDateOf(instant: Date): IsoDate {
  const ms = instant.getTime();
  if (!(ms >= WHOLE_HOURS_SINCE)) return amsterdamDate.format(instant);
  const hour = Math.floor(ms / HOUR_MS);
  if (hour !== lastHour) {
    lastDate = amsterdamDate.format(instant);
    lastHour = hour;
  }
  return lastDate;
}

/** Saturday or Sunday: days on which a statutory term cannot end (Atw art. 1). */
export function isWeekend(date: IsoDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}
