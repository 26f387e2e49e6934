import { and, asc, eq, gt, isNull, lte, or } from "drizzle-orm";
import type { Database, Queryable } from "#db/client";
import { municipalities, publicHolidays, type Municipality } from "#db/schema/index";
import { amsterdamDateOf, type IsoDate } from "#app/utils/calendar-date";
import type { Services } from "#app/utils/services.server";
import {
  assessEligibility,
  computeHandlingDeadline,
  DEFAULT_HANDLING_WEEKS,
  type EligibilityResult,
  type HandlingDeadlineExplanation,
} from "./eligibility";
import type { Answers, JourneyContext } from "./journey";
import type { Holiday } from "./holidays";

const isAffiliatedOn = (day: IsoDate) =>
  and(lte(municipalities.joinedOn, day), or(isNull(municipalities.leftOn), gt(municipalities.leftOn, day)));

/** Municipalities affiliated on the given day, by name. */
export function affiliatedMunicipalities(db: Queryable, day: IsoDate): Promise<Municipality[]> {
  return db.select().from(municipalities).where(isAffiliatedOn(day)).orderBy(asc(municipalities.name));
}

export async function getMunicipality(db: Queryable, id: string): Promise<Municipality | null> {
  const [row] = await db.select().from(municipalities).where(eq(municipalities.id, id));
  return row ?? null;
}

export function isAffiliated(m: Municipality, day: IsoDate): boolean {
  return m.joinedOn <= day && (m.leftOn === null || m.leftOn > day);
}

// The holiday table changes a few times a year; each step reads it, so it is cached briefly.
const HOLIDAY_TTL_MS = 60_000;
const holidayCache = new WeakMap<Database, { at: number; holidays: Holiday[] }>();

export async function holidayTable(db: Database): Promise<Holiday[]> {
  const hit = holidayCache.get(db);
  if (hit && Date.now() - hit.at < HOLIDAY_TTL_MS) return hit.holidays;
  const rows = await db.select().from(publicHolidays).orderBy(asc(publicHolidays.day));
  const holidays: Holiday[] = rows.map((r) => ({ day: r.day, name: r.name, kind: r.kind, source: r.source }));
  holidayCache.set(db, { at: Date.now(), holidays });
  return holidays;
}

/** Drops this process's cached table after a coordinator changed it (other processes catch up within the TTL). */
export function forgetHolidayTable(db: Database): void {
  holidayCache.delete(db);
}

export function todayIn(services: Pick<Services, "now">): IsoDate {
  return amsterdamDateOf(services.now());
}

/** The municipality's own term for the receipt date in the answers (without a postponement). */
export async function handlingTermFor(
  services: Services,
  answers: Answers,
): Promise<HandlingDeadlineExplanation | null> {
  if (!answers.complaintReceivedOn) return null;
  const municipality = answers.municipalityId ? await getMunicipality(services.db, answers.municipalityId) : null;
  try {
    return computeHandlingDeadline(
      answers.complaintReceivedOn,
      municipality?.handlingWeeks ?? DEFAULT_HANDLING_WEEKS,
      await holidayTable(services.db),
    );
  } catch {
    return null;
  }
}

export type DraftAssessment = {
  municipalityName: string | null;
  result: EligibilityResult;
  explanation: HandlingDeadlineExplanation | null;
  handlingWeeks: number;
  today: IsoDate;
  holidays: Holiday[];
};

/**
 * The first-line check for a draft's answers, with the municipality's own term and the
 * holiday table from the database. Null until the resident has given the dates it needs.
 */
export async function assessAnswers(
  services: Services,
  answers: Answers,
  known?: { municipality: Municipality | null },
): Promise<DraftAssessment | null> {
  if (answers.complainedFirst !== "yes" || !answers.complaintReceivedOn || !answers.answerStatus) return null;
  if (answers.answerStatus === "answered" && !answers.answeredOn) return null;
  if (answers.answerStatus === "postponed" && !answers.postponedUntil) return null;
  const municipality =
    known && known.municipality?.id === answers.municipalityId
      ? known.municipality
      : answers.municipalityId
        ? await getMunicipality(services.db, answers.municipalityId)
        : null;
  const handlingWeeks = municipality?.handlingWeeks ?? DEFAULT_HANDLING_WEEKS;
  const holidays = await holidayTable(services.db);
  const today = todayIn(services);
  const result = assessEligibility(
    {
      complainedToMunicipality: true,
      complaintReceivedOn: answers.complaintReceivedOn,
      answeredOn: answers.answerStatus === "answered" ? answers.answeredOn : null,
      postponedUntil: answers.answerStatus === "postponed" ? answers.postponedUntil : null,
      handlingWeeks,
      today,
    },
    holidays,
  );
  let explanation: HandlingDeadlineExplanation | null = null;
  try {
    explanation = computeHandlingDeadline(answers.complaintReceivedOn, handlingWeeks, holidays);
  } catch {
    explanation = null;
  }
  return { municipalityName: municipality?.name ?? null, result, explanation, handlingWeeks, today, holidays };
}

/** What the journey needs to know of the first-line check. */
export function journeyContextOf(assessment: DraftAssessment | null | undefined): JourneyContext {
  return { eligibility: assessment?.result.outcome ?? null, errors: assessment?.result.errors ?? [] };
}
