import type { Locale, Messages } from "./catalogue.server";

export type { Locale, Messages };

/** Words put together without React: placeholders, counts, dates. Safe in domain, mail and server code. */

/** Replaces {name} placeholders; a missing value stays visible instead of vanishing. */
export function interpolate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.hasOwn(values, key) ? String(values[key]) : whole,
  );
}

const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
};
const weekdayDateFormats: Record<Locale, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat("nl-NL", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }),
  en: new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }),
};
const englishWeekday = new Intl.DateTimeFormat("en-GB", { weekday: "long", timeZone: "UTC" });
const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat("nl-NL", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" }),
  en: new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" }),
};

/** "1 minuut" or "{minutes} minuten": the singular message when the count is one, else the plural one filled in. */
export function countMessage(count: number, one: string, other: string, name = "count"): string {
  return count === 1 ? one : interpolate(other, { [name]: count });
}

/** A calendar date ('YYYY-MM-DD') as "14 december 2026"; the date is never shifted by a time zone. */
export function formatDate(isoDate: string, locale: Locale, withWeekday = false): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  // English: "Sunday 12 April 2026", the same shape as "Saturday {date}" in the copy (en-GB's own
  // long form puts a comma after the weekday, so one page would show two formats).
  if (withWeekday && locale === "en") return `${englishWeekday.format(d)} ${dateFormats.en.format(d)}`;
  return (withWeekday ? weekdayDateFormats : dateFormats)[locale].format(d);
}

/** An instant as Amsterdam wall-clock time. */
export function formatDateTime(instant: Date | string, locale: Locale): string {
  return dateTimeFormats[locale].format(typeof instant === "string" ? new Date(instant) : instant);
}

/** A file's size as a resident reads it: "340 KB", "2,5 MB" (never "0 KB"). */
export function formatSize(bytes: number, locale: string): string {
  const fmt = new Intl.NumberFormat(locale === "en" ? "en-GB" : "nl-NL", { maximumFractionDigits: 1 });
  return bytes >= 1048576
    ? `${fmt.format(bytes / 1048576)} MB`
    : `${fmt.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}
