/**
 * Percentiles of whole-day durations given as a histogram (how many dossiers took each number of
 * days), as the database returns them: a few hundred rows instead of one per dossier. Linear
 * interpolation between the two nearest ranks, as PostgreSQL's percentile_cont and Excel's
 * PERCENTILE.INC do, so the annual report's median can be checked in a spreadsheet. Pure.
 */

export type HistogramBin = { days: number; count: number };

/** The value at `p` (0–1) of the durations, rounded to one decimal; null without any. */
export function percentile(bins: readonly HistogramBin[], p: number): number | null {
  if (p < 0 || p > 1 || !Number.isFinite(p)) throw new RangeError(`percentile out of range: ${p}`);
  const sorted = bins.filter((b) => b.count > 0).sort((a, b) => a.days - b.days);
  const total = sorted.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return null;
  const position = (total - 1) * p;
  const lower = valueAtRank(sorted, Math.floor(position));
  const upper = valueAtRank(sorted, Math.ceil(position));
  return Math.round((lower + (upper - lower) * (position - Math.floor(position))) * 10) / 10;
}

/** The duration of the `rank`-th (0-based) dossier in order of duration. */
function valueAtRank(sorted: readonly HistogramBin[], rank: number): number {
  let seen = 0;
  for (const bin of sorted) {
    seen += bin.count;
    if (rank < seen) return bin.days;
  }
  return sorted.at(-1)?.days ?? 0;
}

export const median = (bins: readonly HistogramBin[]) => percentile(bins, 0.5);

/** Adds histograms (the municipalities' together for the total row). */
export function mergeHistograms(...lists: readonly (readonly HistogramBin[])[]): HistogramBin[] {
  const byDays = new Map<number, number>();
  for (const list of lists) for (const b of list) byDays.set(b.days, (byDays.get(b.days) ?? 0) + b.count);
  return [...byDays].map(([days, count]) => ({ days, count })).sort((a, b) => a.days - b.days);
}
