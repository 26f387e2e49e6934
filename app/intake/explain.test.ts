import { describe, expect, it } from "vitest";
import { messagesFor } from "#app/i18n/catalogue.server";
import { formatDate } from "#app/i18n/format";
import { describeSkippedDays } from "./explain";

const nl = messagesFor("nl").intake.outcome;
const en = messagesFor("en").intake.outcome;

describe("the days that moved a term, in words", () => {
  it("names the holidays in the page's language", () => {
    const skipped = [
      { day: "2026-04-04", reason: "saturday" as const },
      { day: "2026-04-05", reason: "sunday" as const },
      { day: "2026-04-06", reason: "holiday" as const, name: "Tweede Paasdag" },
    ];
    expect(describeSkippedDays(skipped, nl, "nl")).toBe(
      "zaterdag 4 april 2026, zondag 5 april 2026 en Tweede Paasdag (6 april 2026)",
    );
    expect(describeSkippedDays(skipped, en, "en")).toBe(
      "Saturday 4 April 2026, Sunday 5 April 2026 and Easter Monday (6 April 2026)",
    );
  });

  it("explains an equated day instead of only calling it one", () => {
    const skipped = [{ day: "2026-01-02", reason: "holiday" as const, name: "Gelijkgestelde dag", equated: true }];
    expect(describeSkippedDays(skipped, nl, "nl")).toMatch(
      /^vrijdag 2 januari 2026, een gelijkgestelde dag \(de Algemene termijnenwet behandelt die dag als een feestdag/,
    );
    expect(describeSkippedDays(skipped, en, "en")).toMatch(
      /^Friday 2 January 2026, an equated day \(the Algemene termijnenwet, the General Time Limits Act, treats that day like a public holiday/,
    );
  });

  it("writes an English date with its weekday in the same shape as the copy's 'Saturday {date}'", () => {
    expect(formatDate("2026-04-12", "en", true)).toBe("Sunday 12 April 2026");
    expect(formatDate("2026-04-12", "nl", true)).toBe("zondag 12 april 2026");
  });
});
