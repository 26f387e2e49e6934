/**
 * The resident's journey through the complaint form (after GOV.UK forms-runner's Flow::Journey):
 * which steps apply given the answers so far, which is next, which exit ends the journey, and
 * whether a step may be visited. Pure; every step's loader asks `canVisit` first, so nobody
 * skips ahead by typing a URL.
 */

import type { EligibilityError, EligibilityOutcome } from "./eligibility";

export type Topic = "conduct" | "decision" | "public_space" | "damages" | "care_provider";
export type YesNo = "yes" | "no";
export type AnswerStatus = "answered" | "not_answered" | "postponed";
export type ContactChannel = "email" | "phone";

export type Address = { street: string; houseNumber: string; postcode: string; city: string };
export type ContactDetails = Address & {
  name: string;
  email?: string;
  phone?: string;
  preferredChannel: ContactChannel;
};
export type RepresentedPerson = Address & { name: string };
export type ComplaintDetails = {
  text: string;
  place: string;
  date: string;
  people?: string;
  desiredOutcome?: string;
};

/** Everything a draft can hold. Stored as JSON; every step re-validates what it reads. */
export type Answers = {
  municipalityId?: string;
  topic?: Topic;
  courtCase?: YesNo;
  complainedFirst?: YesNo;
  complaintReceivedOn?: string;
  answerStatus?: AnswerStatus;
  answeredOn?: string;
  postponedUntil?: string;
  outcomeAcknowledged?: boolean;
  forWhom?: "self" | "other";
  contact?: ContactDetails;
  represented?: RepresentedPerson;
  mandateDone?: boolean;
  complaint?: ComplaintDetails;
  attachmentsDone?: boolean;
};

export const OTHER_ORGANISATION = "other";

export const STEPS = [
  "municipality",
  "topic",
  "court",
  "firstLine",
  "receivedOn",
  "answer",
  "answerDate",
  "postponedDate",
  "outcome",
  "forWhom",
  "contact",
  "represented",
  "mandate",
  "complaint",
  "attachments",
  "review",
] as const;
export type StepId = (typeof STEPS)[number];

export const EXITS = [
  "otherOrganisation",
  "objection",
  "publicSpace",
  "damages",
  "careProvider",
  "court",
  "firstLine",
] as const;
export type ExitId = (typeof EXITS)[number];

export type JourneyContext = {
  /** The first-line check computed from the answers (null while the dates are incomplete). */
  eligibility: EligibilityOutcome | null;
  /**
   * The first-line check's input errors. A stored date that no longer fits the others (a receipt
   * date changed to after the answer date) leaves its step open, so the journey sends the resident
   * there, where the conflict is told and can be fixed, instead of round in a circle.
   */
  errors?: readonly EligibilityError[];
};

/** The date step that holds each field of the first-line check. */
const STEP_OF_FIELD: Partial<Record<EligibilityError["field"], StepId>> = {
  complaintReceivedOn: "receivedOn",
  answeredOn: "answerDate",
  postponedUntil: "postponedDate",
};

/** Whether the first-line check found this step's stored date in conflict with the others. */
export function hasDateConflict(step: StepId, ctx: JourneyContext): boolean {
  return (ctx.errors ?? []).some((e) => STEP_OF_FIELD[e.field] === step);
}

/** Whether a step applies at all, given the answers before it. */
export function isApplicable(step: StepId, a: Answers): boolean {
  switch (step) {
    case "answerDate":
      return a.answerStatus === "answered";
    case "postponedDate":
      return a.answerStatus === "postponed";
    case "represented":
    case "mandate":
      return a.forWhom === "other";
    default:
      return true;
  }
}

/** Whether the answers hold what the step asks for. */
export function isComplete(step: StepId, a: Answers, ctx: JourneyContext): boolean {
  switch (step) {
    case "municipality":
      return Boolean(a.municipalityId);
    case "topic":
      return Boolean(a.topic);
    case "court":
      return Boolean(a.courtCase);
    case "firstLine":
      return Boolean(a.complainedFirst);
    case "receivedOn":
      return Boolean(a.complaintReceivedOn) && !hasDateConflict(step, ctx);
    case "answer":
      return Boolean(a.answerStatus);
    case "answerDate":
      return Boolean(a.answeredOn) && !hasDateConflict(step, ctx);
    case "postponedDate":
      return Boolean(a.postponedUntil) && !hasDateConflict(step, ctx);
    case "outcome":
      return ctx.eligibility === "eligible" && a.outcomeAcknowledged === true;
    case "forWhom":
      return Boolean(a.forWhom);
    case "contact":
      return Boolean(a.contact);
    case "represented":
      return Boolean(a.represented);
    case "mandate":
      return a.mandateDone === true;
    case "complaint":
      return Boolean(a.complaint);
    case "attachments":
      return a.attachmentsDone === true;
    case "review":
      return false;
  }
}

/** The exit a completed step leads to, if any. */
export function exitAfter(step: StepId, a: Answers): ExitId | null {
  switch (step) {
    case "municipality":
      return a.municipalityId === OTHER_ORGANISATION ? "otherOrganisation" : null;
    case "topic":
      return (
        (
          {
            decision: "objection",
            public_space: "publicSpace",
            damages: "damages",
            care_provider: "careProvider",
          } as const
        )[a.topic as Exclude<Topic, "conduct">] ?? null
      );
    case "court":
      return a.courtCase === "yes" ? "court" : null;
    case "firstLine":
      return a.complainedFirst === "no" ? "firstLine" : null;
    default:
      return null;
  }
}

export type JourneyState = {
  /** Steps the resident may visit: every completed step on the way, plus the next one. */
  reachable: StepId[];
  /** The first step that still needs an answer, or null when the journey ended in an exit. */
  next: StepId | null;
  exit: ExitId | null;
};

export function journey(answers: Answers, ctx: JourneyContext): JourneyState {
  const reachable: StepId[] = [];
  for (const step of STEPS) {
    if (!isApplicable(step, answers)) continue;
    reachable.push(step);
    if (!isComplete(step, answers, ctx)) return { reachable, next: step, exit: null };
    const exit = exitAfter(step, answers);
    if (exit) return { reachable, next: null, exit };
  }
  return { reachable, next: "review", exit: null };
}

export function canVisit(step: StepId, answers: Answers, ctx: JourneyContext): boolean {
  return journey(answers, ctx).reachable.includes(step);
}

/** The exit may be shown only when the answers lead there. */
export function canVisitExit(exit: ExitId, answers: Answers, ctx: JourneyContext): boolean {
  return journey(answers, ctx).exit === exit;
}

/** The step before this one on the resident's path, for the back link. */
export function previousStep(step: StepId, answers: Answers): StepId | null {
  const applicable = STEPS.filter((s) => isApplicable(s, answers));
  const i = applicable.indexOf(step);
  return i > 0 ? (applicable[i - 1] ?? null) : null;
}

/** Progress for the step indicator: the sections a resident recognises. */
export const SECTIONS: { id: "check" | "details" | "complaint" | "send"; steps: StepId[] }[] = [
  {
    id: "check",
    steps: [
      "municipality",
      "topic",
      "court",
      "firstLine",
      "receivedOn",
      "answer",
      "answerDate",
      "postponedDate",
      "outcome",
    ],
  },
  { id: "details", steps: ["forWhom", "contact", "represented", "mandate"] },
  { id: "complaint", steps: ["complaint", "attachments"] },
  { id: "send", steps: ["review"] },
];

export function sectionOf(step: StepId): (typeof SECTIONS)[number]["id"] {
  return SECTIONS.find((s) => s.steps.includes(step))!.id;
}
