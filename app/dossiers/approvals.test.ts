import { describe, expect, it } from "vitest";
import { decideApproval, needsApproval } from "./approvals";

describe("needsApproval", () => {
  const close = (outcome: string | null) => ({ kind: "close", outcome }) as const;

  it("holds a case handler's close as not taken up or referred, and every override", () => {
    expect(needsApproval({ fourEyes: true, role: "case_handler", change: close("not_taken_up") })).toBe(true);
    expect(needsApproval({ fourEyes: true, role: "case_handler", change: close("referred") })).toBe(true);
    expect(needsApproval({ fourEyes: true, role: "case_handler", change: { kind: "override" } })).toBe(true);
  });

  it("lets other outcomes through, and a status change that is no close", () => {
    expect(needsApproval({ fourEyes: true, role: "case_handler", change: close("withdrawn") })).toBe(false);
    expect(needsApproval({ fourEyes: true, role: "case_handler", change: close("report_with_finding") })).toBe(false);
    expect(needsApproval({ fourEyes: true, role: "case_handler", change: close(null) })).toBe(false);
  });

  it("never holds a coordinator, and nobody when the setting is off", () => {
    expect(needsApproval({ fourEyes: true, role: "coordinator", change: close("not_taken_up") })).toBe(false);
    expect(needsApproval({ fourEyes: true, role: "coordinator", change: { kind: "override" } })).toBe(false);
    expect(needsApproval({ fourEyes: false, role: "case_handler", change: close("referred") })).toBe(false);
    expect(needsApproval({ fourEyes: false, role: "case_handler", change: { kind: "override" } })).toBe(false);
  });
});

describe("decideApproval", () => {
  const pending = { askedBy: "handler", state: "pending", kind: "close" } as const;
  const coordinator = { id: "coordinator", role: "coordinator" };

  it("lets another coordinator approve, or send back with a reason", () => {
    expect(decideApproval({ actor: coordinator, approval: pending, decision: "approve", reason: "" })).toBe("allowed");
    expect(decideApproval({ actor: coordinator, approval: pending, decision: "send_back", reason: "Bel eerst." })).toBe(
      "allowed",
    );
  });

  it("refuses a send-back without a reason", () => {
    expect(decideApproval({ actor: coordinator, approval: pending, decision: "send_back", reason: "  " })).toBe(
      "reason-required",
    );
  });

  it("refuses a case handler, one's own request, and a request already decided", () => {
    const handler = { id: "other", role: "case_handler" };
    expect(decideApproval({ actor: handler, approval: pending, decision: "approve", reason: "" })).toBe(
      "not-coordinator",
    );
    const own = { ...pending, askedBy: "coordinator" };
    expect(decideApproval({ actor: coordinator, approval: own, decision: "approve", reason: "" })).toBe("own-request");
    for (const state of ["approved", "sent_back"] as const)
      expect(
        decideApproval({ actor: coordinator, approval: { ...pending, state }, decision: "approve", reason: "" }),
      ).toBe("decided");
  });
});
