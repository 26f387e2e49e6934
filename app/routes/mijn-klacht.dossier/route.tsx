import {
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, CheckboxField, ErrorSummary, TextArea } from "#app/components/forms";
import { DueExplanation } from "#app/components/request-view";
import { ResidentDocumentForm } from "#app/components/resident-document-form";
import { ResidentMails } from "#app/components/resident-mails";
import { SummaryList, SummaryRow } from "#app/components/summary-list";
import { Alert, Button, Heading, PageTitle, Paragraph } from "#app/components/ui";
import { messagesFor } from "#app/i18n/catalogue.server";
import { formatDate, formatDateTime, interpolate, useI18n } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { residentDossier } from "#app/residents/dossier.server";
import { residentUploadOwner } from "#app/residents/documents.server";
import { questionsOf } from "#app/residents/questions.server";
import { residentStatus, type ResidentStatus } from "#app/residents/status";
import { mediaTypeOf } from "#app/http/body-policy";
import { ACCEPT_ATTRIBUTE } from "#app/uploads/policy";
import { heldUploads, RESIDENT_DOCUMENT_CATEGORY } from "#app/uploads/uploads.server";
import { audit } from "#app/utils/audit.server";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import { readForm } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";
import { ResidentDocuments } from "./documents";
import { addDocument, addUploads, answer, requireResident, withdraw, type ActionData } from "./actions.server";

