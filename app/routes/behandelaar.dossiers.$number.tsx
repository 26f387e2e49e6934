import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireUser } from "#app/auth/session.server";
import { Heading, Link, PageTitle, Paragraph, VisuallyHidden } from "#app/components/ui";
import { daysUntil } from "#app/dossiers/deadlines";
import { formatFileSize } from "#app/dossiers/download";
import { getDossierForStaff, STAFF_ROLES, type StaffDossier } from "#app/dossiers/queries.server";
import { formatDate, formatDateTime, interpolate, useI18n, type Locale, type Messages } from "#app/i18n/i18n";
import { audit } from "#app/utils/audit.server";
import { addDays, amsterdamDateOf } from "#app/utils/calendar-date";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, (t) => interpolate(t.dossier.title, { number: data?.dossier.number ?? "" }));

// Personal data: never kept by a browser or a shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, STAFF_ROLES);
  const { db, now } = context.services;
  const dossier = await getDossierForStaff(db, { number: params.number ?? "", actor: user });
  if (!dossier) throw new Response("Not Found", { status: 404 });
  await audit(db, context, user, {
    action: "dossier.viewed",
    subjectType: "dossier",
    subjectId: dossier.id,
    details: { number: dossier.number },
  });
  const today = amsterdamDateOf(now());
  return { dossier, today, contactDays: daysUntil(dossier.contactDueOn, today) };
}

type T = Messages["dossier"];

/** Looks a code up in a label table; a code the table does not know yet is shown as it is. */
function label(table: Record<string, string>, code: string | null): string {
  if (code === null) return "";
  return table[code] ?? code;
}

function contactDueText(t: T, days: number): string {
  if (days === 0) return t.contactDueToday;
  if (days === 1) return t.contactDueInOneDay;
  if (days > 1) return interpolate(t.contactDueInDays, { days });
  if (days === -1) return t.contactOverdueOneDay;
  return interpolate(t.contactOverdueDays, { days: -days });
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="oma-summary__row">
      <dt className="oma-summary__key">{term}</dt>
      <dd className="oma-summary__value">{children}</dd>
    </div>
  );
}

function Facts({ children }: { children: ReactNode }) {
  // The same summary list as the resident's check-your-answers page.
  return <dl className="oma-summary">{children}</dl>;
}

type Party = NonNullable<StaffDossier["complainant"]>;

function PartyFacts({ party, t }: { party: Party; t: T }) {
  return (
    <Facts>
      <Fact term={t.name}>{party.name}</Fact>
      <Fact term={t.address}>
        {party.street} {party.houseNumber}
        <br />
        {party.postcode} {party.city}
      </Fact>
      <Fact term={t.email}>{party.email ? <a className="utrecht-link" href={`mailto:${party.email}`}>{party.email}</a> : t.notGiven}</Fact>
      <Fact term={t.phone}>{party.phone ? <a className="utrecht-link" href={`tel:${party.phone.replace(/[^+\d]/g, "")}`}>{party.phone}</a> : t.notGiven}</Fact>
      {party.preferredChannel ? <Fact term={t.preferredChannel}>{label(t.contactChannels, party.preferredChannel)}</Fact> : null}
    </Facts>
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
    <Facts>
      <Fact term={t.complainedFirst}>{facts.complainedToMunicipality ? t.yes : t.no}</Fact>
      <Fact term={t.complaintReceivedOn}>{date(facts.complaintReceivedOn)}</Fact>
      <Fact term={t.answeredOn}>{facts.answeredOn ? date(facts.answeredOn) : t.notAnswered}</Fact>
      {facts.postponedUntil ? <Fact term={t.postponedUntil}>{date(facts.postponedUntil)}</Fact> : null}
      <Fact term={t.handlingWeeks}>{interpolate(t.handlingWeeksValue, { weeks: facts.handlingWeeks })}</Fact>
      <Fact term={t.handlingDeadline}>
        {date(facts.handlingDeadline)}
        <DeadlineExplanation facts={facts} today={today} t={t} locale={locale} />
      </Fact>
      <Fact term={t.outcome}>{label(t.outcomes, facts.outcome)}</Fact>
      {facts.ground ? <Fact term={t.ground}>{label(t.grounds, facts.ground)}</Fact> : null}
      {facts.windowEndsOn ? <Fact term={t.windowEndsOn}>{date(facts.windowEndsOn)}</Fact> : null}
      {facts.overrideReason ? <Fact term={t.overrideReason}>{facts.overrideReason}</Fact> : null}
    </Facts>
  );
}

