import { interpolate } from "./i18n";

/** The words for a due date relative to today, as the queue, the dossier page and the digest use them. */
export type RelativeDaysWords = {
  dueToday: string;
  dueInOneDay: string;
  dueInDays: string;
  overdueOneDay: string;
  overdueDays: string;
};

/** "vandaag", "nog 1 dag", "nog 3 dagen", "1 dag te laat", "3 dagen te laat": `days` is due minus today. */
export function relativeDays(words: RelativeDaysWords, days: number): string {
  if (days === 0) return words.dueToday;
  if (days === 1) return words.dueInOneDay;
  if (days > 1) return interpolate(words.dueInDays, { days });
  if (days === -1) return words.overdueOneDay;
  return interpolate(words.overdueDays, { days: -days });
}
