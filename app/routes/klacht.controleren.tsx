import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link as RemixLink, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { AppForm, CheckboxField, ErrorSummary } from "#app/components/forms";
import { SummaryList, SummaryRow } from "#app/components/summary-list";
import { Alert, Button, Heading, Link, Paragraph } from "#app/components/ui";
import { formatDate, formatSize, useI18n } from "#app/i18n/i18n";
import { getDraft, listDraftAttachments } from "#app/intake/drafts.server";
import { type StepId } from "#app/intake/journey";
import { REVIEW_RETURN, stepPath } from "#app/routing/intake-paths";
import { getMunicipality } from "#app/intake/reference.server";
import { ConsentSchema } from "#app/intake/schemas.server";
import { loadStep } from "#app/intake/step.server";
import { checkDraft, recordProblems } from "#app/intake/recheck.server";
import { submitDraft } from "#app/intake/submit.server";
import { StepPage } from "#app/components/intake/ui";
import { parseForm, readForm, type FieldErrors } from "#app/utils/forms.server";
import { logger } from "#app/utils/logger.server";
import { pageMeta } from "#app/utils/meta";
import { displayFileName } from "#app/utils/text";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = {
  // The answers of every step, by the labels of those steps.
  i18n: [
    "intake.review",
    "intake.topic",
    "intake.answer",
    "intake.forWhom",
    "intake.contact",
    "intake.complaint",
    "intake.attachments",
  ],
};

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.review.title);

export async function loader(args: LoaderFunctionArgs) {
  const s = await loadStep("review", args);
  const a = s.answers;
  const municipality = a.municipalityId ? await getMunicipality(s.services.db, a.municipalityId) : null;
  const files = s.draft ? await listDraftAttachments(s.services.db, s.draft.id) : [];
  return {
    answers: a,
    municipalityName: municipality?.name ?? "",
    files: files.map((f) => ({ id: f.id, category: f.category, fileName: f.fileName, size: f.size })),
    backPath: s.backPath,
  };
}

export async function action(args: ActionFunctionArgs) {
  const formData = await readForm(args.request, args.context);
  // The final check below, not the journey guard, decides where a resident with a bad answer
  // goes: it knows which step the problem is on.
  const s = await loadStep("review", args, { guard: false, withAttachments: true });
  const consent = parseForm(ConsentSchema(s.t), formData);
  if (!consent.success) return data({ errors: consent.errors as FieldErrors }, { status: 400 });
  const draft = s.draft!;
  const checked = await checkDraft(s.services, draft, s.t, s.locale, { assessment: s.assessment }).catch(
    (err: unknown) => {
      logger.error("submit check failed", { err });
      return null;
    },
  );
  if (checked === null) return data({ errors: { submit: s.t.review.submitFailed } as FieldErrors }, { status: 503 });
  if (Array.isArray(checked)) {
    // A double click: the first request may have consumed the draft meanwhile.
    const now = await getDraft(args.request, s.services);
    if (now?.dossierId) throw redirect("/klacht/verzonden");
    await recordProblems(s.services, draft, checked);
    const first = checked[0]!;
    throw redirect(`${stepPath(first.step)}?terug=${REVIEW_RETURN}`);
  }
  try {
    await submitDraft(s.services, draft, checked, s.locale);
  } catch (err) {
    logger.error("submit failed", { err, draftId: draft.id });
    return data({ errors: { submit: s.t.review.submitFailed } as FieldErrors }, { status: 503 });
  }
  throw redirect("/klacht/verzonden");
}

function Row({
  label,
  value,
  step,
  changeLabel,
}: {
  label: string;
  value: ReactNode;
  step: StepId;
  /** What the hidden part of "Wijzigen" names, when not the label itself. */
  changeLabel?: string;
}) {
  const { messages } = useI18n();
  const change = (
    <RemixLink className="utrecht-link" to={`${stepPath(step)}?terug=${REVIEW_RETURN}`}>
      {messages.intake.review.change}
      <span className="oma-visually-hidden"> {changeLabel ?? label}</span>
    </RemixLink>
  );
  return (
    <SummaryRow term={label} action={change}>
      {value}
    </SummaryRow>
  );
}

