import { formatDate, interpolate, type Locale, type Messages } from "#app/i18n/format";
import type { SkippedDay } from "./eligibility";

/** A skipped day, with whether the holiday table marks it as a day equated to a holiday by decree. */
export type ExplainedDay = SkippedDay & { equated?: boolean };

/**
 * "zaterdag 4 april 2026, zondag 5 april 2026 en Tweede Paasdag (6 april 2026)": the days that moved a
 * term, with the holidays' names in the page's language and an equated day explained.
 */
export function describeSkippedDays(skipped: ExplainedDay[], t: Messages["intake"]["outcome"], locale: Locale): string {
  const parts = skipped.map((d) => {
    const date = formatDate(d.day, locale);
    if (d.reason === "holiday" && d.equated)
      return interpolate(t.equatedDay, { date: formatDate(d.day, locale, true) });
    const name = d.name
      ? d.name
          .split(" / ")
          .map((n) => t.holidayNames[n] ?? n)
          .join(" / ")
      : "";
    if (d.name && d.reason === "holiday") return interpolate(t.holiday, { name, date });
    if (d.reason === "saturday") return interpolate(t.weekendSaturday, { date });
    if (d.reason === "sunday") return interpolate(t.weekendSunday, { date });
    return interpolate(t.holiday, { name, date });
  });
  if (parts.length <= 1) return parts.join("");
  return parts.slice(0, -1).join(t.listSeparator) + t.and + parts[parts.length - 1];
}
