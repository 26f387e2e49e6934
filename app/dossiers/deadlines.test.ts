import { afterEach, describe, expect, it } from "vitest";
import { contactDueOn, daysUntil, explainRequestDueOn, pausedHandlingTarget, requestDueOn } from "./deadlines";

/** [instant as submitted, expected contactDueOn] — instants written in UTC or with their Amsterdam offset. */
const CASES: [string, string][] = [
  // An ordinary afternoon.
  ["2026-06-15T12:00:00Z", "2026-06-29"],
  // 23:30 UTC is already the next day in Amsterdam, summer (+02:00) and winter (+01:00).
  ["2026-06-15T23:30:00Z", "2026-06-30"],
  ["2026-01-15T23:30:00Z", "2026-01-30"],
  // 00:30 Amsterdam time counts for that day, though it is still the day before in UTC.
  ["2026-06-16T00:30:00+02:00", "2026-06-30"],
  ["2026-01-16T00:30:00+01:00", "2026-01-30"],
  // Last second of an Amsterdam day.
  ["2026-06-15T21:59:59Z", "2026-06-29"],
  ["2026-01-15T22:59:59Z", "2026-01-29"],
  // Spring forward, Sunday 29 March 2026 (02:00 CET → 03:00 CEST at 01:00 UTC).
  ["2026-03-28T22:59:59Z", "2026-04-11"],
  ["2026-03-28T23:00:00Z", "2026-04-12"],
  ["2026-03-28T23:30:00Z", "2026-04-12"],
  ["2026-03-29T00:59:59Z", "2026-04-12"],
  ["2026-03-29T01:00:00Z", "2026-04-12"],
  ["2026-03-29T21:59:59Z", "2026-04-12"],
  ["2026-03-29T22:00:00Z", "2026-04-13"],
  // Fall back, Sunday 25 October 2026 (03:00 CEST → 02:00 CET at 01:00 UTC).
  ["2026-10-24T21:59:59Z", "2026-11-07"],
  ["2026-10-24T22:00:00Z", "2026-11-08"],
  ["2026-10-25T00:30:00Z", "2026-11-08"],
  ["2026-10-25T01:30:00Z", "2026-11-08"],
  ["2026-10-25T22:59:59Z", "2026-11-08"],
  ["2026-10-25T23:00:00Z", "2026-11-09"],
  ["2026-10-25T23:30:00Z", "2026-11-09"],
  // Across a year end and a leap day, without any weekend or holiday roll-forward.
  ["2026-12-20T10:00:00Z", "2027-01-03"],
  ["2027-12-31T23:30:00Z", "2028-01-15"],
  ["2028-02-20T10:00:00Z", "2028-03-05"],
  ["2026-03-21T10:00:00Z", "2026-04-04"],
];

describe("contactDueOn: Amsterdam calendar date + 14 days", () => {
  it.each(CASES)("submitted at %s → due %s", (instant, expected) => {
    expect(contactDueOn(new Date(instant))).toBe(expected);
  });

  it("is not moved off a weekend or a holiday (a service promise, not an Atw term)", () => {
    // Due on Saturday 4 April 2026 and on Easter Monday 6 April 2026.
    expect(contactDueOn(new Date("2026-03-21T10:00:00Z"))).toBe("2026-04-04");
    expect(contactDueOn(new Date("2026-03-23T10:00:00Z"))).toBe("2026-04-06");
  });

  it("rejects an invalid Date", () => {
    expect(() => contactDueOn(new Date("not a date"))).toThrow(RangeError);
  });
});

/** 2026-06-15T12:00:00Z on the local clock of each zone. */
const LOCAL_HOUR_AT_NOON_UTC: Record<string, number> = {
  UTC: 12,
  "Europe/Amsterdam": 14,
  "America/Los_Angeles": 5,
  "Pacific/Kiritimati": 2,
  "Asia/Kolkata": 17,
  "Pacific/Pago_Pago": 1,
};

describe("contactDueOn does not depend on the machine's time zone", () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it.each(Object.keys(LOCAL_HOUR_AT_NOON_UTC))("gives the same dates with TZ=%s", (zone) => {
    process.env.TZ = zone;
    // Guard that the zone really changed in this process, so the assertions below mean something.
    expect(new Date("2026-06-15T12:00:00Z").getHours()).toBe(LOCAL_HOUR_AT_NOON_UTC[zone]);
    for (const [instant, expected] of CASES) expect(contactDueOn(new Date(instant))).toBe(expected);
  });
});

