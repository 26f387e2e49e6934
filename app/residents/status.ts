import type { IsoDate } from "#app/utils/calendar-date";
import type { DossierStatus } from "#db/schema/values";

/**
 * Where a dossier stands, as a resident reads it: the stage in plain terms, what happens next and
 * by when, and what the ombudsman waits for. Pure: codes and dates; the page puts them into words.
 */

export type ResidentFacts = {
  status: DossierStatus;
  contactDueOn: IsoDate;
  /** The day of the first contact (in Amsterdam), if there was one. */
  firstContactOn: IsoDate | null;
  handlingDueOn: IsoDate;
  /** The reason of a clock pause that runs now. */
  pause: "waiting_for_resident" | "waiting_for_municipality" | null;
  outcome: string | null;
  closedOn: IsoDate | null;
};

export type ResidentStage = "received" | "intake" | "handling" | "closed";
export type ResidentNext =
  /** The handler contacts the resident by `date` (14 days after receipt); `late` once it passed. */
  | { code: "contact"; date: IsoDate; late: boolean }
  /** The ombudsman decides whether it can take the complaint up, and aims to finish by `date`. */
  | { code: "assessment"; date: IsoDate }
  /** The intervention, mediation or investigation runs; the aim is to finish by `date`. */
  | { code: "handling"; way: "intervention" | "mediation" | "investigation"; date: IsoDate }
  /** Closed on `date` with `outcome`. */
  | { code: "closed"; outcome: string | null; date: IsoDate | null };

export type ResidentStatus = {
  stage: ResidentStage;
  next: ResidentNext;
  /** While the clock stands still: whom the ombudsman waits for (the date then moves on). */
  waitingFor: "resident" | "municipality" | null;
  mayWithdraw: boolean;
};

export function residentStatus(facts: ResidentFacts, today: IsoDate): ResidentStatus {
  const waitingFor =
    facts.status === "closed"
      ? null
      : facts.pause === "waiting_for_resident"
        ? "resident"
        : facts.pause === "waiting_for_municipality"
          ? "municipality"
          : null;
  const mayWithdraw = facts.status !== "closed";
  if (facts.status === "closed")
    return {
      stage: "closed",
      next: { code: "closed", outcome: facts.outcome, date: facts.closedOn },
      waitingFor,
      mayWithdraw,
    };
  if (facts.firstContactOn === null)
    return {
      stage: facts.status === "received" ? "received" : "intake",
      next: { code: "contact", date: facts.contactDueOn, late: today > facts.contactDueOn },
      waitingFor,
      mayWithdraw,
    };
  if (facts.status === "received" || facts.status === "intake")
    return { stage: "intake", next: { code: "assessment", date: facts.handlingDueOn }, waitingFor, mayWithdraw };
  return {
    stage: "handling",
    next: { code: "handling", way: facts.status, date: facts.handlingDueOn },
    waitingFor,
    mayWithdraw,
  };
}
