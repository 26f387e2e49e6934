import { relativeDays, type RelativeDaysWords } from "#app/i18n/relative-days";

/** How far a due date is from today, in words ("nog 3 dagen", "2 dagen te laat"). */
export function RelativeDays({ days, words }: { days: number; words: RelativeDaysWords }) {
  return <>{relativeDays(words, days)}</>;
}
