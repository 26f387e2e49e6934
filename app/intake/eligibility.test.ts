import { describe, expect, it } from "vitest";
import { holidayTable } from "./holidays";
import { assessEligibility, computeHandlingDeadline, type EligibilityInput } from "./eligibility";

const base = { complainedToMunicipality: true } as const;

function deadlineOf(receivedOn: string, weeks = 6, holidays?: Parameters<typeof computeHandlingDeadline>[2]) {
  return computeHandlingDeadline(receivedOn, weeks, holidays).deadline;
}

describe("the municipality's handling term (Awb 9:11, Atw art. 1)", () => {
  it("an ordinary term of six weeks ends on the same weekday, unmoved", () => {
    expect(computeHandlingDeadline("2026-01-05", 6)).toEqual({
      nominal: "2026-02-16",
      deadline: "2026-02-16",
      skipped: [],
    });
  });

  it("Easter 2026: received Fri 20 Feb, term ends on Good Friday and moves via Sat, Sun and Easter Monday to Tue 7 April", () => {
    expect(computeHandlingDeadline("2026-02-20", 6)).toEqual({
      nominal: "2026-04-03",
      deadline: "2026-04-07",
      skipped: [
        { day: "2026-04-03", reason: "holiday", name: "Goede Vrijdag" },
        { day: "2026-04-04", reason: "saturday" },
        { day: "2026-04-05", reason: "sunday" },
        { day: "2026-04-06", reason: "holiday", name: "Tweede Paasdag" },
      ],
    });
  });

  it("5 May is a holiday every year, not only in a lustrum year: Tue 5 May 2026 moves to Wed 6 May", () => {
    expect(computeHandlingDeadline("2026-03-24", 6)).toEqual({
      nominal: "2026-05-05",
      deadline: "2026-05-06",
      skipped: [{ day: "2026-05-05", reason: "holiday", name: "Bevrijdingsdag" }],
    });
  });

  it("King's Day on a Sunday (2025): celebrated Sat 26 April; a term ending then moves to Mon 28 April", () => {
    expect(computeHandlingDeadline("2025-03-15", 6)).toEqual({
      nominal: "2025-04-26",
      deadline: "2025-04-28",
      skipped: [
        { day: "2025-04-26", reason: "saturday", name: "Koningsdag" },
        { day: "2025-04-27", reason: "sunday" },
      ],
    });
    // Sunday 27 April is only a Sunday then, so the term does not run on to Tuesday.
    expect(deadlineOf("2025-03-16")).toBe("2025-04-28");
  });

  it("Ascension 2026 and the equated Friday 15 May: Thu 14 May moves to Mon 18 May", () => {
    expect(computeHandlingDeadline("2026-04-02", 6)).toEqual({
      nominal: "2026-05-14",
      deadline: "2026-05-18",
      skipped: [
        { day: "2026-05-14", reason: "holiday", name: "Hemelvaartsdag" },
        { day: "2026-05-15", reason: "holiday", name: "Gelijkgestelde dag" },
        { day: "2026-05-16", reason: "saturday" },
        { day: "2026-05-17", reason: "sunday" },
      ],
    });
  });

  it("an equated day on its own: a term ending Fri 15 May 2026 moves to Mon 18 May", () => {
    expect(deadlineOf("2026-04-03")).toBe("2026-05-18");
  });

  it("Christmas 2026 runs into the weekend: Fri 25 Dec moves to Mon 28 Dec (Boxing Day is a Saturday)", () => {
    expect(computeHandlingDeadline("2026-11-13", 6)).toEqual({
      nominal: "2026-12-25",
      deadline: "2026-12-28",
      skipped: [
        { day: "2026-12-25", reason: "holiday", name: "Eerste Kerstdag" },
        { day: "2026-12-26", reason: "saturday", name: "Tweede Kerstdag" },
        { day: "2026-12-27", reason: "sunday" },
      ],
    });
  });

  it("Christmas 2024 with the equated 27 December: Wed 25 Dec moves five days to Mon 30 Dec", () => {
    expect(deadlineOf("2024-11-13")).toBe("2024-12-30");
  });

  it("5 May, Ascension and an equated day in a row (2027): Wed 5 May moves to Mon 10 May", () => {
    expect(deadlineOf("2027-03-24")).toBe("2027-05-10");
  });

  it("ten weeks when the municipality uses an advisory committee", () => {
    expect(computeHandlingDeadline("2026-02-20", 10)).toEqual({
      nominal: "2026-05-01",
      deadline: "2026-05-01",
      skipped: [],
    });
    expect(deadlineOf("2026-03-06", 10)).toBe("2026-05-18");
    expect(
      assessEligibility({ ...base, complaintReceivedOn: "2026-02-20", handlingWeeks: 10, today: "2026-04-10" }),
    ).toEqual({
      outcome: "too_early",
      handlingDeadline: "2026-05-01",
      eligibleFrom: "2026-05-02",
    });
  });

  it("a term ending on a Saturday or Sunday moves to Monday", () => {
    expect(deadlineOf("2026-01-03")).toBe("2026-02-16");
    expect(deadlineOf("2026-01-04")).toBe("2026-02-16");
  });

  it("rejects a receipt that is not a date and weeks that are not a positive whole number", () => {
    expect(() => computeHandlingDeadline("2026-02-30", 6)).toThrow(RangeError);
    expect(() => computeHandlingDeadline("2026-02-20", 0)).toThrow(RangeError);
    expect(() => computeHandlingDeadline("2026-02-20", 1.5)).toThrow(RangeError);
  });
});

