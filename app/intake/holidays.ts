import { addDays, makeDate, type IsoDate } from "#app/utils/calendar-date";

/**
 * The days on which a statutory term cannot end: Algemene termijnenwet art. 3 plus the
 * days equated to them by decree. 5 May counts every year (unlike generic holiday
 * libraries, which count it only every five years).
 */

export type Holiday = { day: IsoDate; name: string; kind: "statutory" | "equated"; source: string };

const ATW = "Algemene termijnenwet art. 3";

export const EQUATED_DAYS: readonly Holiday[] = [
  "2023-04-28",
  "2023-05-19",
  "2024-05-10",
  "2024-12-27",
  "2025-05-30",
  "2026-01-02",
  "2026-05-15",
  "2027-05-07",
  "2028-04-28",
  "2028-05-26",
].map((day) => ({ day, name: "Gelijkgestelde dag", kind: "equated", source: "Besluit gelijkgestelde dagen" }));

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeDate(year, month, day);
}

export function statutoryHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const kingsDay = makeDate(year, 4, 27);
  // King's Day moves to the 26th when the 27th is a Sunday.
  const kingsDayObserved = new Date(`${kingsDay}T00:00:00Z`).getUTCDay() === 0 ? makeDate(year, 4, 26) : kingsDay;
  const entries: [IsoDate, string][] = [
    [makeDate(year, 1, 1), "Nieuwjaarsdag"],
    [addDays(easter, -2), "Goede Vrijdag"],
    [addDays(easter, 1), "Tweede Paasdag"],
    [kingsDayObserved, "Koningsdag"],
    [makeDate(year, 5, 5), "Bevrijdingsdag"],
    [addDays(easter, 39), "Hemelvaartsdag"],
    [addDays(easter, 50), "Tweede Pinksterdag"],
    [makeDate(year, 12, 25), "Eerste Kerstdag"],
    [makeDate(year, 12, 26), "Tweede Kerstdag"],
  ];
  return entries.map(([day, name]) => ({ day, name, kind: "statutory", source: ATW }));
}

/** The built-in table for a range of years: computed statutory days plus the equated days in range. */
export function holidayTable(fromYear: number, toYear: number): Holiday[] {
  const all: Holiday[] = [];
  for (let y = fromYear; y <= toYear; y++) all.push(...statutoryHolidays(y));
  all.push(...EQUATED_DAYS.filter((h) => Number(h.day.slice(0, 4)) >= fromYear && Number(h.day.slice(0, 4)) <= toYear));
  return all.sort((a, b) => a.day.localeCompare(b.day));
}