describe("daysUntil", () => {
  it("counts calendar days: positive ahead, 0 on the day, negative when overdue", () => {
    expect(daysUntil("2026-04-12", "2026-04-10")).toBe(2);
    expect(daysUntil("2026-04-12", "2026-04-12")).toBe(0);
    expect(daysUntil("2026-04-12", "2026-04-15")).toBe(-3);
  });

  it("is 14 on the day of submission", () => {
    expect(daysUntil(contactDueOn(new Date("2026-03-28T23:30:00Z")), "2026-03-29")).toBe(14);
  });

  it("is not thrown off by DST, month ends or leap days", () => {
    expect(daysUntil("2026-03-30", "2026-03-28")).toBe(2);
    expect(daysUntil("2026-10-26", "2026-10-24")).toBe(2);
    expect(daysUntil("2028-03-01", "2028-02-28")).toBe(2);
    expect(daysUntil("2027-01-03", "2026-12-20")).toBe(14);
    expect(daysUntil("2026-01-01", "2026-12-31")).toBe(-364);
  });
});

describe("handling target with the clock paused", () => {
  it("is the submission date plus 13 weeks without pauses", () => {
    expect(pausedHandlingTarget("2026-03-02", 13, [], "2026-03-10")).toEqual({
      base: "2026-06-01",
      pausedDays: 0,
      target: "2026-06-01",
    });
  });

  it("moves by the days of each finished pause", () => {
    const pauses = [
      { startedOn: "2026-03-03", endedOn: "2026-03-10" },
      { startedOn: "2026-04-01", endedOn: "2026-04-04" },
    ];
    expect(pausedHandlingTarget("2026-03-02", 13, pauses, "2026-05-01")).toMatchObject({
      pausedDays: 10,
      target: "2026-06-11",
    });
  });

  it("keeps moving while a pause is still running", () => {
    const running = [{ startedOn: "2026-03-03", endedOn: null }];
    expect(pausedHandlingTarget("2026-03-02", 13, running, "2026-03-05").target).toBe("2026-06-03");
    expect(pausedHandlingTarget("2026-03-02", 13, running, "2026-03-06").target).toBe("2026-06-04");
  });
});

describe("requestDueOn (an information request's answer term, Atw art. 1)", () => {
  it("is the day sent plus the term when that is a working day", () => {
    expect(requestDueOn("2026-12-02", { weeks: 4 })).toBe("2026-12-30");
    expect(requestDueOn("2026-12-02", { days: 14 })).toBe("2026-12-16");
  });

  it("moves a due date on a Saturday or Sunday to the Monday, and says which days it skipped", () => {
    expect(explainRequestDueOn("2026-12-02", { days: 10 })).toEqual({
      nominal: "2026-12-12",
      deadline: "2026-12-14",
      skipped: [
        { day: "2026-12-12", reason: "saturday" },
        { day: "2026-12-13", reason: "sunday" },
      ],
    });
  });

  it("skips Christmas and the weekend after it", () => {
    const due = explainRequestDueOn("2026-11-27", { weeks: 4 });
    expect(due.deadline).toBe("2026-12-28");
    expect(due.skipped.map((s) => s.reason)).toEqual(["holiday", "saturday", "sunday"]);
    expect(due.skipped[0]?.name).toMatch(/Kerst/);
  });

  it("crosses the year end past New Year's Day and the weekend", () => {
    expect(requestDueOn("2026-12-04", { weeks: 4 })).toBe("2027-01-04");
    // 2 January 2026 is an equated day (Besluit gelijkgestelde dagen): the term runs on to the Monday.
    expect(requestDueOn("2025-12-05", { weeks: 4 })).toBe("2026-01-05");
  });

  it("skips Good Friday, Easter weekend and Easter Monday in one run; King's Day on its own", () => {
    expect(requestDueOn("2027-03-19", { weeks: 1 })).toBe("2027-03-30");
    expect(requestDueOn("2026-04-23", { days: 4 })).toBe("2026-04-28");
    expect(requestDueOn("2026-04-30", { days: 5 })).toBe("2026-05-06");
  });

  it("uses a holiday table that is given instead of the built-in one", () => {
    expect(requestDueOn("2026-12-02", { days: 7 }, ["2026-12-09"])).toBe("2026-12-10");
    // An empty table: Christmas Day is then a Friday like any other, only weekends move the date.
    expect(requestDueOn("2026-11-27", { weeks: 4 }, [])).toBe("2026-12-25");
    expect(requestDueOn("2026-11-28", { weeks: 4 }, [])).toBe("2026-12-28");
  });

  it("refuses a date that is not a calendar date and a term below one day or not whole", () => {
    expect(() => requestDueOn("2026-02-30", { weeks: 4 })).toThrow(RangeError);
    expect(() => requestDueOn("2026-12-02", { days: 0 })).toThrow(RangeError);
    expect(() => requestDueOn("2026-12-02", { weeks: 1.5 })).toThrow(RangeError);
  });
});
