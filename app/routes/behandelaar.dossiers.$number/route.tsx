import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { isRouteErrorResponse, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { requireUser } from "#app/auth/session.server";
import { DossierErrorPage } from "#app/components/dossier-error";
import { Heading, Link, PageTitle, Paragraph } from "#app/components/ui";
import { DOSSIER_URL_ROLES, recordDeniedAccess } from "#app/dossiers/access.server";
import { mayReadAuditLog } from "#app/dossiers/overview.server";
import { findTarget, type CommandScope, type Refusal } from "#app/dossiers/casework/command.server";
import { SUMMARY_MAX } from "#app/dossiers/casework/contact.server";
import { MAIL_TEMPLATES, mailValues, type MailTemplate } from "#app/dossiers/casework/mail.server";
import { NOTE_MAX } from "#app/dossiers/casework/note.server";
import { EXPLANATION_MAX } from "#app/dossiers/casework/status.server";
import { daysUntil, pausedHandlingTarget } from "#app/dossiers/deadlines";
import {
  getCaseworkForStaff,
  getDossierForStaff,
  listAssignableStaff,
  isSharedWithMunicipality,
  listSharedAttachmentIds,
} from "#app/dossiers/queries.server";
import { messagesFor } from "#app/i18n/catalogue.server";
import { interpolate, useI18n, type Locale } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { requestsOf } from "#app/portal/requests.server";
import { ACCEPT_ATTRIBUTE } from "#app/uploads/policy";
import { audit } from "#app/utils/audit.server";
import { amsterdamDateOf, daysBetween } from "#app/utils/calendar-date";
import { parseForm, readForm, type FieldErrors } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";
import { standardText } from "./action.mail.server";
import { mailTexts } from "#app/reference/standard-texts.server";
import { receiveDocument } from "./action.document.server";
import { dossierPath } from "./action-form";
import { ActionsPanel } from "./actions";
import { ClosedFacts, ComplaintFacts, DossierSummary } from "./facts";
import { History } from "./history";
import { isDone, isIntent, type Intent } from "./intents";
import { latestApprovalOf } from "#app/dossiers/approvals.server";
import { closingLetterText } from "#app/mail/closing-letter.server";
import { AfterClosing, ApprovalPanel, DoneMessage, ReopenedNotice } from "./approval";
import { postedForm, runPosted } from "./intents.server";
import { issueErrors } from "./issues.server";
import { Contacts, Documents, Notes, Pauses } from "./lists";
import { RequestsSection } from "./requests";
import { QuestionSentByPost, QuestionsSection, ResidentMailsSection } from "./questions";
import { residentMails } from "#app/residents/dossier.server";
import { QUESTION_TERM_WEEKS } from "#app/dossiers/casework/question.server";
import { questionsOf } from "#app/residents/questions.server";
import { ResidentNews } from "./resident-news";
import { RelatedSection } from "./related";
import { FollowUpSection } from "./follow-up";
import { openFollowUps } from "#app/dossiers/casework/follow-up.server";
import { relatedDossiers } from "#app/dossiers/related.server";
import { ShareSection } from "./share";

// The character counter speaks in the resident form's words (intake.complaint).
export const handle: PageHandle = { i18n: ["dossier", "casework", "intake", "requests", "resident", "approvals"] };

export const meta: MetaFunction<typeof loader> = ({ matches, data, error }) =>
  pageMeta(matches, (t) => {
    if (data) return interpolate(t.dossier.title, { number: data.dossier.number });
    const status = isRouteErrorResponse(error) ? error.status : 500;
    return status === 404 ? t.errors.notFoundTitle : status === 403 ? t.errors.forbiddenTitle : t.errors.errorTitle;
  });

// Personal data: never kept by a browser or a shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const notFound = () => new Response("Not Found", { status: 404 });

/** Reads only: the stored handling target of a running pause is moved by the commands and by housekeeping. */
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
  // A running pause moves the target a day each day: shown as computed today.
  const target = pausedHandlingTarget(
    amsterdamDateOf(dossier.submittedAt),
    env.handlingTargetWeeks,
    casework.pauses,
    today,
  );
  const firstContactOn = dossier.firstContactAt ? amsterdamDateOf(dossier.firstContactAt) : null;
  const url = new URL(request.url);
  const done = url.searchParams.get("gedaan");
  const chosen = url.searchParams.get("tekst");

  const residentLocale: Locale = dossier.locale === "en" ? "en" : "nl";
  const { party, values } = await mailValues(db, dossier, user);
  const own = await mailTexts(db, residentLocale, messagesFor(residentLocale));
  const texts = Object.fromEntries(
    // The coordinator's wording where there is one (reference data), else the catalogue's.
    MAIL_TEMPLATES.map((id) => [id, standardText(own[id], values)]),
  );
  const filled = texts as Record<MailTemplate, { subject: string; body: string }>;
  const template = MAIL_TEMPLATES.find((id) => id === chosen) ?? null;

  return {
    dossier: pause && !closed ? { ...dossier, handlingDueOn: target.target } : dossier,
    casework,
    today,
    contactDays: daysUntil(dossier.contactDueOn, today),
    firstContact: firstContactOn
      ? { on: firstContactOn, daysLate: Math.max(0, daysBetween(dossier.contactDueOn, firstContactOn)) }
      : null,
    target: { ...target, weeks: env.handlingTargetWeeks, running: pause !== null },
    pause,
    done: isDone(done) ? done : null,
    approval: await latestApprovalOf(db, { dossierId: dossier.id, actor: user }),
    fourEyes: env.fourEyes,
    closingLetter: closed ? closingLetterText(messagesFor(residentLocale), dossier, values) : null,
    actor: { id: user.id, role: user.role },
    auditLog: mayReadAuditLog(user) ? `${dossierPath(dossier.number)}/audit` : null,
    staff: user.role === "coordinator" && !closed ? ((await listAssignableStaff(db, { actor: user })) ?? []) : [],
    mail: {
      to: party?.email ?? null,
      name: party?.name ?? "",
      locale: residentLocale,
      texts: filled,
      template,
      draft: template ? filled[template] : null,
    },
    upload: { accept: ACCEPT_ATTRIBUTE, maxMb: Math.round(env.uploads.maxFileBytes / 1024 / 1024) },
    // The limits and choices the forms show; the casework modules are not in the browser bundle.
    limits: { summary: SUMMARY_MAX, note: NOTE_MAX, explanation: EXPLANATION_MAX },
    mailTemplates: [...MAIL_TEMPLATES],
    sharedAttachmentIds: await listSharedAttachmentIds(db, { dossierId: dossier.id, actor: user }),
    requests: await requestsOf(db, user, dossier.id),
    sharedWithMunicipality: await isSharedWithMunicipality(db, { dossierId: dossier.id, actor: user }),
    requestTermWeeks: env.requestTermWeeks,
    questions: await questionsOf(db, dossier.id),
    residentMails: await residentMails(db, dossier.id),
    questionTermWeeks: QUESTION_TERM_WEEKS,
    related: (await relatedDossiers(db, user, dossier.id)) ?? { sameResident: [], moreSameResident: false, linked: [] },
    followUps: await openFollowUps(db, dossier.id),
  };
}