export default function DossierPage() {
  const { messages, locale } = useI18n();
  const t = messages.dossier;
  const { dossier, today, contactDays } = useLoaderData<typeof loader>();
  const date = (iso: string) => formatDate(iso, locale, true);

  return (
    <>
      <Paragraph>
        <Link to="/behandelaar">{t.backToList}</Link>
      </Paragraph>
      <PageTitle preHeading={interpolate(t.preHeading, { municipality: dossier.municipalityName })}>
        {interpolate(t.title, { number: dossier.number })}
      </PageTitle>
      <Facts>
        <Fact term={t.summaryStatus}>{label(t.statuses, dossier.status)}</Fact>
        <Fact term={t.summaryMunicipality}>{dossier.municipalityName}</Fact>
        <Fact term={t.summarySubmittedAt}>{formatDateTime(dossier.submittedAt, locale)}</Fact>
        <Fact term={t.summaryChannel}>{label(t.intakeChannels, dossier.channel)}</Fact>
        {dossier.firstContactAt ? (
          <Fact term={t.summaryFirstContact}>{formatDateTime(dossier.firstContactAt, locale)}</Fact>
        ) : (
          <Fact term={t.summaryContactDue}>
            {date(dossier.contactDueOn)} ({contactDueText(t, contactDays)})
          </Fact>
        )}
      </Facts>

      <Heading level={2}>{t.complaintHeading}</Heading>
      <Facts>
        <Fact term={t.topic}>{label(t.topics, dossier.topic)}</Fact>
        <Fact term={t.complaintText}>
          <span className="utrecht-multiline-data">{dossier.complaintText}</span>
        </Fact>
        <Fact term={t.incidentPlace}>{dossier.incidentPlace}</Fact>
        <Fact term={t.incidentDate}>{date(dossier.incidentDate)}</Fact>
        {dossier.peopleInvolved ? (
          <Fact term={t.peopleInvolved}>
            <span className="utrecht-multiline-data">{dossier.peopleInvolved}</span>
          </Fact>
        ) : null}
        {dossier.desiredOutcome ? (
          <Fact term={t.desiredOutcome}>
            <span className="utrecht-multiline-data">{dossier.desiredOutcome}</span>
          </Fact>
        ) : null}
      </Facts>

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

      <Heading level={2}>{t.attachmentsHeading}</Heading>
      {dossier.attachments.length === 0 ? (
        <Paragraph>{t.noAttachments}</Paragraph>
      ) : (
        <div className="utrecht-table-container utrecht-table-container--overflow-inline">
          <table className="oma-table">
            <caption className="oma-visually-hidden">
              {interpolate(t.attachmentsCaption, { number: dossier.number })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.fileName}</th>
                <th scope="col">{t.category}</th>
                <th scope="col">{t.size}</th>
                <th scope="col">{t.uploadedAt}</th>
                <th scope="col">{t.visibility}</th>
              </tr>
            </thead>
            <tbody>
              {dossier.attachments.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    {/* A plain link: a download is a document request, not a client-side navigation. */}
                    <a
                      className="utrecht-link"
                      href={`/behandelaar/dossiers/${encodeURIComponent(dossier.number)}/bijlagen/${a.id}`}
                      download
                    >
                      {a.fileName}
                      <VisuallyHidden> ({t.download})</VisuallyHidden>
                    </a>
                  </th>
                  <td>{label(t.categories, a.category)}</td>
                  <td>{formatFileSize(a.size, locale)}</td>
                  <td>{formatDateTime(a.uploadedAt, locale)}</td>
                  <td>{label(t.visibilities, a.visibility)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Heading level={2}>{t.historyHeading}</Heading>
      <ol className="utrecht-ordered-list">
        {dossier.events.map((e) => (
          <li key={e.id} className="utrecht-ordered-list__item">
            <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at, locale)}</time>
            {": "}
            {label(t.eventTypes, e.type)}
            {e.actorName ? ` ${interpolate(t.eventBy, { name: e.actorName })}` : null}
          </li>
        ))}
      </ol>
    </>
  );
}