export default function ReviewStep() {
  const { messages, locale } = useI18n();
  const t = messages.intake;
  const r = t.review;
  const { answers: a, municipalityName, files, backPath } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const date = (iso?: string) => (iso ? formatDate(iso, locale) : r.notGiven);
  const address = (p: { street: string; houseNumber: string; postcode: string; city: string }) => (
    <>
      {p.street} {p.houseNumber}
      <br />
      {p.postcode} {p.city}
    </>
  );
  const topicLabel = {
    conduct: t.topic.conduct,
    decision: t.topic.decision,
    public_space: t.topic.publicSpace,
    damages: t.topic.damages,
    care_provider: t.topic.careProvider,
  };
  const answerLabel = {
    answered: t.answer.answered,
    not_answered: t.answer.notAnswered,
    postponed: t.answer.postponed,
  };
  const categoryLabel = {
    municipality_answer: t.attachments.categoryMunicipalityAnswer,
    original_complaint: t.attachments.categoryOriginalComplaint,
    evidence: t.attachments.categoryEvidence,
    mandate: t.attachments.categoryMandate,
  };
  const c = a.contact;
  const complaint = a.complaint;
  return (
    <StepPage step="review" backPath={backPath} noForm>
      <ErrorSummary errors={result?.errors} />
      <Heading level={1}>{r.title}</Heading>
      {result?.errors.submit ? (
        <div id="veld-submit">
          <Alert type="error">
            <Paragraph>{result.errors.submit}</Paragraph>
          </Alert>
        </div>
      ) : null}
      <Paragraph>{r.intro}</Paragraph>

      <Heading level={2}>{r.sectionCheck}</Heading>
      <SummaryList>
        <Row label={r.municipality} value={municipalityName} step="municipality" />
        <Row label={r.topic} value={a.topic ? topicLabel[a.topic] : r.notGiven} step="topic" />
        <Row label={r.court} value={a.courtCase === "yes" ? t.yes : t.no} step="court" />
        <Row label={r.receivedOn} value={date(a.complaintReceivedOn)} step="receivedOn" />
        <Row label={r.answer} value={a.answerStatus ? answerLabel[a.answerStatus] : r.notGiven} step="answer" />
        {a.answerStatus === "answered" ? (
          <Row label={r.answeredOn} value={date(a.answeredOn)} step="answerDate" />
        ) : null}
        {a.answerStatus === "postponed" ? (
          <Row label={r.postponedUntil} value={date(a.postponedUntil)} step="postponedDate" />
        ) : null}
      </SummaryList>

      <Heading level={2}>{r.sectionContact}</Heading>
      <SummaryList>
        <Row label={r.forWhom} value={a.forWhom === "other" ? t.forWhom.other : t.forWhom.self} step="forWhom" />
        {c ? (
          <>
            <Row label={r.name} value={c.name} step="contact" />
            <Row label={r.address} value={address(c)} step="contact" />
            <Row label={r.email} value={c.email ?? r.notGiven} step="contact" />
            <Row label={r.phone} value={c.phone ?? r.notGiven} step="contact" />
            <Row
              label={r.preferred}
              value={c.preferredChannel === "phone" ? t.contact.byPhone : t.contact.byEmail}
              step="contact"
            />
          </>
        ) : null}
      </SummaryList>

      {a.forWhom === "other" && a.represented ? (
        <>
          <Heading level={2}>{r.sectionRepresented}</Heading>
          <SummaryList>
            <Row
              label={r.name}
              value={a.represented.name}
              step="represented"
              changeLabel={`${r.sectionRepresented}: ${r.name}`}
            />
            <Row
              label={r.address}
              value={address(a.represented)}
              step="represented"
              changeLabel={`${r.sectionRepresented}: ${r.address}`}
            />
          </SummaryList>
        </>
      ) : null}

      {complaint ? (
        <>
          <Heading level={2}>{r.sectionComplaint}</Heading>
          <SummaryList>
            <Row
              label={t.complaint.text}
              value={<span className="oma-prewrap">{complaint.text}</span>}
              step="complaint"
            />
            <Row label={t.complaint.place} value={complaint.place} step="complaint" />
            <Row label={t.complaint.date} value={date(complaint.date)} step="complaint" />
            <Row label={t.complaint.people} value={complaint.people ?? r.notGiven} step="complaint" />
            <Row label={t.complaint.desired} value={complaint.desiredOutcome ?? r.notGiven} step="complaint" />
          </SummaryList>
        </>
      ) : null}

      <Heading level={2}>{r.sectionAttachments}</Heading>
      <SummaryList>
        {(["municipality_answer", "original_complaint", "evidence", "mandate"] as const)
          .filter((cat) => cat !== "mandate" || a.forWhom === "other")
          .map((cat) => {
            const inCategory = files.filter((f) => f.category === cat);
            return (
              <Row
                key={cat}
                label={categoryLabel[cat]}
                step={cat === "mandate" ? "mandate" : "attachments"}
                value={
                  inCategory.length === 0 ? (
                    r.notGiven
                  ) : (
                    <ul className="oma-plain-list">
                      {inCategory.map((f) => (
                        <li key={f.id}>
                          {displayFileName(f.fileName)} ({formatSize(f.size, locale)})
                        </li>
                      ))}
                    </ul>
                  )
                }
              />
            );
          })}
      </SummaryList>

      <Heading level={2}>{r.consentHeading}</Heading>
      <Alert type="info">
        <Paragraph>
          {r.consentText.split("{link}")[0]}
          <Link to="/privacyverklaring">{r.privacyLink}</Link>
          {r.consentText.split("{link}")[1]}
        </Paragraph>
      </Alert>
      <AppForm>
        <CheckboxField name="consent" label={r.consentCheckbox} error={result?.errors.consent} />
        <div className="oma-actions">
          <Button>{r.submit}</Button>
        </div>
      </AppForm>
    </StepPage>
  );
}
