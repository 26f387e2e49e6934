import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isWeekend } from "#app/utils/calendar-date";
import { holidayTable } from "./holidays";
import { assessEligibility, computeHandlingDeadline, type EligibilityInput, type HolidayEntry } from "./eligibility";

const EPOCH = "2000-01-01";
/** Dates 2000-01-01 … 2099-12-31, as 'YYYY-MM-DD'. */
const isoDate = fc.integer({ min: 0, max: 36_524 }).map((n) => addDays(EPOCH, n));
const weeks = fc.integer({ min: 1, max: 52 });

const builtIn = new Set(holidayTable(1999, 2102).map((h) => h.day));

/**
 * A custom table dense around the nominal end of the term, so collisions and long runs happen:
 * offsets from the nominal day, each given as a bare date or as a Holiday-like object.
 */
const customOffsets = fc.array(fc.tuple(fc.integer({ min: -3, max: 30 }), fc.boolean()), { maxLength: 25 });
function customTable(nominal: string, offsets: readonly (readonly [number, boolean])[]): HolidayEntry[] {
  return offsets.map(([o, asObject]) => {
    const day = addDays(nominal, o);
    return asObject ? { day, name: `custom ${o}` } : day;
  });
}

describe("handling deadline properties", () => {
  it("never ends on a weekend or a built-in holiday; every skipped day is one, in an unbroken run", () => {
    fc.assert(
      fc.property(isoDate, weeks, (receivedOn, w) => {
        const { nominal, deadline, skipped } = computeHandlingDeadline(receivedOn, w);
        expect(nominal).toBe(addDays(receivedOn, 7 * w));
        expect(isWeekend(deadline) || builtIn.has(deadline)).toBe(false);
        expect(skipped.map((s) => s.day)).toEqual(
          Array.from({ length: daysBetween(nominal, deadline) }, (_, i) => addDays(nominal, i)),
        );
        for (const s of skipped) expect(isWeekend(s.day) || builtIn.has(s.day)).toBe(true);
      }),
    );
  });

  it("with the built-in table, nominal ≤ deadline ≤ nominal + 5 (so < nominal + 10)", () => {
    // The longest run of weekend days and holidays in the built-in table is five days, e.g.
    // 25–29 December 2024 (Christmas, Boxing Day, equated 27th, weekend) and 23–27 April 2038
    // (Good Friday, weekend, Easter Monday, King's Day); checked exhaustively below.
    fc.assert(
      fc.property(isoDate, weeks, (receivedOn, w) => {
        const { nominal, deadline } = computeHandlingDeadline(receivedOn, w);
        const shift = daysBetween(nominal, deadline);
        expect(shift).toBeGreaterThanOrEqual(0);
        expect(shift).toBeLessThanOrEqual(5);
      }),
    );
  });

  it("the five-day bound holds for every run of days off from 1900 to 2999 (exhaustive)", () => {
    // The longest shift is the longest run of days off, and every run starts on a Saturday or a
    // holiday, so a term ending on each of those covers all runs.
    const starts = holidayTable(1900, 2999).map((h) => h.day);
    for (let saturday = "1900-01-06"; saturday < "3000-01-01"; saturday = addDays(saturday, 7)) starts.push(saturday);
    let max = 0;
    for (const nominal of starts) {
      const r = computeHandlingDeadline(addDays(nominal, -7), 1);
      max = Math.max(max, daysBetween(r.nominal, r.deadline));
    }
    expect(max).toBe(5);
  });

  it("with a random custom table: never on a weekend or listed day, and only weekends and listed days are skipped", () => {
    fc.assert(
      fc.property(isoDate, weeks, customOffsets, (receivedOn, w, offsets) => {
        const nominal = addDays(receivedOn, 7 * w);
        const table = customTable(nominal, offsets);
        const listed = new Set(table.map((h) => (typeof h === "string" ? h : h.day)));
        const { deadline, skipped } = computeHandlingDeadline(receivedOn, w, table);
        expect(deadline >= nominal).toBe(true);
        expect(isWeekend(deadline) || listed.has(deadline)).toBe(false);
        expect(skipped).toHaveLength(daysBetween(nominal, deadline));
        for (const s of skipped) {
          expect(isWeekend(s.day) ? s.reason !== "holiday" : s.reason === "holiday" && listed.has(s.day)).toBe(true);
        }
        // Bound for a table of k distinct days: every weekday skipped is a listed day, so at most k of them.
        expect(skipped.filter((s) => !isWeekend(s.day)).length).toBeLessThanOrEqual(listed.size);
      }),
    );
  });

  it("assessEligibility uses the same deadline as computeHandlingDeadline, with any table", () => {
    fc.assert(
      fc.property(isoDate, weeks, customOffsets, fc.boolean(), (receivedOn, w, offsets, useCustom) => {
        const table = useCustom ? customTable(addDays(receivedOn, 7 * w), offsets) : undefined;
        const r = assessEligibility(
          { complainedToMunicipality: true, complaintReceivedOn: receivedOn, handlingWeeks: w, today: "2199-12-31" },
          table,
        );
        expect(r.handlingDeadline).toBe(computeHandlingDeadline(receivedOn, w, table).deadline);
      }),
    );
  });
});

