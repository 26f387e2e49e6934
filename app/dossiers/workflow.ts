/**
 * The dossier workflow: received → intake (first contact,
 * assessment) → in progress as intervention, mediation or investigation → closed. Closing
 * needs an outcome; some outcomes need more (a finding, an Awb reason code). Pure.
 */

import { DOSSIER_STATUSES, type DossierStatus } from "#db/schema/values";

/** The statuses, the same list the database's `dossier_status` enum is built from. */
export const STATUSES = DOSSIER_STATUSES;
export type Status = DossierStatus;

const NEXT: Record<Status, readonly Status[]> = {
  // A case can end at any point before the work starts: referred, withdrawn, not taken up.
  received: ["intake", "closed"],
  intake: ["intervention", "mediation", "investigation", "closed"],
  // Work may change form: an intervention that does not help can become an investigation.
  intervention: ["mediation", "investigation", "closed"],
  mediation: ["intervention", "investigation", "closed"],
  investigation: ["intervention", "mediation", "closed"],
  closed: [],
};

export function nextStatuses(from: Status): readonly Status[] {
  return NEXT[from];
}

export const OUTCOMES = [
  "resolved_after_intervention", // Awb 9:23 onder l
  "report_with_finding", // Awb 9:36
  "not_taken_up", // Awb 9:22, 9:23, 9:24
  "referred", // Awb 9:18(2), 9:19
  "withdrawn",
  "policy_signal",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const FINDINGS = ["well_founded", "partly_well_founded", "unfounded"] as const;
export type Finding = (typeof FINDINGS)[number];

/** The legal ground for not taking a case up: Awb 9:22, one of the letters of 9:23, or 9:24 (too late). */
export const NOT_TAKEN_UP_REASONS = [
  "awb_9_22",
  ...(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"] as const).map((l) => `awb_9_23_${l}` as const),
  "awb_9_24",
] as const;
export type NotTakenUpReason = (typeof NOT_TAKEN_UP_REASONS)[number];

/** Outcomes that fit the status a case is closed from: a finding needs an investigation behind it. */
export function outcomesFrom(from: Status): readonly Outcome[] {
  if (from === "investigation") return OUTCOMES;
  return OUTCOMES.filter((o) => o !== "report_with_finding");
}

export type TransitionInput = {
  from: Status;
  to: string;
  outcome?: string;
  finding?: string;
  reason?: string;
};

export type TransitionError = {
  field: "to" | "outcome" | "finding" | "reason";
  code: "not_allowed" | "required" | "invalid";
};

export type Transition =
  | { ok: true; to: Status; outcome: Outcome | null; detail: Finding | NotTakenUpReason | null }
  | { ok: false; errors: TransitionError[] };

const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === "string" && (list as readonly string[]).includes(v);

export function validateTransition(input: TransitionInput): Transition {
  const { from, to } = input;
  if (!isOneOf(STATUSES, to) || !NEXT[from].includes(to))
    return { ok: false, errors: [{ field: "to", code: "not_allowed" }] };
  if (to !== "closed") return { ok: true, to, outcome: null, detail: null };

  if (!input.outcome) return { ok: false, errors: [{ field: "outcome", code: "required" }] };
  if (!isOneOf(outcomesFrom(from), input.outcome))
    return { ok: false, errors: [{ field: "outcome", code: "invalid" }] };
  const outcome = input.outcome;
  if (outcome === "report_with_finding") {
    if (!input.finding) return { ok: false, errors: [{ field: "finding", code: "required" }] };
    if (!isOneOf(FINDINGS, input.finding)) return { ok: false, errors: [{ field: "finding", code: "invalid" }] };
    return { ok: true, to, outcome, detail: input.finding };
  }
  if (outcome === "not_taken_up") {
    if (!input.reason) return { ok: false, errors: [{ field: "reason", code: "required" }] };
    if (!isOneOf(NOT_TAKEN_UP_REASONS, input.reason))
      return { ok: false, errors: [{ field: "reason", code: "invalid" }] };
    return { ok: true, to, outcome, detail: input.reason };
  }
  return { ok: true, to, outcome, detail: null };
}
