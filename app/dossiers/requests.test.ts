import { describe, expect, it } from "vitest";
import { outlivesClosing, reminderFor, requestState, workingDaysBefore } from "./requests";

const open = (dueOn: string) => ({ status: "open" as const, dueOn, answeredOn: null });

describe("a request's state", () => {
  it("is open up to and on its due date, overdue the day after", () => {
    expect(requestState(open("2026-12-15"), "2026-12-15")).toBe("open");
    expect(requestState(open("2026-12-15"), "2026-12-16")).toBe("overdue");
  });

  it("is answered on time on the due date and late after it, whatever today is", () => {
    const answered = (answeredOn: string) => ({ status: "answered" as const, dueOn: "2026-12-15", answeredOn });
    expect(requestState(answered("2026-12-15"), "2027-03-01")).toBe("answered");
    expect(requestState(answered("2026-12-16"), "2026-12-16")).toBe("answered_late");
  });
});

describe("the reminders of an open request", () => {
  it("counts working days back past a weekend", () => {
    // Wednesday 9 December 2026: three working days back is Friday 4 December.
    expect(workingDaysBefore("2026-12-09", 3)).toBe("2026-12-04");
  });

  it("counts back past Christmas and the weekend after it", () => {
    // Tuesday 29 December 2026: Monday 28, (Sunday 27, Saturday 26 = 2nd Christmas Day, Friday 25 = Christmas), Thursday 24, Wednesday 23.
    expect(workingDaysBefore("2026-12-29", 3)).toBe("2026-12-23");
  });

  it("asks for nothing before the first reminder day, then before, due and overdue", () => {
    const request = open("2026-12-09");
    expect(reminderFor(request, "2026-12-03")).toBeNull();
    expect(reminderFor(request, "2026-12-04")).toBe("before");
    expect(reminderFor(request, "2026-12-08")).toBe("before");
    expect(reminderFor(request, "2026-12-09")).toBe("due");
    expect(reminderFor(request, "2026-12-10")).toBe("overdue");
    expect(reminderFor(request, "2027-02-01")).toBe("overdue");
  });

  it("asks for none once answered", () => {
    expect(reminderFor({ status: "answered", dueOn: "2026-12-09", answeredOn: "2026-12-20" }, "2026-12-21")).toBeNull();
  });

  it("uses the holiday table it is given", () => {
    // With Monday 7 December a holiday, three working days before Wednesday 9 December is Thursday 3 December.
    expect(workingDaysBefore("2026-12-09", 3, [{ day: "2026-12-07", name: "Test" }])).toBe("2026-12-03");
  });
});

describe("a request after its dossier closes", () => {
  it("waits on only for the follow-up of a recommendation", () => {
    expect(outlivesClosing("follow_up")).toBe(true);
    expect(outlivesClosing("information")).toBe(false);
    expect(outlivesClosing("findings")).toBe(false);
  });
});
