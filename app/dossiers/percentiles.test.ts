import { describe, expect, it } from "vitest";
import { median, mergeHistograms, percentile } from "./percentiles";

describe("percentiles of a histogram of days", () => {
  it("interpolates between the nearest ranks, as percentile_cont does", () => {
    // 10, 20, 30, 40
    const bins = [
      { days: 40, count: 1 },
      { days: 10, count: 1 },
      { days: 20, count: 1 },
      { days: 30, count: 1 },
    ];
    expect(median(bins)).toBe(25);
    expect(percentile(bins, 0.9)).toBe(37);
    expect(percentile(bins, 0)).toBe(10);
    expect(percentile(bins, 1)).toBe(40);
  });

  it("counts each dossier in a bin", () => {
    // 5 × 3 days, 1 × 100 days: the median is 3, the 90th percentile 51.5 (rank 4.5 of 0–5).
    const bins = [
      { days: 3, count: 5 },
      { days: 100, count: 1 },
    ];
    expect(median(bins)).toBe(3);
    expect(percentile(bins, 0.9)).toBe(51.5);
  });

  it("has no value without dossiers, and refuses a share outside 0–1", () => {
    expect(median([])).toBeNull();
    expect(median([{ days: 4, count: 0 }])).toBeNull();
    expect(() => percentile([{ days: 1, count: 1 }], 90)).toThrow(RangeError);
  });

  it("adds histograms day by day", () => {
    expect(
      mergeHistograms(
        [{ days: 2, count: 1 }],
        [
          { days: 2, count: 2 },
          { days: 1, count: 1 },
        ],
      ),
    ).toEqual([
      { days: 1, count: 1 },
      { days: 2, count: 3 },
    ]);
  });
});