export const handle: PageHandle = { i18n: ["resident", "requests", "intake.attachments"] };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, (t) =>
    data ? interpolate(t.resident.dossierTitle, { number: data.dossier.number }) : t.resident.title,
  );

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireResident(request, context);
  const { db, now, env } = context.services;
  const dossier = await residentDossier(db, actor);
  if (!dossier) throw new Response("Not Found", { status: 404 });
  // Staff see every visit of a resident in the dossier's audit log.
  await audit(
    db,
    context,
    { id: null, role: "resident" },
    {
      action: "resident.dossier_viewed",
      subjectType: "dossier",
      subjectId: dossier.dossierId,
      details: { number: dossier.number },
    },
  );
  const today = amsterdamDateOf(now());
  const { dossierId: _id, ...shown } = dossier;
  const done = new URL(request.url).searchParams;
  const status = residentStatus(dossier.facts, today);
  // The files the uploader sent and the server checked, waiting for "Add documents".
  const owner = await residentUploadOwner(db, dossier.dossierId);
  const checked = status.mayWithdraw ? await heldUploads(db, owner) : [];
  const maxMb = Math.round(env.uploads.maxFileBytes / 1024 / 1024);
  const hint = interpolate(messagesFor(getLocale(request)).resident.addFileHint, { mb: maxMb });
  return {
    dossier: shown,
    status,
    withdrawn: done.get("ingetrokken") === "1",
    added: done.get("toegevoegd") === "1",
    answered: done.get("beantwoord") === "1",
    questions: (await questionsOf(db, dossier.dossierId)).map(({ registered: _r, ...q }) => q),
    today,
    uploads: checked.map((u) => ({ id: u.id, fileName: u.fileName, size: u.size })),
    upload: {
      accept: ACCEPT_ATTRIBUTE,
      hint,
      category: RESIDENT_DOCUMENT_CATEGORY,
      transport: context.services.presign ? ("s3" as const) : ("local" as const),
      maxFileBytes: env.uploads.maxFileBytes,
      limitsText: hint,
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireResident(request, context);
  if (mediaTypeOf(request.headers.get("content-type")) === "multipart") return addDocument(request, context, actor);
  const formData = await readForm(request, context);
  const r = messagesFor(getLocale(request)).resident;
  const intent = formData.get("intent");
  if (intent === "add_uploads") return addUploads(formData, context, actor, r);
  return intent === "answer_question" ? answer(formData, context, actor, r) : withdraw(formData, context, actor, r);
}

function StatusText({ status }: { status: ResidentStatus }) {
  const { messages, locale } = useI18n();
  const r = messages.resident;
  const day = (iso: string) => formatDate(iso, locale, true);
  const { next } = status;
  const lines: string[] = [r.stages[status.stage]];
  if (next.code === "contact")
    lines.push(interpolate(next.late ? r.nextContactLate : r.nextContact, { date: day(next.date) }));
  if (next.code === "assessment")
    lines.push(interpolate(r.nextAssessment, { date: day(next.date) }), r.handlingDateNote);
  if (next.code === "handling")
    lines.push(r.ways[next.way], interpolate(r.nextHandling, { date: day(next.date) }), r.handlingDateNote);
  if (next.code === "closed") {
    if (next.outcome && next.outcome in r.outcomes) lines.push(r.outcomes[next.outcome as keyof typeof r.outcomes]);
    if (next.date) lines.push(interpolate(r.closedOn, { date: day(next.date) }));
  }
  if (status.waitingFor === "resident") lines.push(r.waitingForResident);
  if (status.waitingFor === "municipality") lines.push(r.waitingForMunicipality);
  return (
    <>
      {lines.map((line) => (
        <Paragraph key={line}>{line}</Paragraph>
      ))}
    </>
  );
}

export default function ResidentDossier() {
  const { messages, locale } = useI18n();
  const r = messages.resident;
  const { dossier, status, withdrawn, added, answered, upload, uploads, questions, today } =
    useLoaderData<typeof loader>();
  const openQuestion = questions.find((q) => q.status === "open");
  const result = useActionData<ActionData>();
  return (
    <>
      <ErrorSummary
        errors={result?.errors}
        order={["questionAnswer", "document", "withdrawConfirm", "withdrawReason"]}
      />
      <PageTitle>{interpolate(r.dossierTitle, { number: dossier.number })}</PageTitle>
      {answered ? (
        <Alert type="ok" role="status">
          <Paragraph>{r.answered}</Paragraph>
        </Alert>
      ) : null}
      {added ? (
        <Alert type="ok" role="status">
          <Paragraph>{r.added}</Paragraph>
        </Alert>
      ) : null}
      {withdrawn ? (
        <Alert type="ok" role="status">
          <Paragraph>{r.withdrawn}</Paragraph>
        </Alert>
      ) : null}
      <section aria-labelledby="stand-kop">
        <Heading level={2} id="stand-kop">
          {r.statusHeading}
        </Heading>
        <StatusText status={status} />
      </section>

      {openQuestion && status.mayWithdraw ? (
        <section aria-labelledby="vraag-kop" id="vraag">
          <Heading level={2} id="vraag-kop">
            {r.residentQuestionHeading}
          </Heading>
          <Paragraph className="utrecht-multiline-data">{openQuestion.questions}</Paragraph>
          <Paragraph>
            {interpolate(r.questionDueLine, { date: formatDate(openQuestion.dueOn, locale, true) })}
          </Paragraph>
          <DueExplanation request={openQuestion} />
          {openQuestion.dueOn < today ? <Paragraph>{r.questionDuePassed}</Paragraph> : null}
          <AppForm action="/mijn-klacht/dossier#vraag">
            <input type="hidden" name="intent" value="answer_question" />
            <input type="hidden" name="questionId" value={openQuestion.id} />
            <TextArea
              name="questionAnswer"
              label={r.answerLabel}
              description={r.answerHint}
              rows={5}
              defaultValue={result?.values.questionAnswer ?? ""}
              error={result?.errors.questionAnswer}
            />
            <Button>{r.answerButton}</Button>
          </AppForm>
        </section>
      ) : null}

      <section aria-labelledby="klacht-kop">
        <Heading level={2} id="klacht-kop">
          {r.summaryHeading}
        </Heading>
        <SummaryList>
          <SummaryRow term={r.municipality}>{dossier.municipality}</SummaryRow>
          <SummaryRow term={r.submittedOn}>{formatDateTime(dossier.submittedAt, locale)}</SummaryRow>
          {dossier.represented ? (
            <SummaryRow term={r.onBehalfOf}>
              {interpolate(dossier.mandateOnFile ? r.onBehalfOfText : r.mandateMissing, { name: dossier.represented })}
            </SummaryRow>
          ) : null}
          <SummaryRow term={r.complaintText}>
            <span className="utrecht-multiline-data">{dossier.complaintText}</span>
          </SummaryRow>
        </SummaryList>
      </section>

      <ResidentDocuments />

      {status.mayWithdraw ? (
        <section aria-labelledby="toevoegen-kop">
          <Heading level={2} id="toevoegen-kop">
            {r.addHeading}
          </Heading>
          <Paragraph>{r.addIntro}</Paragraph>
          <ResidentDocumentForm uploads={uploads} settings={upload} error={result?.errors.document} />
        </section>
      ) : null}

      <section aria-labelledby="berichten-kop">
        <Heading level={2} id="berichten-kop">
          {r.messagesHeading}
        </Heading>
        {dossier.mails.length === 0 ? <Paragraph>{r.messagesNone}</Paragraph> : <ResidentMails mails={dossier.mails} />}
      </section>

      {status.mayWithdraw ? (
        <section aria-labelledby="intrekken-kop">
          <Heading level={2} id="intrekken-kop">
            {r.withdrawHeading}
          </Heading>
          <Paragraph>{r.withdrawIntro}</Paragraph>
          <AppForm>
            <input type="hidden" name="intent" value="withdraw" />
            <TextArea
              name="withdrawReason"
              label={r.withdrawReason}
              optional
              rows={3}
              defaultValue={result?.values.withdrawReason ?? ""}
              error={result?.errors.withdrawReason}
            />
            <CheckboxField name="withdrawConfirm" label={r.withdrawConfirm} error={result?.errors.withdrawConfirm} />
            <Button appearance="secondary">{r.withdraw}</Button>
          </AppForm>
        </section>
      ) : null}

      <AppForm action="/mijn-klacht/uitloggen">
        <Paragraph>{r.sessionNote}</Paragraph>
        <Button appearance="secondary">{r.signOut}</Button>
      </AppForm>
    </>
  );
}
