import { describe, expect, it } from "vitest";
import { canVisit, canVisitExit, journey, previousStep, STEPS, type Answers, type JourneyContext } from "./journey";
import { resumePath } from "#app/routing/intake-paths";

const eligible: JourneyContext = { eligibility: "eligible" };
const pending: JourneyContext = { eligibility: null };

const throughCheck: Answers = {
  municipalityId: "amsterdam",
  topic: "conduct",
  courtCase: "no",
  complainedFirst: "yes",
  complaintReceivedOn: "2026-01-05",
  answerStatus: "answered",
  answeredOn: "2026-02-01",
  outcomeAcknowledged: true,
};

const complete: Answers = {
  ...throughCheck,
  forWhom: "self",
  contact: {
    name: "Fatima el Amrani",
    street: "Dam",
    houseNumber: "1",
    postcode: "1012 JS",
    city: "Amsterdam",
    email: "fatima@example.nl",
    preferredChannel: "email",
  },
  complaint: { text: "Niemand belde terug.", place: "Stadsloket", date: "2025-12-01" },
  attachmentsDone: true,
};

describe("journey", () => {
  it("starts at the municipality question", () => {
    expect(journey({}, pending)).toEqual({ reachable: ["municipality"], next: "municipality", exit: null });
    expect(resumePath({}, pending)).toBe("/klacht/gemeente");
  });

  it("does not let anyone skip ahead by URL", () => {
    expect(canVisit("contact", { municipalityId: "amsterdam" }, pending)).toBe(false);
    expect(canVisit("review", throughCheck, eligible)).toBe(false);
    expect(canVisit("topic", { municipalityId: "amsterdam" }, pending)).toBe(true);
  });

  it("lets a resident go back to any step they completed", () => {
    for (const step of ["municipality", "topic", "court", "firstLine", "receivedOn", "answer", "answerDate"] as const) {
      expect(canVisit(step, complete, eligible)).toBe(true);
    }
  });

  it.each([
    [{ municipalityId: "other" }, "otherOrganisation", "/klacht/doorverwijzing/andere-organisatie"],
    [{ municipalityId: "amsterdam", topic: "decision" }, "objection", "/klacht/doorverwijzing/bezwaar"],
    [
      { municipalityId: "amsterdam", topic: "public_space" },
      "publicSpace",
      "/klacht/doorverwijzing/melding-openbare-ruimte",
    ],
    [{ municipalityId: "amsterdam", topic: "damages" }, "damages", "/klacht/doorverwijzing/schadevergoeding"],
    [{ municipalityId: "amsterdam", topic: "care_provider" }, "careProvider", "/klacht/doorverwijzing/zorgaanbieder"],
    [{ municipalityId: "amsterdam", topic: "conduct", courtCase: "yes" }, "court", "/klacht/doorverwijzing/rechter"],
    [
      { municipalityId: "amsterdam", topic: "conduct", courtCase: "no", complainedFirst: "no" },
      "firstLine",
      "/klacht/doorverwijzing/eerst-klagen-bij-de-gemeente",
    ],
  ] as const)("ends in the right exit for %j", (answers, exit, path) => {
    expect(journey(answers, pending).exit).toBe(exit);
    expect(resumePath(answers, pending)).toBe(path);
    expect(canVisitExit(exit, answers, pending)).toBe(true);
    expect(canVisit("forWhom", answers, eligible)).toBe(false);
  });

  it("shows an exit only to someone whose answers lead there", () => {
    expect(canVisitExit("objection", { municipalityId: "amsterdam", topic: "conduct" }, pending)).toBe(false);
  });

  it("asks for the answer date only when there was an answer, and the postponement date only when announced", () => {
    const base: Answers = { ...throughCheck, answeredOn: undefined, outcomeAcknowledged: undefined };
    expect(journey({ ...base, answerStatus: "answered" }, pending).next).toBe("answerDate");
    expect(journey({ ...base, answerStatus: "postponed" }, pending).next).toBe("postponedDate");
    expect(journey({ ...base, answerStatus: "not_answered" }, pending).next).toBe("outcome");
  });

  it("stops at the outcome until the check says eligible and the resident continues", () => {
    const atOutcome = { ...throughCheck, outcomeAcknowledged: undefined };
    expect(journey(atOutcome, { eligibility: "too_early" }).next).toBe("outcome");
    expect(journey({ ...throughCheck }, { eligibility: "window_expired" }).next).toBe("outcome");
    expect(canVisit("forWhom", throughCheck, { eligibility: "too_early" })).toBe(false);
    expect(journey(throughCheck, eligible).next).toBe("forWhom");
  });

  it("reopens the date step whose stored date conflicts with the others, so the resident is sent where it can be fixed", () => {
    const conflict: JourneyContext = {
      eligibility: "invalid",
      errors: [{ field: "answeredOn", code: "before_receipt" }],
    };
    expect(journey(throughCheck, conflict).next).toBe("answerDate");
    expect(canVisit("outcome", throughCheck, conflict)).toBe(false);
    const postponed: Answers = { ...throughCheck, answerStatus: "postponed", postponedUntil: "2026-03-01" };
    expect(
      journey(postponed, { eligibility: "invalid", errors: [{ field: "postponedUntil", code: "not_after_term" }] })
        .next,
    ).toBe("postponedDate");
  });

  it("adds the represented person and the mandate for someone complaining for another", () => {
    const forOther: Answers = { ...complete, forWhom: "other" };
    expect(journey(forOther, eligible).next).toBe("represented");
    expect(
      journey(
        {
          ...forOther,
          represented: { name: "Jan", street: "Dam", houseNumber: "2", postcode: "1012 JS", city: "Amsterdam" },
        },
        eligible,
      ).next,
    ).toBe("mandate");
    expect(previousStep("complaint", forOther)).toBe("mandate");
    expect(previousStep("complaint", complete)).toBe("contact");
  });

  it("reaches the review once every applicable step is done", () => {
    const state = journey(complete, eligible);
    expect(state.next).toBe("review");
    expect(state.reachable).toEqual(STEPS.filter((s) => !["postponedDate", "represented", "mandate"].includes(s)));
  });

  it("stops at the exit again when an earlier answer changes, even with later answers kept", () => {
    const changed: Answers = { ...complete, topic: "damages" };
    expect(journey(changed, eligible)).toMatchObject({ exit: "damages", next: null });
    expect(canVisit("review", changed, eligible)).toBe(false);
  });
});
