import { useLoaderData } from "@remix-run/react";
import { RelativeDays } from "#app/components/relative-days";
import { SummaryList, SummaryRow } from "#app/components/summary-list";
import { Heading, Paragraph } from "#app/components/ui";
import { closingExplanation } from "#app/dossiers/history";
import type { StaffDossier } from "#app/dossiers/queries.server";
import { formatDate, formatDateTime, interpolate, useI18n, type Locale, type Messages } from "#app/i18n/i18n";
import type { RelativeDaysWords } from "#app/i18n/relative-days";
import { addDays } from "#app/utils/calendar-date";
import type { loader } from "./route";

type T = Messages["dossier"];
type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** Looks a code up in a label table; a code the table does not know yet is shown as it is. */
export function label(table: Record<string, string>, code: string | null | undefined): string {
  if (code === null || code === undefined) return "";
  return table[code] ?? code;
}

type Party = NonNullable<StaffDossier["complainant"]>;

export function PartyFacts({ party, t }: { party: Party; t: T }) {
  return (
    <SummaryList>
      <SummaryRow term={t.name}>{party.name}</SummaryRow>
      <SummaryRow term={t.address}>
        {party.street} {party.houseNumber}
        <br />
        {party.postcode} {party.city}
      </SummaryRow>
      <SummaryRow term={t.email}>
        {party.email ? (
          <a className="utrecht-link" href={`mailto:${party.email}`}>
            {party.email}
          </a>
        ) : (
          t.notGiven
        )}
      </SummaryRow>
      <SummaryRow term={t.phone}>
        {party.phone ? (
          <a className="utrecht-link" href={`tel:${party.phone.replace(/[^+\d]/g, "")}`}>
            {party.phone}
          </a>
        ) : (
          t.notGiven
        )}
      </SummaryRow>
      {party.preferredChannel ? (
        <SummaryRow term={t.preferredChannel}>{label(t.contactChannels, party.preferredChannel)}</SummaryRow>
      ) : null}
    </SummaryList>
  );
}

type Eligibility = NonNullable<StaffDossier["eligibility"]>;

/** "(weekend, Tweede Paasdag)": why the term moved, each reason once, in the order the days came. */
function skipReasons(skipped: Eligibility["skippedDays"], t: T): string {
  const reasons: string[] = [];
  for (const day of skipped) {
    const reason = day.reason === "holiday" ? (day.name ?? t.reasonHoliday) : t.reasonWeekend;
    if (!reasons.includes(reason)) reasons.push(reason);
    if (day.reason !== "holiday" && day.name && !reasons.includes(day.name)) reasons.push(day.name);
  }
  return reasons.join(", ");
}

function DeadlineExplanation({ facts, today, t, locale }: { facts: Eligibility; today: string; t: T; locale: Locale }) {
  // The skipped days run from the nominal date up to the computed term, one after the other.
  const computed = addDays(facts.nominalDeadline, facts.skippedDays.length);
  if (facts.postponedUntil && facts.postponedUntil === facts.handlingDeadline) {
    return (
      <Paragraph>
        {interpolate(t.deadlinePostponed, {
          postponed: formatDate(facts.postponedUntil, locale, true),
          computed: formatDate(computed, locale, true),
        })}
      </Paragraph>
    );
  }
  if (facts.skippedDays.length === 0) return null;
  return (
    <Paragraph>
      {interpolate(computed < today ? t.deadlineRolledPast : t.deadlineRollsFuture, {
        nominal: formatDate(facts.nominalDeadline, locale, true),
        deadline: formatDate(computed, locale, true),
        reasons: skipReasons(facts.skippedDays, t),
      })}
    </Paragraph>
  );
}

