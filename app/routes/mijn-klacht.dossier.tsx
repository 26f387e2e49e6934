import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DataTable } from "#app/components/data-table";
import { AppForm, CheckboxField, ErrorSummary, TextArea, TextField } from "#app/components/forms";
import { DueExplanation } from "#app/components/request-view";
import { ResidentMails } from "#app/components/resident-mails";
import { SummaryList, SummaryRow } from "#app/components/summary-list";
import { Alert, Button, Heading, PageTitle, Paragraph } from "#app/components/ui";
import type { ResidentActor } from "#app/dossiers/scope.server";
import { messagesFor } from "#app/i18n/catalogue.server";
import { formatDate, formatDateTime, interpolate, useI18n } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { clearResidentCookie, getResidentSession } from "#app/residents/access.server";
import { residentDossier } from "#app/residents/dossier.server";
import { answerSchema, withdrawSchema } from "#app/residents/forms.server";
import { answerQuestion, questionsOf } from "#app/residents/questions.server";
import type { Messages } from "#app/i18n/catalogue.server";
import { residentStatus, type ResidentStatus } from "#app/residents/status";
import { residentCommandScope } from "#app/residents/command.server";
import { addResidentDocument } from "#app/residents/documents.server";
import { mediaTypeOf } from "#app/http/body-policy";
import { ACCEPT_ATTRIBUTE } from "#app/uploads/policy";
import { receiveUploads } from "#app/uploads/receive.server";
import { refusalMessage } from "#app/uploads/refusal-words.server";
import { withdrawComplaint } from "#app/residents/withdraw.server";
import { audit } from "#app/utils/audit.server";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import { parseForm, readForm, type FieldErrors } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";
import type { RequestContext } from "#app/utils/services.server";
import { displayFileName } from "#app/utils/text";

export const handle: PageHandle = { i18n: ["resident", "requests"] };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, (t) =>
    data ? interpolate(t.resident.dossierTitle, { number: data.dossier.number }) : t.resident.title,
  );

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

/** The resident of the session, or a redirect to ask for a (new) link. */
async function requireResident(request: Request, context: RequestContext): Promise<ResidentActor> {
  const state = await getResidentSession(request, context);
  if (state.session) return { role: "resident", dossierId: state.session.dossierId };
  throw redirect(state.expired ? "/mijn-klacht?verlopen=1" : "/mijn-klacht", {
    headers: state.expired ? { "Set-Cookie": clearResidentCookie(context) } : undefined,
  });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireResident(request, context);
  const { db, now } = context.services;
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
  return {
    dossier: shown,
    status: residentStatus(dossier.facts, today),
    withdrawn: new URL(request.url).searchParams.get("ingetrokken") === "1",
    added: new URL(request.url).searchParams.get("toegevoegd") === "1",
    answered: new URL(request.url).searchParams.get("beantwoord") === "1",
    questions: (await questionsOf(db, dossier.dossierId)).map(({ registered: _r, ...q }) => q),
    today,
    upload: { accept: ACCEPT_ATTRIBUTE, maxMb: Math.round(context.services.env.uploads.maxFileBytes / 1024 / 1024) },
  };
}

/** A document added later: through the upload pipeline (type from the bytes, limits, scanner), one per post. */
async function addDocument(request: Request, context: RequestContext, actor: ResidentActor) {
  const messages = messagesFor(getLocale(request));
  const r = messages.resident;
  const dossier = await residentDossier(context.services.db, actor);
  if (!dossier) throw new Response("Not Found", { status: 404 });
  const open = dossier.facts.status !== "closed";
  const received = await receiveUploads(request, context, { fields: open ? ["document"] : [], perPost: 1 });
  const refusal = received.refusals[0];
  const fail = (message: string) => {
    const errors: FieldErrors = { document: message };
    return data({ errors, reason: "" }, { status: 400 });
  };
  if (!open) return fail(r.alreadyClosed);
  if (refusal) return fail(refusalMessage(messages.intake.attachments, refusal, context.services.env.uploads));
  const file = received.files[0];
  if (!file) return fail(r.fileRequired);
  const staff = messagesFor("nl").resident;
  const result = await addResidentDocument(
    residentCommandScope(context, actor.dossierId, dossier.number),
    {
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.size,
      storageKey: file.storageKey,
      sha256: file.sha256,
    },
    (to, link) => ({
      subject: staff.handlerDocumentSubject,
      text: interpolate(staff.handlerDocumentText, { name: to.name, link }),
    }),
  );
  if (result.ok) return redirect("/mijn-klacht/dossier?toegevoegd=1#documenten");
  if (result.code === "invalid") {
    const issue = result.issues[0];
    return fail(
      issue?.code === "documents-full"
        ? interpolate(r.documentsFull, { max: issue.params?.max ?? "" })
        : r.alreadyClosed,
    );
  }
  throw new Response("Not Found", { status: 404 });
}