/** Valid first-line facts with today anywhere from before the receipt to years later. */
const validCase = fc
  .record({
    receivedOn: isoDate,
    weeks,
    answeredAfter: fc.option(fc.integer({ min: 0, max: 800 }), { nil: undefined }),
    postponedAfterTerm: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    todayAfter: fc.integer({ min: -30, max: 1_500 }),
  })
  .map(({ receivedOn, weeks: w, answeredAfter, postponedAfterTerm, todayAfter }) => {
    const term = computeHandlingDeadline(receivedOn, w).deadline;
    const input: EligibilityInput = {
      complainedToMunicipality: true,
      complaintReceivedOn: receivedOn,
      handlingWeeks: w,
      answeredOn: answeredAfter === undefined ? null : addDays(receivedOn, answeredAfter),
      postponedUntil: postponedAfterTerm === undefined ? null : addDays(term, postponedAfterTerm),
      today: addDays(receivedOn, todayAfter),
    };
    return input;
  });

describe("assessEligibility properties", () => {
  it("eligibleFrom, when present, is the day after handlingDeadline", () => {
    fc.assert(
      fc.property(validCase, (input) => {
        const r = assessEligibility(input);
        if (r.eligibleFrom !== undefined) {
          expect(r.handlingDeadline).toBeDefined();
          expect(r.eligibleFrom).toBe(addDays(r.handlingDeadline ?? "", 1));
        }
        if (r.outcome === "too_early" || r.ground === "no_timely_answer") expect(r.eligibleFrom).toBeDefined();
      }),
    );
  });

  it("never eligible without an answer while today ≤ handlingDeadline", () => {
    fc.assert(
      fc.property(validCase, (input) => {
        const r = assessEligibility(input);
        if (!input.answeredOn && r.handlingDeadline !== undefined && input.today <= r.handlingDeadline) {
          expect(r.outcome).not.toBe("eligible");
        }
      }),
    );
  });

  it("a later today never turns an expired case eligible (or too early)", () => {
    fc.assert(
      fc.property(validCase, fc.integer({ min: 1, max: 3_000 }), (input, later) => {
        const r = assessEligibility(input);
        fc.pre(r.outcome === "window_expired");
        expect(assessEligibility({ ...input, today: addDays(input.today, later) }).outcome).toBe("window_expired");
      }),
    );
  });

  it("outcomes move forward in time: too early → eligible → expired, never back", () => {
    const rank = { too_early: 0, eligible: 1, window_expired: 2 } as const;
    fc.assert(
      fc.property(validCase, fc.integer({ min: 1, max: 1_000 }), (input, later) => {
        const a = assessEligibility(input).outcome;
        const b = assessEligibility({ ...input, today: addDays(input.today, later) }).outcome;
        fc.pre(a !== "invalid" && b !== "invalid" && a !== "first_line_required" && b !== "first_line_required");
        expect(rank[b]).toBeGreaterThanOrEqual(rank[a]);
      }),
    );
  });

  it("windowEndsOn and ground come with eligible and expired outcomes only", () => {
    fc.assert(
      fc.property(validCase, (input) => {
        const r = assessEligibility(input);
        const decided = r.outcome === "eligible" || r.outcome === "window_expired";
        expect(r.windowEndsOn !== undefined).toBe(decided);
        expect(r.ground !== undefined).toBe(decided);
        expect(r.errors === undefined).toBe(r.outcome !== "invalid");
      }),
    );
  });

  it("never throws on arbitrary strings: invalid input gives errors naming the field", () => {
    const dateLike = fc.oneof(
      fc.string(),
      isoDate,
      fc.constantFrom("", "2026-02-29", "2024-02-29", "9999-12-31", "0000-01-01"),
    );
    const fields = new Set([
      "complainedToMunicipality",
      "complaintReceivedOn",
      "answeredOn",
      "postponedUntil",
      "handlingWeeks",
      "today",
    ]);
    fc.assert(
      fc.property(
        fc.record(
          {
            complainedToMunicipality: fc.constant(true),
            complaintReceivedOn: dateLike,
            answeredOn: fc.option(dateLike, { nil: null }),
            postponedUntil: fc.option(dateLike, { nil: undefined }),
            handlingWeeks: fc.oneof(weeks, fc.double()),
            today: dateLike,
          },
          { requiredKeys: ["complainedToMunicipality", "today"] },
        ),
        (input) => {
          const r = assessEligibility(input);
          if (r.outcome === "invalid") {
            expect(r.errors?.length).toBeGreaterThan(0);
            for (const e of r.errors ?? []) expect(fields.has(e.field)).toBe(true);
          } else {
            expect(r.errors).toBeUndefined();
          }
        },
      ),
    );
  });

  it("never throws on values of any type", () => {
    fc.assert(
      fc.property(fc.anything(), fc.dictionary(fc.string(), fc.anything()), (whole, fields) => {
        expect(() => assessEligibility(whole as EligibilityInput)).not.toThrow();
        expect(() =>
          assessEligibility({ complainedToMunicipality: true, ...fields } as unknown as EligibilityInput),
        ).not.toThrow();
        const r = assessEligibility({ ...(fields as object), complainedToMunicipality: true } as EligibilityInput);
        expect(["eligible", "too_early", "window_expired", "invalid"]).toContain(r.outcome);
      }),
    );
  });
});
