import { describe, expect, it } from "vitest";
import { easterSunday, holidayTable, statutoryHolidays } from "./holidays";

describe("holiday table", () => {
  it("computes Easter Sunday for known years", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2025)).toBe("2025-04-20");
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2038)).toBe("2038-04-25");
  });

  it("lists the Atw days of 2026, with 5 May in a year that is not a lustrum", () => {
    expect(statutoryHolidays(2026).map((h) => `${h.day} ${h.name}`)).toEqual([
      "2026-01-01 Nieuwjaarsdag",
      "2026-04-03 Goede Vrijdag",
      "2026-04-06 Tweede Paasdag",
      "2026-04-27 Koningsdag",
      "2026-05-05 Bevrijdingsdag",
      "2026-05-14 Hemelvaartsdag",
      "2026-05-25 Tweede Pinksterdag",
      "2026-12-25 Eerste Kerstdag",
      "2026-12-26 Tweede Kerstdag",
    ]);
  });

  it("moves King's Day to 26 April when the 27th is a Sunday", () => {
    expect(statutoryHolidays(2025).find((h) => h.name === "Koningsdag")?.day).toBe("2025-04-26");
  });

  it("includes the equated days of the decree", () => {
    const days = holidayTable(2026, 2026)
      .filter((h) => h.kind === "equated")
      .map((h) => h.day);
    expect(days).toEqual(["2026-01-02", "2026-05-15"]);
  });
});