describe("a custom holiday table replaces the built-in one", () => {
  it("an empty table makes Good Friday an ordinary Friday", () => {
    expect(computeHandlingDeadline("2026-02-20", 6, [])).toEqual({
      nominal: "2026-04-03",
      deadline: "2026-04-03",
      skipped: [],
    });
    expect(assessEligibility({ ...base, complaintReceivedOn: "2026-02-20", today: "2026-04-04" }, [])).toEqual({
      outcome: "eligible",
      ground: "no_timely_answer",
      handlingDeadline: "2026-04-03",
      eligibleFrom: "2026-04-04",
      windowEndsOn: "2027-04-03",
    });
  });

  it("weekends still count with any table", () => {
    expect(deadlineOf("2026-01-03", 6, [])).toBe("2026-02-16");
  });

  it("accepts bare dates and Holiday objects, and names the named ones", () => {
    expect(computeHandlingDeadline("2026-01-05", 6, ["2026-02-16", { day: "2026-02-17", name: "Storm day" }])).toEqual({
      nominal: "2026-02-16",
      deadline: "2026-02-18",
      skipped: [
        { day: "2026-02-16", reason: "holiday" },
        { day: "2026-02-17", reason: "holiday", name: "Storm day" },
      ],
    });
  });

  it("the built-in table passed explicitly gives the same result as none", () => {
    expect(computeHandlingDeadline("2026-02-20", 6, holidayTable(2026, 2026))).toEqual(
      computeHandlingDeadline("2026-02-20", 6),
    );
  });

  it("is used by assessEligibility too (a coordinator adds a day)", () => {
    const table = [...holidayTable(2026, 2026), { day: "2026-02-16", name: "Extra" }];
    expect(assessEligibility({ ...base, complaintReceivedOn: "2026-01-05", today: "2026-02-17" }, table)).toEqual({
      outcome: "too_early",
      handlingDeadline: "2026-02-17",
      eligibleFrom: "2026-02-18",
    });
  });
});

