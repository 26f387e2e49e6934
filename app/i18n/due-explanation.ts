import type { Messages } from "./catalogue.server";
import { formatDate, interpolate, type Locale } from "./format";

/**
 * Why a due date is what it is, in words: the term from the sent date (or from the last granted
 * extension), rolled past which days (Algemene termijnenwet). The back office, the portal and the
 * resident's letter read the same sentences.
 */

type R = Messages["requests"];

export type DueFacts = {
  sentOn: string;
  termWeeks: number;
  nominalDueOn: string;
  dueOn: string;
  skippedDays: readonly { reason: string; name?: string | null }[];
  extensions?: readonly { status: string; weeks: number; previousDueOn: string | null; newDueOn: string | null }[];
};

/** "a Saturday, a Sunday, Easter Monday": each reason a due date rolled past, once, in order. */
function skipReasons(skipped: DueFacts["skippedDays"], r: R): string {
  const reasons: string[] = [];
  for (const day of skipped) {
    const reason =
      day.reason === "saturday" ? r.reasonSaturday : day.reason === "sunday" ? r.reasonSunday : (day.name ?? "");
    if (reason && !reasons.includes(reason)) reasons.push(reason);
  }
  return reasons.join(", ");
}

/** No lines when the due date is simply the term from the sent date. */
export function dueExplanationLines(facts: DueFacts, r: R, locale: Locale): string[] {
  const date = (iso: string) => formatDate(iso, locale, true);
  const granted = (facts.extensions ?? []).filter((e) => e.status === "granted").at(-1);
  const lines: string[] = [];
  if (granted?.previousDueOn && granted.newDueOn)
    lines.push(
      interpolate(r.dueExtended, {
        weeks: granted.weeks,
        from: date(granted.previousDueOn),
        due: date(granted.newDueOn),
      }),
    );
  if (facts.skippedDays.length > 0)
    lines.push(
      interpolate(r.dueExplained, {
        weeks: granted?.weeks ?? facts.termWeeks,
        from: date(granted?.previousDueOn ?? facts.sentOn),
        nominal: date(facts.nominalDueOn),
        reasons: skipReasons(facts.skippedDays, r),
        due: date(facts.dueOn),
      }),
    );
  return lines;
}
