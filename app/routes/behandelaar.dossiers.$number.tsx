import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useRef, type ReactNode } from "react";
import type { z } from "zod";
import { requireUser } from "#app/auth/session.server";
import { AppForm, ErrorSummary, fieldId, RadioGroup, SelectField, TextArea, TextField } from "#app/components/forms";
import { Alert, Button, Heading, Link, PageTitle, Paragraph, VisuallyHidden } from "#app/components/ui";
import {
  addNote,
  assignDossier,
  CaseworkSchemas,
  changeStatus,
  EXPLANATION_MAX,
  findTarget,
  isIntent,
  MAIL_TEMPLATES,
  mailValues,
  NOTE_MAX,
  pauseClock,
  receiveDocument,
  recordContact,
  resumeClock,
  sendMail,
  setVisibility,
  standardText,
  SUMMARY_MAX,
  syncHandlingDueOn,
  type CaseworkResult,
  type CaseworkScope,
  type Intent,
  type MailTemplate,
  type Refusal,
} from "#app/dossiers/casework.server";
import { DOSSIER_URL_ROLES, recordDeniedAccess } from "#app/dossiers/access.server";
import { daysUntil, pausedHandlingTarget } from "#app/dossiers/deadlines";
import { formatFileSize } from "#app/dossiers/download";
import { getCaseworkForStaff, getDossierForStaff, listAssignableStaff, type StaffDossier } from "#app/dossiers/queries.server";
import { FINDINGS, NOT_TAKEN_UP_REASONS, nextStatuses, outcomesFrom, type Status } from "#app/dossiers/workflow";
import { messagesFor } from "#app/i18n/catalogue.server";
import { formatDate, formatDateTime, interpolate, useI18n, type Locale, type Messages } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { CharacterCount } from "#app/intake/character-count";
import { ACCEPT_ATTRIBUTE } from "#app/intake/uploads.server";
import { audit } from "#app/utils/audit.server";
import { addDays, amsterdamDateOf, daysBetween } from "#app/utils/calendar-date";
import { parseForm, readForm, type FieldErrors } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import { displayFileName } from "#app/utils/text";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, (t) => interpolate(t.dossier.title, { number: data?.dossier.number ?? "" }));

// Personal data: never kept by a browser or a shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const dossierPath = (number: string) => `/behandelaar/dossiers/${encodeURIComponent(number)}`;

const notFound = () => new Response("Not Found", { status: 404 });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, DOSSIER_URL_ROLES);
  const { db, now, env } = context.services;
  const number = params.number ?? "";
  const dossier = await getDossierForStaff(db, { number, actor: user });
  if (!dossier) {
    await recordDeniedAccess(db, context, user, { route: "dossier", number });
    throw notFound();
  }
  await audit(db, context, user, {
    action: "dossier.viewed",
    subjectType: "dossier",
    subjectId: dossier.id,
    details: { number: dossier.number },
  });
  const today = amsterdamDateOf(now());
  const casework = await getCaseworkForStaff(db, { dossierId: dossier.id, actor: user });
  if (!casework) throw notFound();

  const closed = dossier.status === "closed";
  const pause = casework.pauses.find((p) => p.endedOn === null) ?? null;
  const target = pausedHandlingTarget(amsterdamDateOf(dossier.submittedAt), env.handlingTargetWeeks, casework.pauses, today);
  // A running pause moves the target a day each day; the queue sorts on the stored one.
  if (pause && !closed && target.target !== dossier.handlingDueOn) {
    await syncHandlingDueOn(db, { actor: user, dossierId: dossier.id, target: target.target });
    dossier.handlingDueOn = target.target;
  }

  const firstContactOn = dossier.firstContactAt ? amsterdamDateOf(dossier.firstContactAt) : null;
  const url = new URL(request.url);
  const done = url.searchParams.get("gedaan");
  const chosen = url.searchParams.get("tekst");

  const residentLocale: Locale = dossier.locale === "en" ? "en" : "nl";
  const { party, values } = await mailValues(db, dossier, user);
  const mailTexts = Object.fromEntries(MAIL_TEMPLATES.map((id) => [id, standardText(messagesFor(residentLocale), id, values)])) as Record<
    MailTemplate,
    { subject: string; body: string }
  >;
  const template = MAIL_TEMPLATES.find((id) => id === chosen) ?? null;

  return {
    dossier,
    casework,
    today,
    contactDays: daysUntil(dossier.contactDueOn, today),
    firstContact: firstContactOn ? { on: firstContactOn, daysLate: Math.max(0, daysBetween(dossier.contactDueOn, firstContactOn)) } : null,
    target: { ...target, weeks: env.handlingTargetWeeks, running: pause !== null },
    pause,
    done: isIntent(done) ? done : null,
    actor: { id: user.id, role: user.role },
    staff: user.role === "coordinator" && !closed ? ((await listAssignableStaff(db, { actor: user })) ?? []) : [],
    mail: {
      to: party?.email ?? null,
      name: party?.name ?? "",
      locale: residentLocale,
      texts: mailTexts,
      template,
      draft: template ? mailTexts[template] : null,
    },
    upload: { accept: ACCEPT_ATTRIBUTE, maxMb: Math.round(env.uploads.maxFileBytes / 1024 / 1024) },
    // The limits and choices the forms show; casework.server.ts is not in the browser bundle.
    limits: { summary: SUMMARY_MAX, note: NOTE_MAX, explanation: EXPLANATION_MAX },
    mailTemplates: [...MAIL_TEMPLATES],
  };
}