describe("assessEligibility: outcomes", () => {
  it("no complaint to the municipality first: first line required, nothing else needed (Awb 9:20(1))", () => {
    expect(assessEligibility({ complainedToMunicipality: false, today: "" })).toEqual({
      outcome: "first_line_required",
    });
    expect(
      assessEligibility({ complainedToMunicipality: false, complaintReceivedOn: "nonsense", today: "2026-01-01" }),
    ).toEqual({ outcome: "first_line_required" });
  });

  it("no answer, today is the deadline: too early, may come from the next day", () => {
    expect(assessEligibility({ ...base, complaintReceivedOn: "2026-02-20", today: "2026-04-07" })).toEqual({
      outcome: "too_early",
      handlingDeadline: "2026-04-07",
      eligibleFrom: "2026-04-08",
    });
  });

  it("no answer, complained today: too early", () => {
    expect(assessEligibility({ ...base, complaintReceivedOn: "2026-02-20", today: "2026-02-20" }).outcome).toBe(
      "too_early",
    );
  });

  it("no answer, the day after the deadline: eligible on the ground 'no timely answer'", () => {
    expect(assessEligibility({ ...base, complaintReceivedOn: "2026-02-20", today: "2026-04-08" })).toEqual({
      outcome: "eligible",
      ground: "no_timely_answer",
      handlingDeadline: "2026-04-07",
      eligibleFrom: "2026-04-08",
      windowEndsOn: "2027-04-07",
    });
  });

  it("no answer: the year runs from the handling deadline, without roll-forward", () => {
    const input = { ...base, complaintReceivedOn: "2026-02-20", answeredOn: null };
    expect(assessEligibility({ ...input, today: "2027-04-07" }).outcome).toBe("eligible");
    expect(assessEligibility({ ...input, today: "2027-04-08" })).toEqual({
      outcome: "window_expired",
      ground: "no_timely_answer",
      handlingDeadline: "2026-04-07",
      eligibleFrom: "2026-04-08",
      windowEndsOn: "2027-04-07",
    });
    // A window ending on Saturday 16 January 2027 is not moved to Monday (Atw art. 4).
    const saturdayWindow = { ...base, complaintReceivedOn: "2025-12-05" };
    expect(assessEligibility({ ...saturdayWindow, today: "2027-01-16" })).toMatchObject({
      outcome: "eligible",
      handlingDeadline: "2026-01-16",
      windowEndsOn: "2027-01-16",
    });
    expect(assessEligibility({ ...saturdayWindow, today: "2027-01-18" }).outcome).toBe("window_expired");
  });

  it("answered within the term: eligible on the ground 'answered', even before the deadline", () => {
    expect(
      assessEligibility({ ...base, complaintReceivedOn: "2026-02-20", answeredOn: "2026-03-10", today: "2026-03-11" }),
    ).toEqual({ outcome: "eligible", ground: "answered", handlingDeadline: "2026-04-07", windowEndsOn: "2027-03-10" });
  });

  it("answered after the deadline still counts as answered; the year runs from the answer", () => {
    expect(
      assessEligibility({ ...base, complaintReceivedOn: "2026-02-20", answeredOn: "2026-06-01", today: "2027-05-01" }),
    ).toEqual({ outcome: "eligible", ground: "answered", handlingDeadline: "2026-04-07", windowEndsOn: "2027-06-01" });
  });

  it("answered on 29 February 2024: the window ends on 28 February 2025 (Awb 9:24(1))", () => {
    const input = { ...base, complaintReceivedOn: "2024-01-15", answeredOn: "2024-02-29" };
    expect(assessEligibility({ ...input, today: "2025-02-28" })).toEqual({
      outcome: "eligible",
      ground: "answered",
      handlingDeadline: "2024-02-26",
      windowEndsOn: "2025-02-28",
    });
    expect(assessEligibility({ ...input, today: "2025-03-01" })).toEqual({
      outcome: "window_expired",
      ground: "answered",
      handlingDeadline: "2024-02-26",
      windowEndsOn: "2025-02-28",
    });
  });

  it("an announced postponement replaces the term as given, even on a Saturday (Awb 9:11(2))", () => {
    const input = { ...base, complaintReceivedOn: "2026-01-05", postponedUntil: "2026-03-14" };
    expect(assessEligibility({ ...input, today: "2026-03-14" })).toEqual({
      outcome: "too_early",
      handlingDeadline: "2026-03-14",
      eligibleFrom: "2026-03-15",
    });
    expect(assessEligibility({ ...input, today: "2026-03-15" })).toEqual({
      outcome: "eligible",
      ground: "no_timely_answer",
      handlingDeadline: "2026-03-14",
      eligibleFrom: "2026-03-15",
      windowEndsOn: "2027-03-14",
    });
  });

  it("a postponement on Easter Monday is fine when the term already ended before it", () => {
    expect(
      assessEligibility({
        ...base,
        complaintReceivedOn: "2026-01-09",
        postponedUntil: "2026-04-06",
        today: "2026-04-06",
      }),
    ).toEqual({ outcome: "too_early", handlingDeadline: "2026-04-06", eligibleFrom: "2026-04-07" });
  });

  it("empty strings for the optional dates count as not given", () => {
    expect(
      assessEligibility({
        ...base,
        complaintReceivedOn: "2026-02-20",
        answeredOn: "",
        postponedUntil: "",
        today: "2026-04-08",
      }).outcome,
    ).toBe("eligible");
  });
});