export type ActionData = { intent: Intent; errors: FieldErrors; values: Record<string, string> };

/**
 * The posted fields as the form shows them again after an error (never the CSRF token); the
 * values of a repeated name (ticked checkboxes) one per line.
 */
function postedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData)
    if (key !== "_csrf" && typeof value === "string") values[key] = key in values ? `${values[key]}\n${value}` : value;
  return values;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, DOSSIER_URL_ROLES);
  const locale = getLocale(request);
  const messages = messagesFor(locale);
  const number = params.number ?? "";
  const scope: CommandScope = { ctx: context, actor: user, number };
  const invalid = (intent: Intent, errors: FieldErrors, values: Record<string, string>) =>
    data<ActionData>({ intent, errors, values }, { status: 400 });
  // Back to the top of the page, where the status message is (a POST to a form's #section would
  // otherwise keep that fragment).
  const succeeded = (intent: Intent | "approval_requested") =>
    redirect(`${dossierPath(number)}?gedaan=${intent}#inhoud`);
  const refused = async (refusal: Refusal, intent?: string): Promise<never> => {
    if (refusal.code === "forbidden") throw new Response("Forbidden", { status: 403 });
    await recordDeniedAccess(context.services.db, context, user, {
      route: "dossier.action",
      number,
      ...(intent ? { intent } : {}),
    });
    throw notFound();
  };
  // Before the form is read: anyone outside the scope gets the same 404 whatever they post.
  // Each command looks the dossier up again, under its row lock.
  if (!(await findTarget(context.services.db, scope))) await refused({ ok: false, code: "not-found" });

  // The one multipart form: a document, streamed to storage as it arrives.
  if ((request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const { post, values } = await receiveDocument(scope, request, messages);
    if (post.kind === "refused") return refused({ ok: false, code: post.code }, "add_document");
    if (post.kind === "invalid") return invalid("add_document", post.errors, values);
    if (post.result.ok) return succeeded("add_document");
    if (post.result.code !== "invalid") return refused(post.result, "add_document");
    return invalid("add_document", issueErrors(post.result.issues, messages, locale), values);
  }

  const formData = await readForm(request, context);
  const intent = formData.get("intent");
  if (!isIntent(intent)) throw new Response("Bad Request: unknown intent", { status: 400 });
  const parsed = parseForm(postedForm(messages), formData);
  if (!parsed.success) return invalid(intent, parsed.errors, postedValues(formData));
  const result = await runPosted(scope, parsed.data);
  if (result.ok) return succeeded("awaiting" in result ? "approval_requested" : intent);
  if (result.code !== "invalid") return refused(result, intent);
  return invalid(intent, issueErrors(result.issues, messages, locale), postedValues(formData));
}

