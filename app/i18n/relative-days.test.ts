import { describe, expect, it } from "vitest";
import { messagesFor } from "./catalogue.server";
import { relativeDays } from "./relative-days";

describe("relativeDays", () => {
  it("says today, one day and several days, ahead and overdue, in both languages", () => {
    const nl = messagesFor("nl").queue;
    expect([2, 1, 0, -1, -3].map((days) => relativeDays(nl, days))).toEqual([
      "nog 2 dagen",
      "nog 1 dag",
      "vandaag",
      "1 dag te laat",
      "3 dagen te laat",
    ]);
    const en = messagesFor("en").queue;
    expect([2, 0, -3].map((days) => relativeDays(en, days))).toEqual([
      "due in 2 days",
      "due today",
      "overdue by 3 days",
    ]);
  });
});