function FirstLineFacts({ facts, today, t, locale }: { facts: Eligibility; today: string; t: T; locale: Locale }) {
  const date = (iso: string) => formatDate(iso, locale, true);
  return (
    <SummaryList>
      <SummaryRow term={t.complainedFirst}>{facts.complainedToMunicipality ? t.yes : t.no}</SummaryRow>
      <SummaryRow term={t.complaintReceivedOn}>{date(facts.complaintReceivedOn)}</SummaryRow>
      <SummaryRow term={t.answeredOn}>{facts.answeredOn ? date(facts.answeredOn) : t.notAnswered}</SummaryRow>
      {facts.postponedUntil ? <SummaryRow term={t.postponedUntil}>{date(facts.postponedUntil)}</SummaryRow> : null}
      <SummaryRow term={t.handlingWeeks}>
        {interpolate(t.handlingWeeksValue, { weeks: facts.handlingWeeks })}
      </SummaryRow>
      <SummaryRow term={t.handlingDeadline}>
        {date(facts.handlingDeadline)}
        <DeadlineExplanation facts={facts} today={today} t={t} locale={locale} />
      </SummaryRow>
      <SummaryRow term={t.outcome}>{label(t.outcomes, facts.outcome)}</SummaryRow>
      {facts.ground ? <SummaryRow term={t.ground}>{label(t.grounds, facts.ground)}</SummaryRow> : null}
      {facts.windowEndsOn ? <SummaryRow term={t.windowEndsOn}>{date(facts.windowEndsOn)}</SummaryRow> : null}
      {facts.overrideReason ? <SummaryRow term={t.overrideReason}>{facts.overrideReason}</SummaryRow> : null}
    </SummaryList>
  );
}

function HandlingTarget({ target, closed }: { target: LoaderData["target"]; closed: boolean }) {
  const { messages, locale } = useI18n();
  const tc = messages.casework;
  const date = (iso: string) => formatDate(iso, locale);
  const values = { weeks: target.weeks, base: date(target.base), days: target.pausedDays, target: date(target.target) };
  const text =
    target.pausedDays === 0
      ? interpolate(tc.handlingTargetPlain, values)
      : interpolate(target.pausedDays === 1 ? tc.handlingTargetPausedOne : tc.handlingTargetPaused, values);
  return (
    <>
      <strong>{formatDate(target.target, locale, true)}</strong>
      <br />
      {text}
      {target.running && !closed ? (
        <>
          <br />
          <span className="oma-hint">{tc.handlingTargetRunning}</span>
        </>
      ) : null}
    </>
  );
}

export function ClosedFacts() {
  const { messages, locale } = useI18n();
  const tc = messages.casework;
  const { dossier } = useLoaderData<typeof loader>();
  const explanation = closingExplanation(dossier.events);
  return (
    <>
      <Heading level={2}>{tc.closedHeading}</Heading>
      <SummaryList>
        {dossier.closedAt ? (
          <SummaryRow term={tc.closedOn}>{formatDateTime(dossier.closedAt, locale)}</SummaryRow>
        ) : null}
        <SummaryRow term={tc.outcomeLabel}>{label(tc.outcomes, dossier.outcome)}</SummaryRow>
        {dossier.outcome === "report_with_finding" && dossier.outcomeDetail ? (
          <SummaryRow term={tc.findingLabel}>{label(tc.findings, dossier.outcomeDetail)}</SummaryRow>
        ) : null}
        {dossier.outcome === "not_taken_up" && dossier.outcomeDetail ? (
          <SummaryRow term={tc.reasonLabel}>{label(tc.reasons, dossier.outcomeDetail)}</SummaryRow>
        ) : null}
        {explanation ? (
          <SummaryRow term={tc.explanationLabel}>
            <span className="utrecht-multiline-data">{explanation}</span>
          </SummaryRow>
        ) : null}
      </SummaryList>
    </>
  );
}

const contactWords = (t: T): RelativeDaysWords => ({
  dueToday: t.contactDueToday,
  dueInOneDay: t.contactDueInOneDay,
  dueInDays: t.contactDueInDays,
  overdueOneDay: t.contactOverdueOneDay,
  overdueDays: t.contactOverdueDays,
});