/** The resident's answer to the handler's open question. */
async function answer(formData: FormData, context: RequestContext, actor: ResidentActor, r: Messages["resident"]) {
  const parsed = parseForm(answerSchema(r), formData);
  const given = typeof formData.get("questionAnswer") === "string" ? String(formData.get("questionAnswer")) : "";
  const refuse = (errors: FieldErrors, status: number) => data({ errors, reason: "", answer: given }, { status });
  if (!parsed.success) return refuse(parsed.errors, 400);
  const dossier = await residentDossier(context.services.db, actor);
  if (!dossier) throw new Response("Not Found", { status: 404 });
  const staff = messagesFor("nl").resident;
  const result = await answerQuestion(
    residentCommandScope(context, actor.dossierId, dossier.number),
    { questionId: parsed.data.questionId, answerText: parsed.data.questionAnswer },
    (to, link) => ({
      subject: staff.handlerAnswerSubject,
      text: interpolate(staff.handlerAnswerText, { name: to.name, link }),
    }),
  );
  if (result.ok) return redirect("/mijn-klacht/dossier?beantwoord=1#inhoud");
  if (result.code === "invalid") {
    const code = result.issues[0]?.code;
    const message =
      code === "closed" ? r.alreadyClosed : code === "question-answered" ? r.questionAnsweredAlready : r.questionGone;
    return refuse({ questionAnswer: message }, 409);
  }
  throw new Response("Not Found", { status: 404 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireResident(request, context);
  if (mediaTypeOf(request.headers.get("content-type")) === "multipart") return addDocument(request, context, actor);
  const formData = await readForm(request, context);
  const r = messagesFor(getLocale(request)).resident;
  if (formData.get("intent") === "answer_question") return answer(formData, context, actor, r);
  const parsed = parseForm(withdrawSchema(r), formData);
  if (!parsed.success) {
    const errors: FieldErrors = parsed.errors;
    const reason = typeof parsed.values.withdrawReason === "string" ? parsed.values.withdrawReason : "";
    return data({ errors, reason }, { status: 400 });
  }
  const dossier = await residentDossier(context.services.db, actor);
  if (!dossier) throw new Response("Not Found", { status: 404 });
  const staff = messagesFor("nl").resident;
  const result = await withdrawComplaint(
    residentCommandScope(context, actor.dossierId, dossier.number),
    { reason: parsed.data.withdrawReason },
    {
      handler: (to, link) => ({
        subject: staff.handlerWithdrawnSubject,
        text: interpolate(staff.handlerWithdrawnText, { name: to.name, link }),
      }),
      officer: (to, link) => ({
        subject: staff.officerWithdrawnSubject,
        text: interpolate(staff.officerWithdrawnText, { name: to.name, link }),
      }),
    },
  );
  if (result.ok) return redirect("/mijn-klacht/dossier?ingetrokken=1#inhoud");
  if (result.code === "invalid") {
    const errors: FieldErrors = { withdrawReason: r.alreadyClosed };
    return data({ errors, reason: "" }, { status: 409 });
  }
  throw new Response("Not Found", { status: 404 });
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
  const { dossier, status, withdrawn, added, answered, upload, questions, today } = useLoaderData<typeof loader>();
  const openQuestion = questions.find((q) => q.status === "open");
  const result = useActionData<typeof action>();
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
              defaultValue={result && "answer" in result ? String(result.answer) : ""}
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

      <section aria-labelledby="documenten-kop" id="documenten">
        <Heading level={2} id="documenten-kop">
          {r.documentsHeading}
        </Heading>
        {dossier.documents.length === 0 ? (
          <Paragraph>{r.documentsNone}</Paragraph>
        ) : (
          <DataTable
            caption={r.documentsCaption}
            rows={dossier.documents}
            rowKey={(d) => d.id}
            columns={[
              { key: "name", header: r.fileName, cell: (d) => displayFileName(d.fileName) },
              { key: "added", header: r.addedOn, cell: (d) => formatDateTime(d.uploadedAt, locale) },
            ]}
          />
        )}
      </section>

      {status.mayWithdraw ? (
        <section aria-labelledby="toevoegen-kop">
          <Heading level={2} id="toevoegen-kop">
            {r.addHeading}
          </Heading>
          <Paragraph>{r.addIntro}</Paragraph>
          <AppForm action="/mijn-klacht/dossier#documenten" encType="multipart/form-data">
            <TextField
              name="document"
              type="file"
              label={r.addFile}
              description={interpolate(r.addFileHint, { mb: upload.maxMb })}
              accept={upload.accept}
              required={false}
              error={result?.errors.document}
            />
            <Button appearance="secondary">{r.addButton}</Button>
          </AppForm>
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
              defaultValue={result?.reason ?? ""}
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
