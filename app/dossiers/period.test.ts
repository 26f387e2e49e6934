import { describe, expect, it } from "vitest";
import { parsePeriod, periodSearch, periodUntil, periodYears, quarterPeriod } from "./period";

const TODAY = "2026-05-20";
const parse = (query: string) => parsePeriod(new URLSearchParams(query), TODAY);

describe("the period of the figures", () => {
  it("is the current year without a choice", () => {
    expect(parse("")).toEqual({
      period: { kind: "year", from: "2026-01-01", to: "2026-12-31", year: 2026, quarter: null },
      problem: null,
    });
  });

  it("reads a year, a quarter and two dates", () => {
    expect(parse("periode=jaar&jaar=2025").period).toMatchObject({ from: "2025-01-01", to: "2025-12-31" });
    expect(parse("periode=kwartaal&jaar=2024&kwartaal=1").period).toMatchObject({
      kind: "quarter",
      from: "2024-01-01",
      to: "2024-03-31",
      quarter: 1,
    });
    expect(quarterPeriod(2024, 4)).toMatchObject({ from: "2024-10-01", to: "2024-12-31" });
    expect(quarterPeriod(2024, 2)).toMatchObject({ from: "2024-04-01", to: "2024-06-30" });
    expect(parse("periode=datums&van=2025-03-01&tot=2025-03-01").period).toMatchObject({
      kind: "dates",
      from: "2025-03-01",
      to: "2025-03-01",
    });
  });

  it("answers a problem code and the current year for a choice it cannot use", () => {
    expect(parse("periode=datums&van=2025-02-30&tot=2025-03-01").problem).toBe("invalid_date");
    expect(parse("periode=datums&van=2025-04-01&tot=2025-03-01").problem).toBe("from_after_to");
    expect(parse("periode=datums&van=2015-01-01&tot=2025-03-01").problem).toBe("too_long");
    expect(parse("periode=jaar&jaar=2027").problem).toBe("invalid_year");
    expect(parse("periode=jaar&jaar=twintig").problem).toBe("invalid_year");
    expect(parse("periode=kwartaal&jaar=2025&kwartaal=5")).toMatchObject({
      problem: "invalid_date",
      period: { from: "2025-01-01" },
    });
    expect(parse("periode=jaar&jaar=2027").period.year).toBe(2026);
  });

  it("gives the exclusive end, the query string back and the years to choose from", () => {
    expect(periodUntil(quarterPeriod(2025, 4))).toBe("2026-01-01");
    expect(periodSearch(quarterPeriod(2025, 3))).toEqual({ periode: "kwartaal", jaar: "2025", kwartaal: "3" });
    expect(periodYears(TODAY).slice(0, 2)).toEqual([2026, 2025]);
    expect(periodYears(TODAY).at(-1)).toBe(2014);
  });
});