type ActionData = { intent: Intent; errors: FieldErrors; values: Record<string, string> };

function invalid(intent: Intent, errors: FieldErrors, values: Record<string, string>) {
  return data<ActionData>({ intent, errors, values }, { status: 400 });
}

/** The posted fields as the form shows them again after an error (never the CSRF token). */
function postedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (key !== "_csrf" && typeof value === "string") values[key] = value;
  return values;
}

async function perform<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  run: (input: z.infer<S>) => Promise<CaseworkResult>,
): Promise<{ ok: true } | Refusal | { ok: false; errors: FieldErrors; values: Record<string, string> }> {
  const parsed = parseForm(schema, formData);
  if (!parsed.success) return { ok: false, errors: parsed.errors, values: postedValues(formData) };
  const result = await run(parsed.data);
  return result.ok || "refused" in result ? result : { ...result, values: postedValues(formData) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, DOSSIER_URL_ROLES);
  const locale = getLocale(request);
  const messages = messagesFor(locale);
  const number = params.number ?? "";
  const scope: CaseworkScope = { ctx: context, actor: user, number, messages, locale };
  const t = messages.casework;
  // Back to the top of the page, where the status message is (a POST to a form's #section would otherwise keep that fragment).
  const succeeded = (intent: Intent) => redirect(`${dossierPath(number)}?gedaan=${intent}#inhoud`);
  const refused = async (refusal: Refusal, intent?: string): Promise<never> => {
    if (refusal.refused === "forbidden") throw new Response("Forbidden", { status: 403 });
    await recordDeniedAccess(context.services.db, context, user, { route: "dossier.action", number, ...(intent ? { intent } : {}) });
    throw notFound();
  };
  // Before the form is read: anyone outside the scope gets the same 404 whatever they post.
  // Each action looks the dossier up again, under its row lock.
  if (!(await findTarget(context.services.db, scope))) await refused({ ok: false, refused: "not_found" });

  // The one multipart form: a document, streamed to storage as it arrives.
  if ((request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const upload = await receiveDocument(scope, request, messages.intake.attachments);
    if (upload.ok) return succeeded("add_document");
    if ("refused" in upload) return refused(upload, "add_document");
    return invalid("add_document", upload.errors, upload.values);
  }

  const formData = await readForm(request, context);
  const intent = formData.get("intent");
  if (!isIntent(intent)) throw new Response("Bad Request: unknown intent", { status: 400 });
  const outcome = await (() => {
    switch (intent) {
      case "assign":
        return perform(formData, CaseworkSchemas.assign(t), (input) => assignDossier(scope, input));
      case "record_contact":
        return perform(formData, CaseworkSchemas.record_contact(t), (input) => recordContact(scope, input));
      case "change_status":
        return perform(formData, CaseworkSchemas.change_status(t), (input) => changeStatus(scope, input));
      case "add_note":
        return perform(formData, CaseworkSchemas.add_note(t), (input) => addNote(scope, input));
      case "set_visibility":
        return perform(formData, CaseworkSchemas.set_visibility(t), (input) => setVisibility(scope, input));
      case "pause_clock":
        return perform(formData, CaseworkSchemas.pause_clock(t), (input) => pauseClock(scope, input));
      case "resume_clock":
        return perform(formData, CaseworkSchemas.resume_clock(t), (input) => resumeClock(scope, input));
      case "send_mail":
        return perform(formData, CaseworkSchemas.send_mail(t), (input) => sendMail(scope, input));
      case "add_document":
        // A document always comes as multipart; without a file there is nothing to add.
        return Promise.resolve({ ok: false as const, errors: { file: t.fileRequired }, values: postedValues(formData) });
    }
  })();
  if (outcome.ok) return succeeded(intent);
  if ("refused" in outcome) return refused(outcome, intent);
  return invalid(intent, outcome.errors, outcome.values);
}

type T = Messages["dossier"];
type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** Looks a code up in a label table; a code the table does not know yet is shown as it is. */
function label(table: Record<string, string>, code: string | null | undefined): string {
  if (code === null || code === undefined) return "";
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

// --- Form parts -------------------------------------------------------------------------------

function FieldError({ id, children }: { id: string; children: ReactNode }) {
  const { messages } = useI18n();
  return (
    <p className="utrecht-form-field-error-message" id={id}>
      <span className="oma-visually-hidden">{messages.form.errorPrefix} </span>
      {children}
    </p>
  );
}

/** One action: a titled section with its own form, intent and error summary. */
function ActionSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="oma-action" aria-labelledby={`${id}-kop`} id={id}>
      <Heading level={3} id={`${id}-kop`}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/**
 * A form posting to the page itself, never with the query it was opened with (a stale "gedaan"
 * would show next to an error), and to its own section, so that without JavaScript the answer
 * opens where the error summary is.
 */
function ActionForm({
  intent,
  section,
  errors,
  order,
  children,
  multipart,
}: {
  intent: Intent;
  section: string;
  errors?: FieldErrors;
  order?: string[];
  children: ReactNode;
  multipart?: boolean;
}) {
  const { dossier } = useLoaderData<typeof loader>();
  return (
    <AppForm action={`${dossierPath(dossier.number)}#${section}`} encType={multipart ? "multipart/form-data" : undefined}>
      <input type="hidden" name="intent" value={intent} />
      <ErrorSummary errors={errors} order={order} />
      {children}
    </AppForm>
  );
}

// --- The page ---------------------------------------------------------------------------------

export default function DossierPage() {
  const { messages, locale } = useI18n();
  const t = messages.dossier;
  const tc = messages.casework;
  const loaded = useLoaderData<typeof loader>();
  const { dossier, today, contactDays, firstContact, target, casework, done } = loaded;
  const result = useActionData<typeof action>();
  // A successful post redirects here; a new location resets every form to its defaults.
  const { key: locationKey } = useLocation();
  const date = (iso: string) => formatDate(iso, locale, true);
  const closed = dossier.status === "closed";
  const formFor = (intent: Intent) => (result && "intent" in result && result.intent === intent ? result : null);

  return (
    <>
      <Paragraph>
        <Link to="/behandelaar">{t.backToList}</Link>
      </Paragraph>
      <PageTitle preHeading={interpolate(t.preHeading, { municipality: dossier.municipalityName })}>
        {interpolate(t.title, { number: dossier.number })}
      </PageTitle>
      {done && !result ? (
        <Alert type="ok" role="status">
          <Paragraph>{tc.done[done]}</Paragraph>
        </Alert>
      ) : null}
      <Facts>
        <Fact term={t.summaryStatus}>{label(t.statuses, dossier.status)}</Fact>
        <Fact term={tc.assignee}>{dossier.assigneeName ?? tc.unassigned}</Fact>
        <Fact term={t.summaryMunicipality}>{dossier.municipalityName}</Fact>
        <Fact term={t.summarySubmittedAt}>{formatDateTime(dossier.submittedAt, locale)}</Fact>
        <Fact term={t.summaryChannel}>{label(t.intakeChannels, dossier.channel)}</Fact>
        {firstContact ? (
          <Fact term={t.summaryFirstContact}>
            {date(firstContact.on)} (
            {firstContact.daysLate === 0
              ? tc.firstContactOnTime
              : firstContact.daysLate === 1
                ? tc.firstContactLateOne
                : interpolate(tc.firstContactLate, { days: firstContact.daysLate })}
            )
            <br />
            <span className="oma-hint">{interpolate(tc.firstContactPromise, { date: date(dossier.contactDueOn) })}</span>
          </Fact>
        ) : (
          <Fact term={t.summaryContactDue}>
            {date(dossier.contactDueOn)} ({contactDueText(t, contactDays)})
          </Fact>
        )}
        <Fact term={tc.handlingTarget}>
          <HandlingTarget target={target} closed={closed} />
        </Fact>
      </Facts>

      {closed ? <ClosedFacts /> : null}

      <section className="oma-actions-panel" aria-labelledby="acties-kop">
        <Heading level={2} id="acties-kop">
          {tc.actionsHeading}
        </Heading>
        {closed ? <Paragraph>{tc.closedNotice}</Paragraph> : null}
        <div className="oma-actions-grid" key={locationKey}>
          {closed ? null : (
            <>
              <AssignAction form={formFor("assign")} />
              <ContactAction form={formFor("record_contact")} />
              <StatusAction form={formFor("change_status")} />
              <ClockAction pauseForm={formFor("pause_clock")} resumeForm={formFor("resume_clock")} />
              <MailAction form={formFor("send_mail")} />
              <DocumentAction form={formFor("add_document")} />
            </>
          )}
          <NoteAction form={formFor("add_note")} />
        </div>
      </section>

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

      <Contacts contacts={casework.contacts} />
      <Notes notes={casework.notes} />
      <Pauses pauses={casework.pauses} />
      <Documents form={formFor("set_visibility")} formKey={locationKey} />

      <Heading level={2}>{t.historyHeading}</Heading>
      <ol className="utrecht-ordered-list oma-timeline">
        {dossier.events.map((e) => {
          const detail = eventDetail(e.type, e.details, messages, locale);
          return (
            <li key={e.id} className="utrecht-ordered-list__item">
              <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at, locale)}</time>
              {": "}
              {label(t.eventTypes, e.type)}
              {detail ? ` (${detail})` : null}
              {e.actorName ? ` ${interpolate(t.eventBy, { name: e.actorName })}` : null}
            </li>
          );
        })}
      </ol>
    </>
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

function ClosedFacts() {
  const { messages, locale } = useI18n();
  const tc = messages.casework;
  const { dossier } = useLoaderData<typeof loader>();
  const closing = [...dossier.events].reverse().find((e) => e.type === "status_changed" && e.details.to === "closed");
  const explanation = typeof closing?.details.explanation === "string" ? closing.details.explanation : null;
  return (
    <>
      <Heading level={2}>{tc.closedHeading}</Heading>
      <Facts>
        {dossier.closedAt ? <Fact term={tc.closedOn}>{formatDateTime(dossier.closedAt, locale)}</Fact> : null}
        <Fact term={tc.outcomeLabel}>{label(tc.outcomes, dossier.outcome)}</Fact>
        {dossier.outcome === "report_with_finding" && dossier.outcomeDetail ? (
          <Fact term={tc.findingLabel}>{label(tc.findings, dossier.outcomeDetail)}</Fact>
        ) : null}
        {dossier.outcome === "not_taken_up" && dossier.outcomeDetail ? (
          <Fact term={tc.reasonLabel}>{label(tc.reasons, dossier.outcomeDetail)}</Fact>
        ) : null}
        {explanation ? (
          <Fact term={tc.explanationLabel}>
            <span className="utrecht-multiline-data">{explanation}</span>
          </Fact>
        ) : null}
      </Facts>
    </>
  );
}

type FormState = ActionData | null;

function AssignAction({ form }: { form: FormState }) {
  const tc = useI18n().messages.casework;
  const { dossier, actor, staff } = useLoaderData<typeof loader>();
  const mine = dossier.assigneeId === actor.id;
  if (actor.role === "coordinator") {
    return (
      <ActionSection id="toewijzen" title={tc.assignHeading}>
        <ActionForm intent="assign" section="toewijzen" errors={form?.errors}>
          <SelectField
            name="assigneeId"
            label={tc.assignLabel}
            placeholder={tc.assignChoose}
            value={form?.values.assigneeId ?? dossier.assigneeId ?? ""}
            error={form?.errors.assigneeId}
            options={staff.map((s) => ({ value: s.id, label: s.role === "coordinator" ? `${s.name} (${tc.roleCoordinator})` : s.name }))}
          />
          <Button>{tc.assignSubmit}</Button>
        </ActionForm>
      </ActionSection>
    );
  }
  return (
    <ActionSection id="toewijzen" title={tc.assignHeading}>
      {mine ? (
        <Paragraph>{tc.assignedToYou}</Paragraph>
      ) : dossier.assigneeId ? (
        <Paragraph>{interpolate(tc.assignedTo, { name: dossier.assigneeName ?? "" })}</Paragraph>
      ) : (
        <ActionForm intent="assign" section="toewijzen" errors={form?.errors}>
          <input type="hidden" name="assigneeId" value={actor.id} />
          <span id={fieldId("assigneeId")} />
          <Button>{tc.takeSubmit}</Button>
        </ActionForm>
      )}
    </ActionSection>
  );
}

function ContactAction({ form }: { form: FormState }) {
  const { messages } = useI18n();
  const tc = messages.casework;
  const { today, limits } = useLoaderData<typeof loader>();
  const v = form?.values ?? {};
  return (
    <ActionSection id="contact" title={tc.contactHeading}>
      <ActionForm intent="record_contact" section="contact" errors={form?.errors} order={["contactChannel", "contactDate", "contactSummary"]}>
        <RadioGroup
          name="contactChannel"
          legend={tc.contactChannel}
          value={v.contactChannel}
          error={form?.errors.contactChannel}
          choices={[
            { value: "phone", label: messages.dossier.contactChannels.phone },
            { value: "email", label: messages.dossier.contactChannels.email },
          ]}
        />
        <TextField
          name="contactDate"
          type="date"
          label={tc.contactDate}
          max={today}
          width="medium"
          defaultValue={v.contactDate ?? today}
          error={form?.errors.contactDate}
        />
        <TextArea
          name="contactSummary"
          label={tc.contactSummary}
          description={tc.contactSummaryHint}
          rows={5}
          defaultValue={v.contactSummary ?? ""}
          error={form?.errors.contactSummary}
          describedByExtra="contact-teller"
        >
          <CharacterCount id="contact-teller" initial={v.contactSummary ?? ""} max={limits.summary} fieldId={fieldId("contactSummary")} />
        </TextArea>
        <Button>{tc.contactSubmit}</Button>
      </ActionForm>
    </ActionSection>
  );
}

function StatusAction({ form }: { form: FormState }) {
  const { messages } = useI18n();
  const tc = messages.casework;
  const t = messages.dossier;
  const { dossier, limits } = useLoaderData<typeof loader>();
  const status = dossier.status as Status;
  const v = form?.values ?? {};
  const targets = nextStatuses(status);
  return (
    <ActionSection id="status" title={tc.statusHeading}>
      <ActionForm intent="change_status" section="status" errors={form?.errors} order={["to", "outcome", "finding", "reason", "statusExplanation"]}>
        <Paragraph>{interpolate(tc.statusCurrent, { status: label(t.statuses, status) })}</Paragraph>
        <RadioGroup
          name="to"
          legend={tc.statusTo}
          value={v.to}
          error={form?.errors.to}
          choices={targets.map((s) => ({ value: s, label: label(t.statuses, s) }))}
        />
        {targets.includes("closed") ? (
          <div className="oma-close-fields">
            <Paragraph className="oma-hint">{tc.statusCloseIntro}</Paragraph>
            <SelectField
              name="outcome"
              label={tc.outcome}
              description={tc.outcomeHint}
              placeholder={tc.outcomeNone}
              value={v.outcome}
              error={form?.errors.outcome}
              options={outcomesFrom(status).map((o) => ({ value: o, label: label(tc.outcomes, o) }))}
            />
            <div className="oma-close-fields__finding">
              <RadioGroup
                name="finding"
                legend={tc.finding}
                description={tc.findingHint}
                value={v.finding}
                error={form?.errors.finding}
                choices={FINDINGS.map((f) => ({ value: f, label: label(tc.findings, f) }))}
              />
            </div>
            <div className="oma-close-fields__reason">
              <SelectField
                name="reason"
                label={tc.reason}
                description={tc.reasonHint}
                placeholder={tc.reasonNone}
                value={v.reason}
                error={form?.errors.reason}
                options={NOT_TAKEN_UP_REASONS.map((r) => ({ value: r, label: label(tc.reasons, r) }))}
              />
            </div>
          </div>
        ) : null}
        <TextArea
          name="statusExplanation"
          label={tc.statusExplanation}
          optional
          rows={3}
          defaultValue={v.statusExplanation ?? ""}
          error={form?.errors.statusExplanation}
          maxLength={limits.explanation * 2}
        />
        <Button>{tc.statusSubmit}</Button>
      </ActionForm>
    </ActionSection>
  );
}

function ClockAction({ pauseForm, resumeForm }: { pauseForm: FormState; resumeForm: FormState }) {
  const { messages, locale } = useI18n();
  const tc = messages.casework;
  const { pause, today } = useLoaderData<typeof loader>();
  if (pause) {
    const v = resumeForm?.values ?? {};
    return (
      <ActionSection id="klok" title={tc.resumeHeading}>
        <ActionForm intent="resume_clock" section="klok" errors={resumeForm?.errors}>
          <Paragraph>
            {interpolate(tc.resumeRunning, { date: formatDate(pause.startedOn, locale), reason: label(tc.pauseReasons, pause.reason) })}
          </Paragraph>
          <TextField
            name="resumeEnd"
            type="date"
            label={tc.resumeEnd}
              min={pause.startedOn}
            max={today}
            width="medium"
            defaultValue={v.resumeEnd ?? today}
            error={resumeForm?.errors.resumeEnd}
          />
          <Button>{tc.resumeSubmit}</Button>
        </ActionForm>
      </ActionSection>
    );
  }
  const v = pauseForm?.values ?? {};
  return (
    <ActionSection id="klok" title={tc.clockHeading}>
      <ActionForm intent="pause_clock" section="klok" errors={pauseForm?.errors} order={["pauseReason", "pauseExplanation", "pauseStart"]}>
        <Paragraph className="oma-hint">{tc.clockIntro}</Paragraph>
        <RadioGroup
          name="pauseReason"
          legend={tc.pauseReason}
          value={v.pauseReason}
          error={pauseForm?.errors.pauseReason}
          choices={(["waiting_for_resident", "waiting_for_municipality"] as const).map((r) => ({ value: r, label: tc.pauseReasons[r] }))}
        />
        <TextArea
          name="pauseExplanation"
          label={tc.pauseExplanation}
          description={tc.pauseExplanationHint}
          rows={3}
          defaultValue={v.pauseExplanation ?? ""}
          error={pauseForm?.errors.pauseExplanation}
        />
        <TextField
          name="pauseStart"
          type="date"
          label={tc.pauseStart}
          max={today}
          width="medium"
          defaultValue={v.pauseStart ?? today}
          error={pauseForm?.errors.pauseStart}
        />
        <Button>{tc.pauseSubmit}</Button>
      </ActionForm>
    </ActionSection>
  );
}

function MailAction({ form }: { form: FormState }) {
  const { messages } = useI18n();
  const tc = messages.casework;
  const { mail, dossier, mailTemplates } = useLoaderData<typeof loader>();
  const chosen = useRef<HTMLInputElement>(null);
  if (!mail.to) {
    return (
      <ActionSection id="e-mail" title={tc.mailHeading}>
        <Paragraph id={fieldId("mailTo")}>{interpolate(tc.mailNoAddress, { name: mail.name })}</Paragraph>
      </ActionSection>
    );
  }
  const v = form?.values ?? {};
  const template = (v.mailTemplate as MailTemplate | undefined) || mail.template || "";
  const draft = form ? { subject: v.mailSubject ?? "", body: v.mailBody ?? "" } : (mail.draft ?? { subject: "", body: "" });
  // With JavaScript the chosen text fills the fields at once; without, "Kies tekst" reloads the page with it.
  const fill = (id: string) => {
    const text = mail.texts[id as MailTemplate];
    const subject = document.getElementById(fieldId("mailSubject")) as HTMLInputElement | null;
    const body = document.getElementById(fieldId("mailBody")) as HTMLTextAreaElement | null;
    if (!text || !subject || !body || !chosen.current) return;
    subject.value = text.subject;
    body.value = text.body;
    chosen.current.value = id;
  };
  return (
    <ActionSection id="e-mail" title={tc.mailHeading}>
      <Paragraph id={fieldId("mailTo")}>
        {tc.mailTo}: {mail.name} &lt;{mail.to}&gt;
        <br />
        <span className="oma-hint">{interpolate(tc.mailLanguage, { language: tc.languages[mail.locale] })}</span>
      </Paragraph>
      <Form method="get" action={`${dossierPath(dossier.number)}#e-mail`} preventScrollReset className="oma-inline-form">
        <SelectFieldWithChange
          name="tekst"
          label={tc.mailTemplate}
          value={template}
          placeholder={tc.mailTemplateNone}
          options={mailTemplates.map((id) => ({ value: id, label: tc.mailTemplates[id].label }))}
          onChange={fill}
        />
        <Button appearance="secondary">{tc.mailChoose}</Button>
      </Form>
      <ActionForm intent="send_mail" section="e-mail" errors={form?.errors} order={["mailTo", "mailSubject", "mailBody"]}>
        <input type="hidden" name="mailTemplate" defaultValue={template} ref={chosen} key={`t-${template}`} />
        <TextField
          key={`s-${template}`}
          name="mailSubject"
          label={tc.mailSubject}
          defaultValue={draft.subject}
          error={form?.errors.mailSubject}
        />
        <TextArea
          key={`b-${template}`}
          name="mailBody"
          label={tc.mailBody}
          description={tc.mailBodyHint}
          rows={12}
          defaultValue={draft.body}
          error={form?.errors.mailBody}
        />
        <Button>{tc.mailSubmit}</Button>
      </ActionForm>
    </ActionSection>
  );
}

function SelectFieldWithChange({ onChange, ...props }: Parameters<typeof SelectField>[0] & { onChange: (value: string) => void }) {
  return (
    <div onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
      <SelectField {...props} />
    </div>
  );
}

function DocumentAction({ form }: { form: FormState }) {
  const { messages } = useI18n();
  const tc = messages.casework;
  const { upload } = useLoaderData<typeof loader>();
  const v = form?.values ?? {};
  const id = fieldId("file");
  const error = form?.errors.file;
  const hint = interpolate(tc.documentFileHint, { mb: upload.maxMb });
  return (
    <ActionSection id="document" title={tc.documentHeading}>
      <ActionForm intent="add_document" section="document" errors={form?.errors} order={["file", "documentCategory", "documentVisibility"]} multipart>
        <div className={`utrecht-form-field${error ? " utrecht-form-field--invalid" : ""}`}>
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor={id}>
              {tc.documentFile}
            </label>
          </div>
          <div className="utrecht-form-field-description" id={`${id}-beschrijving`}>
            {hint}
          </div>
          {error ? <FieldError id={`${id}-fout`}>{error}</FieldError> : null}
          <div className="utrecht-form-field__input">
            <input
              id={id}
              name="file"
              type="file"
              accept={upload.accept}
              className="oma-file-input"
              aria-invalid={error ? true : undefined}
              aria-describedby={[`${id}-beschrijving`, error ? `${id}-fout` : null].filter(Boolean).join(" ")}
            />
          </div>
        </div>
        <SelectField
          name="documentCategory"
          label={tc.documentCategory}
          value={v.documentCategory ?? "evidence"}
          error={form?.errors.documentCategory}
          options={(["evidence", "municipality_answer", "original_complaint", "mandate"] as const).map((c) => ({
            value: c,
            label: messages.dossier.categories[c],
          }))}
        />
        <RadioGroup
          name="documentVisibility"
          legend={tc.documentVisibility}
          value={v.documentVisibility ?? "shared"}
          error={form?.errors.documentVisibility}
          choices={[
            { value: "shared", label: tc.visibilityShared },
            { value: "internal", label: tc.visibilityInternal, hint: tc.visibilityInternalHint },
          ]}
        />
        <Button>{tc.documentSubmit}</Button>
      </ActionForm>
    </ActionSection>
  );
}

function NoteAction({ form }: { form: FormState }) {
  const tc = useI18n().messages.casework;
  const { limits } = useLoaderData<typeof loader>();
  const v = form?.values ?? {};
  return (
    <ActionSection id="notitie" title={tc.noteHeading}>
      <ActionForm intent="add_note" section="notitie" errors={form?.errors}>
        <TextArea
          name="note"
          label={tc.noteLabel}
          description={tc.noteHint}
          rows={5}
          defaultValue={v.note ?? ""}
          error={form?.errors.note}
          describedByExtra="notitie-teller"
        >
          <CharacterCount id="notitie-teller" initial={v.note ?? ""} max={limits.note} fieldId={fieldId("note")} />
        </TextArea>
        <Button>{tc.noteSubmit}</Button>
      </ActionForm>
    </ActionSection>
  );
}

// --- Lists ------------------------------------------------------------------------------------

function Contacts({ contacts }: { contacts: LoaderData["casework"]["contacts"] }) {
  const { messages, locale } = useI18n();
  const tc = messages.casework;
  const { dossier } = useLoaderData<typeof loader>();
  return (
    <>
      <Heading level={2}>{tc.contactsHeading}</Heading>
      {contacts.length === 0 ? (
        <Paragraph>{tc.contactsEmpty}</Paragraph>
      ) : (
        <div className="utrecht-table-container utrecht-table-container--overflow-inline">
          <table className="oma-table">
            <caption className="oma-visually-hidden">{interpolate(tc.contactsCaption, { number: dossier.number })}</caption>
            <thead>
              <tr>
                <th scope="col">{tc.contactsDate}</th>
                <th scope="col">{tc.contactsChannel}</th>
                <th scope="col">{tc.contactsSummary}</th>
                <th scope="col">{tc.contactsBy}</th>
              </tr>
            </thead>
            <tbody>
              {contacts.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{formatDate(c.contactedOn, locale)}</th>
                  <td>{label(messages.dossier.contactChannels, c.channel)}</td>
                  <td>
                    <span className="utrecht-multiline-data">{c.summary}</span>
                  </td>
                  <td>{c.recordedByName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Notes({ notes }: { notes: LoaderData["casework"]["notes"] }) {
  const { messages, locale } = useI18n();
  const tc = messages.casework;
  return (
    <>
      <Heading level={2}>{tc.notesHeading}</Heading>
      {notes.length === 0 ? (
        <Paragraph>{tc.notesEmpty}</Paragraph>
      ) : (
        <ul className="oma-notes">
          {notes.map((n) => (
            <li key={n.id} className="oma-note">
              <p className="oma-note__meta">
                <span className="oma-tag">{tc.noteInternal}</span>{" "}
                {interpolate(tc.noteMeta, { name: n.authorName, at: formatDateTime(n.createdAt, locale) })}
              </p>
              <p className="oma-note__body utrecht-multiline-data">{n.body}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Pauses({ pauses }: { pauses: LoaderData["casework"]["pauses"] }) {
  const { messages, locale } = useI18n();
  const tc = messages.casework;
  const { dossier, today } = useLoaderData<typeof loader>();
  return (
    <>
      <Heading level={2}>{tc.pausesHeading}</Heading>
      {pauses.length === 0 ? (
        <Paragraph>{tc.pausesEmpty}</Paragraph>
      ) : (
        <div className="utrecht-table-container utrecht-table-container--overflow-inline">
          <table className="oma-table">
            <caption className="oma-visually-hidden">{interpolate(tc.pausesCaption, { number: dossier.number })}</caption>
            <thead>
              <tr>
                <th scope="col">{tc.pausesPeriod}</th>
                <th scope="col">{tc.pausesReason}</th>
                <th scope="col">{tc.pausesDays}</th>
                <th scope="col">{tc.pausesBy}</th>
              </tr>
            </thead>
            <tbody>
              {pauses.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {interpolate(tc.pausePeriod, {
                      from: formatDate(p.startedOn, locale),
                      to: p.endedOn ? formatDate(p.endedOn, locale) : tc.pauseRunningUntil,
                    })}
                  </th>
                  <td>
                    {label(tc.pauseReasons, p.reason)}
                    <br />
                    <span className="utrecht-multiline-data oma-hint">{p.explanation}</span>
                  </td>
                  <td>{Math.max(0, daysBetween(p.startedOn, p.endedOn ?? (today > p.startedOn ? today : p.startedOn)))}</td>
                  <td>{p.createdByName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Documents({ form, formKey }: { form: FormState; formKey: string }) {
  const { messages, locale } = useI18n();
  const t = messages.dossier;
  const tc = messages.casework;
  const { dossier } = useLoaderData<typeof loader>();
  const closed = dossier.status === "closed";
  return (
    <>
      <Heading level={2} id="bijlagen">
        {t.attachmentsHeading}
      </Heading>
      <ErrorSummary errors={form?.errors} />
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
                <th scope="col">{tc.documentsAddedBy}</th>
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
                      {displayFileName(a.fileName)}
                      <VisuallyHidden> ({t.download})</VisuallyHidden>
                    </a>
                  </th>
                  <td>{label(t.categories, a.category)}</td>
                  <td>{formatFileSize(a.size, locale)}</td>
                  <td>{formatDateTime(a.uploadedAt, locale)}</td>
                  <td>{a.addedByName ?? tc.documentsByResident}</td>
                  <td>
                    {a.visibility === "internal" ? tc.visibilityInternal : tc.visibilityShared}
                    {closed ? null : (
                      <AppForm action={`${dossierPath(dossier.number)}#bijlagen`} className="oma-inline-form" key={`${formKey}-${a.id}`}>
                        <input type="hidden" name="intent" value="set_visibility" />
                        <input type="hidden" name="attachmentId" value={a.id} />
                        <input type="hidden" name="visibility" value={a.visibility === "internal" ? "shared" : "internal"} />
                        <Button appearance="secondary" id={fieldId(`visibility-${a.id}`)} className="oma-small-button">
                          {a.visibility === "internal" ? tc.makeShared : tc.makeInternal}
                          <VisuallyHidden>: {displayFileName(a.fileName)}</VisuallyHidden>
                        </Button>
                      </AppForm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

// --- The history ------------------------------------------------------------------------------

const str = (details: Record<string, unknown>, key: string): string => {
  const v = details[key];
  return typeof v === "string" || typeof v === "number" ? String(v) : "";
};

/** What an event was about, in a few words; empty for events that say it all in their label. */
function eventDetail(type: string, details: Record<string, unknown>, messages: Messages, locale: Locale): string {
  const t = messages.dossier;
  const tc = messages.casework;
  const d = tc.eventDetails;
  const visibility = (v: string) => (v === "internal" ? tc.visibilityInternal : tc.visibilityShared);
  const day = (iso: string) => (iso ? formatDate(iso, locale) : "");
  switch (type) {
    case "status_changed": {
      const change = interpolate(d.status, { from: label(t.statuses, str(details, "from")), to: label(t.statuses, str(details, "to")) });
      const outcome = str(details, "outcome");
      if (!outcome) return change;
      const detail = str(details, "detail");
      const detailLabel = outcome === "report_with_finding" ? label(tc.findings, detail) : outcome === "not_taken_up" ? label(tc.reasons, detail) : "";
      return [change, label(tc.outcomes, outcome), detailLabel].filter(Boolean).join(", ");
    }
    case "assigned":
      return str(details, "toName") ? interpolate(d.assigned, { name: str(details, "toName") }) : "";
    case "contact_recorded": {
      const text = interpolate(d.contact, { channel: label(t.contactChannels, str(details, "channel")), date: day(str(details, "contactedOn")) });
      return details.first === true ? `${text}, ${d.firstContact}` : text;
    }
    case "document_added":
      return interpolate(d.document, { name: displayFileName(str(details, "fileName")), visibility: visibility(str(details, "visibility")) });
    case "visibility_changed":
      return interpolate(d.visibility, { name: displayFileName(str(details, "fileName")), visibility: visibility(str(details, "to")) });
    case "clock_paused":
      return interpolate(d.pause, { reason: label(tc.pauseReasons, str(details, "reason")), date: day(str(details, "startedOn")) });
    case "clock_resumed":
      return interpolate(d.resume, { date: day(str(details, "endedOn")), days: str(details, "days") || "0" });
    case "mail_sent":
      return interpolate(d.mail, { subject: str(details, "subject"), to: str(details, "to") });
    default:
      return "";
  }
}
