import { describe, expect, it } from "vitest";
import {
  addDays,
  addYears,
  amsterdamDateOf,
  dayOfWeek,
  daysBetween,
  isValidIsoDate,
  isWeekend,
  makeDate,
  yearOf,
} from "./calendar-date";

describe("calendar dates", () => {
  it("validates 'YYYY-MM-DD' calendar dates", () => {
    expect(isValidIsoDate("2024-02-29")).toBe(true);
    expect(isValidIsoDate("2025-02-29")).toBe(false);
    expect(isValidIsoDate("2026-4-7")).toBe(false);
    expect(isValidIsoDate("2026-04-07T00:00:00Z")).toBe(false);
  });

  it("adds days across month, year and DST boundaries", () => {
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addDays("2026-10-24", 2)).toBe("2026-10-26");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(makeDate(2026, 2, 29)).toBe("2026-03-01");
  });

  it("adds years, 29 February becoming 28 February in a common year", () => {
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
    expect(addYears("2026-04-07", 1)).toBe("2027-04-07");
  });

  it("counts days and weekdays", () => {
    expect(daysBetween("2026-02-20", "2026-04-03")).toBe(42);
    expect(dayOfWeek("2026-04-03")).toBe(5);
    expect(yearOf("2026-04-03")).toBe(2026);
  });

  it("isWeekend: Saturday and Sunday only", () => {
    expect(isWeekend("2026-04-03")).toBe(false); // Friday
    expect(isWeekend("2026-04-04")).toBe(true);
    expect(isWeekend("2026-04-05")).toBe(true);
    expect(isWeekend("2026-04-06")).toBe(false); // Monday
    expect(() => isWeekend("2026-02-30")).toThrow(RangeError);
  });

  it("takes the Amsterdam calendar date of an instant", () => {
    expect(amsterdamDateOf(new Date("2026-06-15T22:30:00Z"))).toBe("2026-06-16");
    expect(amsterdamDateOf(new Date("2026-01-15T22:30:00Z"))).toBe("2026-01-15");
    expect(amsterdamDateOf(new Date("2026-01-15T23:00:00Z"))).toBe("2026-01-16");
  });

  it("agrees with Intl for every quarter hour of years with DST changes, in any order of asking", () => {
    const reference = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Amsterdam",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    const instants: Date[] = [];
    for (const year of [1978, 2026, 2027]) {
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 15 * 60_000) instants.push(new Date(t));
    }
    // In time order (the cache hits) and shuffled (it misses), with instants just before and after midnight.
    const shuffled = [...instants].sort((a, b) => ((a.getTime() * 7919) % 1000) - ((b.getTime() * 7919) % 1000));
    for (const instant of [
      ...instants,
      ...shuffled,
      new Date("2026-03-28T22:59:59.999Z"),
      new Date("2026-03-28T23:00:00Z"),
    ]) {
      expect(amsterdamDateOf(instant), instant.toISOString()).toBe(reference.format(instant));
    }
    // Before 1977 the offset was not always whole hours (until 1940: +00:19:32).
    expect(amsterdamDateOf(new Date("1935-06-30T23:50:00Z"))).toBe(reference.format(new Date("1935-06-30T23:50:00Z")));
  });
});