/** The dossier at a glance: status, who has it, and the first-contact and handling dates. */
export function DossierSummary() {
  const { messages, locale } = useI18n();
  const t = messages.dossier;
  const tc = messages.casework;
  const { dossier, contactDays, firstContact, target } = useLoaderData<typeof loader>();
  const date = (iso: string) => formatDate(iso, locale, true);
  const closed = dossier.status === "closed";
  return (
    <SummaryList>
      <SummaryRow term={t.summaryStatus}>{label(t.statuses, dossier.status)}</SummaryRow>
      <SummaryRow term={tc.assignee}>{dossier.assigneeName ?? tc.unassigned}</SummaryRow>
      <SummaryRow term={t.summaryMunicipality}>{dossier.municipalityName}</SummaryRow>
      <SummaryRow term={t.summarySubmittedAt}>{formatDateTime(dossier.submittedAt, locale)}</SummaryRow>
      <SummaryRow term={t.summaryChannel}>{label(t.intakeChannels, dossier.channel)}</SummaryRow>
      {firstContact ? (
        <SummaryRow term={t.summaryFirstContact}>
          {date(firstContact.on)} (
          {firstContact.daysLate === 0
            ? tc.firstContactOnTime
            : firstContact.daysLate === 1
              ? tc.firstContactLateOne
              : interpolate(tc.firstContactLate, { days: firstContact.daysLate })}
          )
          <br />
          <span className="oma-hint">{interpolate(tc.firstContactPromise, { date: date(dossier.contactDueOn) })}</span>
        </SummaryRow>
      ) : (
        <SummaryRow term={t.summaryContactDue}>
          {date(dossier.contactDueOn)} (<RelativeDays days={contactDays} words={contactWords(t)} />)
        </SummaryRow>
      )}
      <SummaryRow term={tc.handlingTarget}>
        <HandlingTarget target={target} closed={closed} />
      </SummaryRow>
    </SummaryList>
  );
}

/** What the resident complained about, who they are, and what the municipality did first. */
export function ComplaintFacts() {
  const { messages, locale } = useI18n();
  const t = messages.dossier;
  const { dossier, today } = useLoaderData<typeof loader>();
  const date = (iso: string) => formatDate(iso, locale, true);
  return (
    <>
      <Heading level={2}>{t.complaintHeading}</Heading>
      <SummaryList>
        <SummaryRow term={t.topic}>{label(t.topics, dossier.topic)}</SummaryRow>
        <SummaryRow term={t.complaintText}>
          <span className="utrecht-multiline-data">{dossier.complaintText}</span>
        </SummaryRow>
        <SummaryRow term={t.incidentPlace}>{dossier.incidentPlace}</SummaryRow>
        <SummaryRow term={t.incidentDate}>{date(dossier.incidentDate)}</SummaryRow>
        {dossier.peopleInvolved ? (
          <SummaryRow term={t.peopleInvolved}>
            <span className="utrecht-multiline-data">{dossier.peopleInvolved}</span>
          </SummaryRow>
        ) : null}
        {dossier.desiredOutcome ? (
          <SummaryRow term={t.desiredOutcome}>
            <span className="utrecht-multiline-data">{dossier.desiredOutcome}</span>
          </SummaryRow>
        ) : null}
      </SummaryList>

      {dossier.byRepresentative && dossier.representative ? (
        <>
          <Heading level={2}>{t.representativeHeading}</Heading>
          <Paragraph>{t.byRepresentativeNote}</Paragraph>
          <PartyFacts party={dossier.representative} t={t} />
        </>
      ) : null}
      {dossier.complainant ? (
        <>
          <Heading level={2}>{t.complainantHeading}</Heading>
          <PartyFacts party={dossier.complainant} t={t} />
        </>
      ) : null}

      <Heading level={2}>{t.firstLineHeading}</Heading>
      {dossier.eligibility ? (
        <FirstLineFacts facts={dossier.eligibility} today={today} t={t} locale={locale} />
      ) : (
        <Paragraph>{t.noEligibility}</Paragraph>
      )}
    </>
  );
}