export default function DossierPage() {
  const { messages } = useI18n();
  const t = messages.dossier;
  const { dossier, casework, done, mail, auditLog } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // A successful post redirects here; a new location resets every form to its defaults.
  const { key: locationKey } = useLocation();
  const closed = dossier.status === "closed";
  const formFor = (intent: Intent) => (result && "intent" in result && result.intent === intent ? result : null);

  return (
    <>
      <Paragraph>
        <Link to="/behandelaar">{t.backToList}</Link>
      </Paragraph>
      {auditLog ? (
        <Paragraph>
          <Link to={auditLog}>{t.auditLink}</Link>
        </Paragraph>
      ) : null}
      <PageTitle preHeading={interpolate(t.preHeading, { municipality: dossier.municipalityName })}>
        {interpolate(t.title, { number: dossier.number })}
      </PageTitle>
      {done && !result ? (
        done === "ask_resident" && !mail.to ? (
          <QuestionSentByPost />
        ) : (
          <DoneMessage done={done} />
        )
      ) : null}
      <div className="oma-dossier">
        <div className="oma-dossier__summary">
          <ResidentNews />
          <DossierSummary />
          <ReopenedNotice />
          <ApprovalPanel form={formFor("decide_approval")} formKey={locationKey} />
          {closed ? <ClosedFacts /> : null}
          <ComplaintFacts />
        </div>
        <div className="oma-dossier__actions">
          {closed ? <AfterClosing formFor={formFor} formKey={locationKey} /> : null}
          <ActionsPanel formFor={formFor} formKey={locationKey} />
          <FollowUpSection formFor={formFor} formKey={locationKey} />
        </div>
        <div className="oma-dossier__details">
          <Contacts contacts={casework.contacts} />
          <Notes notes={casework.notes} />
          <Pauses pauses={casework.pauses} />
          <Documents form={formFor("set_visibility") ?? formFor("share_with_resident")} formKey={locationKey} />
          {closed ? null : <ShareSection form={formFor("share")} formKey={locationKey} />}
          <QuestionsSection formFor={formFor} formKey={locationKey} />
          <ResidentMailsSection />
          <RequestsSection formFor={formFor} formKey={locationKey} />
          <RelatedSection formFor={formFor} formKey={locationKey} />
          <Heading level={2}>{t.historyHeading}</Heading>
          <History events={dossier.events} />
        </div>
      </div>
    </>
  );
}

/** A dossier that is not there (or not the reader's to see), a refused act, or a failure: in the reader's words. */
export function ErrorBoundary() {
  const { messages } = useI18n();
  return <DossierErrorPage back={{ to: "/behandelaar", label: messages.dossier.backToList }} />;
}
