import { EXITS, journey, type Answers, type ExitId, type JourneyContext, type StepId } from "#app/intake/journey";

/**
 * The resident's form in URLs: the journey (app/intake/journey.ts) knows steps and exits by id;
 * this module gives them their Dutch addresses, beside the routes that serve them.
 */

/** Dutch URL segments: /klacht/<slug> for steps, /klacht/doorverwijzing/<slug> for exits. */
export const STEP_SLUGS: Record<StepId, string> = {
  municipality: "gemeente",
  topic: "onderwerp",
  court: "rechter",
  firstLine: "eerst-geklaagd",
  receivedOn: "ontvangen",
  answer: "antwoord",
  answerDate: "antwoorddatum",
  postponedDate: "uitstel",
  outcome: "uitkomst",
  forWhom: "voor-wie",
  contact: "gegevens",
  represented: "vertegenwoordigde",
  mandate: "machtiging",
  complaint: "uw-klacht",
  attachments: "bijlagen",
  review: "controleren",
};

export const EXIT_SLUGS: Record<ExitId, string> = {
  otherOrganisation: "andere-organisatie",
  objection: "bezwaar",
  publicSpace: "melding-openbare-ruimte",
  damages: "schadevergoeding",
  careProvider: "zorgaanbieder",
  court: "rechter",
  firstLine: "eerst-klagen-bij-de-gemeente",
};

export const stepPath = (step: StepId) => `/klacht/${STEP_SLUGS[step]}`;

/** The query value that makes a step return to the check-your-answers page after saving. */
export const REVIEW_RETURN = "controleren";
export const exitPath = (exit: ExitId) => `/klacht/doorverwijzing/${EXIT_SLUGS[exit]}`;

export function exitForSlug(slug: string): ExitId | undefined {
  return EXITS.find((e) => EXIT_SLUGS[e] === slug);
}

/** Where to send someone who asks for the form: the next step, or the exit they reached. */
export function resumePath(answers: Answers, ctx: JourneyContext): string {
  const state = journey(answers, ctx);
  if (state.exit) return exitPath(state.exit);
  return stepPath(state.next ?? "review");
}
