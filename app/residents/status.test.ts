import { describe, expect, it } from "vitest";
import { residentStatus, type ResidentFacts } from "./status";

const base: ResidentFacts = {
  status: "received",
  contactDueOn: "2026-12-18",
  firstContactOn: null,
  handlingDueOn: "2027-03-05",
  pause: null,
  outcome: null,
  closedOn: null,
};

describe("where a dossier stands for the resident", () => {
  it("promises the contact date until the first contact, and says when it passed", () => {
    expect(residentStatus(base, "2026-12-10")).toEqual({
      stage: "received",
      next: { code: "contact", date: "2026-12-18", late: false },
      waitingFor: null,
      mayWithdraw: true,
    });
    expect(residentStatus(base, "2026-12-18").next).toMatchObject({ late: false });
    expect(residentStatus(base, "2026-12-19").next).toMatchObject({ late: true });
    // Taken up for intake but not yet contacted: the promise still stands.
    expect(residentStatus({ ...base, status: "intake" }, "2026-12-10")).toMatchObject({
      stage: "intake",
      next: { code: "contact" },
    });
  });

  it("after the contact gives the handling target, and whom the ombudsman waits for", () => {
    const contacted = { ...base, status: "intake" as const, firstContactOn: "2026-12-08" };
    expect(residentStatus(contacted, "2026-12-10")).toMatchObject({
      stage: "intake",
      next: { code: "assessment", date: "2027-03-05" },
    });
    expect(
      residentStatus({ ...contacted, status: "mediation", pause: "waiting_for_municipality" }, "2026-12-10"),
    ).toEqual({
      stage: "handling",
      next: { code: "handling", way: "mediation", date: "2027-03-05" },
      waitingFor: "municipality",
      mayWithdraw: true,
    });
    expect(residentStatus({ ...contacted, pause: "waiting_for_resident" }, "2026-12-10").waitingFor).toBe("resident");
  });

  it("once closed, gives the outcome and its day, waits for no one and cannot be withdrawn", () => {
    expect(
      residentStatus(
        { ...base, status: "closed", outcome: "withdrawn", closedOn: "2026-12-11", pause: "waiting_for_resident" },
        "2026-12-12",
      ),
    ).toEqual({
      stage: "closed",
      next: { code: "closed", outcome: "withdrawn", date: "2026-12-11" },
      waitingFor: null,
      mayWithdraw: false,
    });
  });
});