describe("assessEligibility: input errors (rule 6)", () => {
  const valid: EligibilityInput = { ...base, complaintReceivedOn: "2026-02-20", today: "2026-05-01" };

  it("complained, but no receipt date: required", () => {
    expect(assessEligibility({ ...base, today: "2026-05-01" })).toEqual({
      outcome: "invalid",
      errors: [{ field: "complaintReceivedOn", code: "required" }],
    });
    expect(assessEligibility({ ...base, complaintReceivedOn: "", today: "2026-05-01" }).errors).toEqual([
      { field: "complaintReceivedOn", code: "required" },
    ]);
  });

  it("no today: required; a today that is not a date: invalid_date", () => {
    expect(assessEligibility({ ...valid, today: "" })).toEqual({
      outcome: "invalid",
      handlingDeadline: "2026-04-07",
      errors: [{ field: "today", code: "required" }],
    });
    expect(assessEligibility({ ...valid, today: "2026-13-01" }).errors).toEqual([
      { field: "today", code: "invalid_date" },
    ]);
  });

  it("dates that do not exist or are not YYYY-MM-DD: invalid_date", () => {
    expect(assessEligibility({ ...valid, complaintReceivedOn: "2026-02-30" })).toEqual({
      outcome: "invalid",
      errors: [{ field: "complaintReceivedOn", code: "invalid_date" }],
    });
    expect(assessEligibility({ ...valid, complaintReceivedOn: "20-02-2026" }).errors).toEqual([
      { field: "complaintReceivedOn", code: "invalid_date" },
    ]);
    expect(assessEligibility({ ...valid, answeredOn: "2025-02-29" })).toEqual({
      outcome: "invalid",
      handlingDeadline: "2026-04-07",
      errors: [{ field: "answeredOn", code: "invalid_date" }],
    });
    expect(assessEligibility({ ...valid, postponedUntil: "morgen" }).errors).toEqual([
      { field: "postponedUntil", code: "invalid_date" },
    ]);
  });

  it("dates outside 1900–2999: invalid_date", () => {
    expect(assessEligibility({ ...valid, complaintReceivedOn: "1899-12-31" }).errors).toEqual([
      { field: "complaintReceivedOn", code: "invalid_date" },
    ]);
    expect(assessEligibility({ ...valid, today: "9999-12-31" }).errors).toEqual([
      { field: "today", code: "invalid_date" },
    ]);
  });

  it("receipt after today: in_future (the deadline is still shown)", () => {
    expect(assessEligibility({ ...valid, today: "2026-02-19" })).toEqual({
      outcome: "invalid",
      handlingDeadline: "2026-04-07",
      errors: [{ field: "complaintReceivedOn", code: "in_future" }],
    });
  });

  it("answer before the receipt: before_receipt", () => {
    expect(assessEligibility({ ...valid, answeredOn: "2026-02-19" })).toEqual({
      outcome: "invalid",
      handlingDeadline: "2026-04-07",
      errors: [{ field: "answeredOn", code: "before_receipt" }],
    });
  });

  it("answer on the day of receipt is possible", () => {
    expect(assessEligibility({ ...valid, answeredOn: "2026-02-20" }).outcome).toBe("eligible");
  });

  it("answer after today: in_future", () => {
    expect(assessEligibility({ ...valid, answeredOn: "2026-05-02" }).errors).toEqual([
      { field: "answeredOn", code: "in_future" },
    ]);
  });

  it("postponement on the term, before it, or between the nominal and the rolled-forward term: not_after_term", () => {
    for (const postponedUntil of ["2026-04-07", "2026-03-01", "2026-04-03", "2026-04-06"]) {
      expect(assessEligibility({ ...valid, postponedUntil })).toEqual({
        outcome: "invalid",
        handlingDeadline: "2026-04-07",
        errors: [{ field: "postponedUntil", code: "not_after_term" }],
      });
    }
    expect(assessEligibility({ ...valid, postponedUntil: "2026-04-08" })).toMatchObject({
      outcome: "eligible",
      handlingDeadline: "2026-04-08",
    });
  });

  it("handling weeks that are not a whole number from 1 to 52: invalid_weeks, and no deadline", () => {
    for (const handlingWeeks of [0, -6, 1.5, 53, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(assessEligibility({ ...valid, handlingWeeks })).toEqual({
        outcome: "invalid",
        errors: [{ field: "handlingWeeks", code: "invalid_weeks" }],
      });
    }
  });

  it("a non-boolean answer to 'did you complain first': required", () => {
    const input = { today: "2026-05-01" } as unknown as EligibilityInput;
    expect(assessEligibility(input)).toEqual({
      outcome: "invalid",
      errors: [{ field: "complainedToMunicipality", code: "required" }],
    });
  });

  it("reports every field in error at once", () => {
    expect(
      assessEligibility({
        ...base,
        complaintReceivedOn: "2026-02-20",
        answeredOn: "2026-02-01",
        postponedUntil: "2026-04-01",
        today: "2026-01-01",
      }),
    ).toEqual({
      outcome: "invalid",
      handlingDeadline: "2026-04-07",
      errors: [
        { field: "complaintReceivedOn", code: "in_future" },
        { field: "answeredOn", code: "before_receipt" },
        { field: "answeredOn", code: "in_future" },
        { field: "postponedUntil", code: "not_after_term" },
      ],
    });
  });
});
