import { describe, expect, it } from "vitest";
import { nextStatuses, NOT_TAKEN_UP_REASONS, outcomesFrom, STATUSES, validateTransition } from "./workflow";

describe("dossier workflow", () => {
  it("goes from received through intake to one of the three ways of working, and then closed", () => {
    expect(nextStatuses("received")).toEqual(["intake", "closed"]);
    expect(nextStatuses("intake")).toEqual(["intervention", "mediation", "investigation", "closed"]);
    expect(nextStatuses("intervention")).toContain("closed");
    expect(nextStatuses("closed")).toEqual([]);
  });

  it("never moves back to received or intake once the work has started", () => {
    for (const from of ["intervention", "mediation", "investigation"] as const) {
      expect(nextStatuses(from)).not.toContain("received");
      expect(nextStatuses(from)).not.toContain("intake");
    }
  });

  it("refuses a transition the workflow does not have, or to an unknown status", () => {
    expect(validateTransition({ from: "received", to: "investigation" })).toEqual({
      ok: false,
      errors: [{ field: "to", code: "not_allowed" }],
    });
    expect(validateTransition({ from: "closed", to: "intake" })).toMatchObject({ ok: false });
    expect(validateTransition({ from: "intake", to: "archived" })).toMatchObject({ ok: false });
  });

  it("needs an outcome to close", () => {
    expect(validateTransition({ from: "intervention", to: "closed" })).toEqual({
      ok: false,
      errors: [{ field: "outcome", code: "required" }],
    });
    expect(validateTransition({ from: "intervention", to: "closed", outcome: "resolved_after_intervention" })).toEqual({
      ok: true,
      to: "closed",
      outcome: "resolved_after_intervention",
      detail: null,
    });
  });

  it("needs an Awb reason code to close as not taken up", () => {
    expect(validateTransition({ from: "intake", to: "closed", outcome: "not_taken_up" })).toEqual({
      ok: false,
      errors: [{ field: "reason", code: "required" }],
    });
    expect(
      validateTransition({ from: "intake", to: "closed", outcome: "not_taken_up", reason: "awb_9_99" }),
    ).toMatchObject({ ok: false });
    expect(
      validateTransition({ from: "intake", to: "closed", outcome: "not_taken_up", reason: "awb_9_23_b" }),
    ).toMatchObject({ ok: true, detail: "awb_9_23_b" });
    expect(NOT_TAKEN_UP_REASONS).toContain("awb_9_24");
  });

  it("allows a report with a finding only after an investigation, and then needs the finding", () => {
    expect(outcomesFrom("intervention")).not.toContain("report_with_finding");
    expect(
      validateTransition({ from: "intervention", to: "closed", outcome: "report_with_finding", finding: "unfounded" }),
    ).toMatchObject({
      ok: false,
      errors: [{ field: "outcome", code: "invalid" }],
    });
    expect(validateTransition({ from: "investigation", to: "closed", outcome: "report_with_finding" })).toMatchObject({
      ok: false,
      errors: [{ field: "finding", code: "required" }],
    });
    expect(
      validateTransition({
        from: "investigation",
        to: "closed",
        outcome: "report_with_finding",
        finding: "partly_well_founded",
      }),
    ).toMatchObject({
      ok: true,
      detail: "partly_well_founded",
    });
  });

  it("has a way from every status but closed to closed", () => {
    for (const s of STATUSES) if (s !== "closed") expect(nextStatuses(s)).toContain("closed");
  });
});
