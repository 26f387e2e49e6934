import { describe, expect, it } from "vitest";
import { holidayTable } from "#app/intake/holidays";
import { editHolidayTable, mayMove, recalculateDueDates, type DueDateFact } from "./recalculate";

const base = holidayTable(2026, 2026);
const withDay = (day: string) => [...base, { day, name: "Extra dag", kind: "equated" as const, source: "test" }];

const fact = (nominalDueOn: string, dueOn: string, id = "r1"): DueDateFact => ({
  subject: "request",
  id,
  dossierId: "d1",
  nominalDueOn,
  dueOn,
});

describe("recalculateDueDates", () => {
  it("moves a date that falls on a new holiday to the next working day, with the skipped day", () => {
    // Wednesday 10 June 2026 becomes a holiday: due on Thursday the 11th.
    const { moved, leftAlone } = recalculateDueDates([fact("2026-06-10", "2026-06-10")], base, withDay("2026-06-10"));
    expect(leftAlone).toEqual([]);
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ from: "2026-06-10", to: "2026-06-11" });
    expect(moved[0]!.skipped).toEqual([{ day: "2026-06-10", reason: "holiday", name: "Extra dag" }]);
  });

  it("moves a date that had rolled past a weekend onto a new holiday one day further", () => {
    // Nominal Saturday 6 June rolls to Monday the 8th; with the 8th a holiday it is Tuesday the 9th.
    const { moved } = recalculateDueDates([fact("2026-06-06", "2026-06-08")], base, withDay("2026-06-08"));
    expect(moved.map((m) => [m.from, m.to])).toEqual([["2026-06-08", "2026-06-09"]]);
    expect(moved[0]!.skipped.map((s) => s.reason)).toEqual(["saturday", "sunday", "holiday"]);
  });

  it("moves the date back when the holiday is removed again", () => {
    const { moved } = recalculateDueDates([fact("2026-06-10", "2026-06-11")], withDay("2026-06-10"), base);
    expect(moved.map((m) => [m.from, m.to, m.skipped])).toEqual([["2026-06-11", "2026-06-10", []]]);
  });

  it("leaves dates the change does not reach, and is idempotent", () => {
    const facts = [fact("2026-06-03", "2026-06-03", "a"), fact("2026-06-10", "2026-06-11", "b")];
    // "b" is already the date under the new table: a second run moves nothing.
    expect(recalculateDueDates(facts, base, withDay("2026-06-10"))).toEqual({ moved: [], leftAlone: [] });
  });

  it("leaves alone a date that was not the roll of its nominal date, and says so", () => {
    const odd = fact("2026-06-10", "2026-06-20");
    expect(recalculateDueDates([odd], base, withDay("2026-06-10"))).toEqual({ moved: [], leftAlone: [odd] });
  });

  it("moves nothing when the tables are the same", () => {
    expect(recalculateDueDates([fact("2026-12-25", "2026-12-28")], base, base).moved).toEqual([]);
  });
});

describe("mayMove", () => {
  it("is true only when the roll from the nominal date reaches the day", () => {
    expect(mayMove(fact("2026-06-06", "2026-06-08"), "2026-06-08")).toBe(true);
    expect(mayMove(fact("2026-06-06", "2026-06-08"), "2026-06-06")).toBe(true);
    expect(mayMove(fact("2026-06-06", "2026-06-08"), "2026-06-09")).toBe(false);
    expect(mayMove(fact("2026-06-06", "2026-06-08"), "2026-06-05")).toBe(false);
  });
});

describe("editHolidayTable", () => {
  const make = (e: { day: string; name: string }) => ({ day: e.day, name: e.name });
  const table = [{ day: "2026-01-01", name: "Nieuwjaarsdag" }];

  it("adds a day in order and refuses one that is already there", () => {
    expect(editHolidayTable(table, { change: "added", day: "2025-12-31", name: "Oudjaar" }, make)).toEqual({
      ok: true,
      table: [
        { day: "2025-12-31", name: "Oudjaar" },
        { day: "2026-01-01", name: "Nieuwjaarsdag" },
      ],
    });
    expect(editHolidayTable(table, { change: "added", day: "2026-01-01", name: "x" }, make)).toEqual({
      ok: false,
      code: "exists",
    });
  });

  it("removes a day and refuses one that is not there", () => {
    expect(editHolidayTable(table, { change: "removed", day: "2026-01-01", name: "" }, make)).toEqual({
      ok: true,
      table: [],
    });
    expect(editHolidayTable(table, { change: "removed", day: "2026-01-02", name: "" }, make)).toEqual({
      ok: false,
      code: "absent",
    });
  });
});
