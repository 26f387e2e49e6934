import { describe, expect, it } from "vitest";
import { backOfficeScope, decideAct, scopeFor, type Actor } from "./scope.server";

const HANDLER = { id: "11111111-1111-4111-8111-111111111111", role: "case_handler" } as const;
const COLLEAGUE = "22222222-2222-4222-8222-222222222222";
const COORDINATOR = { id: "33333333-3333-4333-8333-333333333333", role: "coordinator" } as const;
const OFFICER = {
  id: "44444444-4444-4444-8444-444444444444",
  role: "municipality_officer",
  municipalityId: "amsterdam",
} as const;
const RESIDENT = { role: "resident", dossierId: "55555555-5555-4555-8555-555555555555" } as const;

describe("who may act on a dossier (decideAct)", () => {
  const unassigned = { assigneeId: null };
  const mine = { assigneeId: HANDLER.id };
  const theirs = { assigneeId: COLLEAGUE };

  it("lets a coordinator assign any dossier to anyone, also one assigned to someone else", () => {
    for (const dossier of [unassigned, mine, theirs]) {
      expect(decideAct(COORDINATOR, { type: "assign", assigneeId: COLLEAGUE }, dossier)).toBe("allowed");
      expect(decideAct(COORDINATOR, { type: "assign", assigneeId: COORDINATOR.id }, dossier)).toBe("allowed");
    }
  });

  it("lets a case handler take an unassigned dossier or keep their own, and nothing more", () => {
    expect(decideAct(HANDLER, { type: "assign", assigneeId: HANDLER.id }, unassigned)).toBe("allowed");
    expect(decideAct(HANDLER, { type: "assign", assigneeId: HANDLER.id }, mine)).toBe("allowed");
    expect(decideAct(HANDLER, { type: "assign", assigneeId: HANDLER.id }, theirs)).toBe("forbidden");
    expect(decideAct(HANDLER, { type: "assign", assigneeId: COLLEAGUE }, unassigned)).toBe("forbidden");
    expect(decideAct(HANDLER, { type: "assign", assigneeId: COLLEAGUE }, mine)).toBe("forbidden");
  });

  it("opens every other action to all staff, whoever the dossier is assigned to", () => {
    for (const actor of [HANDLER, COORDINATOR]) {
      for (const dossier of [unassigned, mine, theirs])
        expect(decideAct(actor, { type: "work" }, dossier)).toBe("allowed");
    }
  });

  it("never lets a municipality officer or a resident act in the back office, and says so as 'not found'", () => {
    for (const actor of [OFFICER, RESIDENT] satisfies Actor[]) {
      expect(decideAct(actor, { type: "work" }, unassigned)).toBe("not_found");
      expect(decideAct(actor, { type: "assign", assigneeId: "id" in actor ? actor.id : COLLEAGUE }, unassigned)).toBe(
        "not_found",
      );
    }
  });
});

describe("what an actor's scope is", () => {
  it("gives staff everything, officers and residents their own, and anyone incomplete nothing", () => {
    expect(scopeFor(HANDLER).kind).toBe("staff");
    expect(scopeFor(COORDINATOR).kind).toBe("staff");
    expect(scopeFor(OFFICER).kind).toBe("officer");
    expect(scopeFor(RESIDENT).kind).toBe("resident");
    // An officer without a municipality, or a link to something that is not a dossier id, sees nothing.
    expect(scopeFor({ ...OFFICER, municipalityId: null }).kind).toBe("none");
    expect(scopeFor({ id: OFFICER.id, role: "municipality_officer" }).kind).toBe("none");
    expect(scopeFor({ role: "resident", dossierId: "OMA-2026-00001" }).kind).toBe("none");
  });

  it("keeps the back office to staff, even for an officer's shared dossiers", () => {
    expect(backOfficeScope(HANDLER).kind).toBe("staff");
    expect(backOfficeScope(COORDINATOR).kind).toBe("staff");
    expect(backOfficeScope(OFFICER).kind).toBe("none");
    expect(backOfficeScope(RESIDENT).kind).toBe("none");
  });
});
