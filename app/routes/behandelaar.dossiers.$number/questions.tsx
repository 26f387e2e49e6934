import { useLoaderData } from "@remix-run/react";
import { CheckboxField, TextArea, TextField } from "#app/components/forms";
import { DueExplanation } from "#app/components/request-view";
import { ResidentMails } from "#app/components/resident-mails";
import { SummaryList, SummaryRow } from "#app/components/summary-list";
import { Alert, Button, Heading, Paragraph } from "#app/components/ui";
import { requestState } from "#app/dossiers/requests";
import { formatDate, interpolate, useI18n } from "#app/i18n/i18n";
import { ActionForm, dossierPath, type FormState } from "./action-form";
import type { Intent } from "./intents";
import type { loader } from "./route";

/** The letter with a question, as a PDF to print and send by post. */
const letterPath = (number: string, questionId: string) =>
  `${dossierPath(number)}/vragen/${encodeURIComponent(questionId)}/brief.pdf`;

/** A plain link: a download is a document request, not a client-side navigation. */
function LetterLink({ number, questionId }: { number: string; questionId: string }) {
  const r = useI18n().messages.resident;
  return (
    <a className="utrecht-link" href={letterPath(number, questionId)} download>
      {r.questionLetter}
    </a>
  );
}

/** After asking a resident without e-mail: no mail went out, the letter goes by post. */
export function QuestionSentByPost() {
  const r = useI18n().messages.resident;
  const { dossier, questions } = useLoaderData<typeof loader>();
  const open = questions.find((q) => q.status === "open");
  return (
    <Alert type="warning" role="status">
      <Paragraph>{r.questionSentByPost}</Paragraph>
      {open ? (
        <Paragraph>
          <LetterLink number={dossier.number} questionId={open.id} />
        </Paragraph>
      ) : null}
    </Alert>
  );
}

/**
 * Questions to the resident (reactieverzoek): the form to ask one with a term (and, if wanted, the
 * clock stopped), each question with its due date explained and its answer, and for an open one
 * the letter to print and the form to record an answer that came by post or phone.
 */
export function QuestionsSection({ formFor, formKey }: { formFor: (intent: Intent) => FormState; formKey: string }) {
  const { messages, locale } = useI18n();
  const r = messages.resident;
  const { dossier, questions, questionTermWeeks, today, mail } = useLoaderData<typeof loader>();
  const closed = dossier.status === "closed";
  const ask = formFor("ask_resident");
  const register = formFor("register_answer");
  const open = questions.find((q) => q.status === "open");
  return (
    <section aria-labelledby="vragen-kop" id="vragen">
      <Heading level={2} id="vragen-kop">
        {r.questionsHeading}
      </Heading>
      <Paragraph>{r.questionsIntro}</Paragraph>
      {closed ? null : open ? (
        <Paragraph>{r.questionOpenAlready}</Paragraph>
      ) : (
        <ActionForm
          intent="ask_resident"
          section="vragen"
          errors={ask?.errors}
          order={["residentQuestions", "questionTermWeeks", "questionPause"]}
        >
          <div key={formKey}>
            {mail.to ? null : <Paragraph>{r.questionByPost}</Paragraph>}
            <TextArea
              name="residentQuestions"
              label={r.questionsLabel}
              description={r.questionsHint}
              rows={5}
              defaultValue={ask?.values.residentQuestions}
              error={ask?.errors.residentQuestions}
            />
            <TextField
              name="questionTermWeeks"
              label={r.questionTerm}
              description={interpolate(r.questionTermHint, { weeks: questionTermWeeks })}
              inputMode="numeric"
              width="short"
              defaultValue={ask?.values.questionTermWeeks ?? String(questionTermWeeks)}
              error={ask?.errors.questionTermWeeks}
            />
            <CheckboxField
              name="questionPause"
              value="on"
              label={r.questionPause}
              defaultChecked={ask?.values.questionPause === "on"}
              error={ask?.errors.questionPause}
            />
            <Button type="submit">{r.questionSend}</Button>
          </div>
        </ActionForm>
      )}
      {questions.length === 0 ? (
        <Paragraph>{r.questionNone}</Paragraph>
      ) : (
        questions.map((q) => (
          <article key={q.id} aria-labelledby={`vraag-${q.id}-kop`} className="oma-request">
            <Heading level={3} id={`vraag-${q.id}-kop`}>
              {interpolate(r.questionTitle, { date: formatDate(q.sentOn, locale) })}
            </Heading>
            <SummaryList>
              <SummaryRow term={r.questionAsked}>
                <span className="utrecht-multiline-data">{q.questions}</span>
              </SummaryRow>
              <SummaryRow term={r.questionDue}>
                {formatDate(q.dueOn, locale, true)}
                <DueExplanation request={q} />
              </SummaryRow>
              <SummaryRow term={r.questionState}>{r.questionStates[requestState(q, today)]}</SummaryRow>
              {q.status === "answered" ? (
                <SummaryRow term={r.questionAnswer}>
                  {interpolate(r.questionAnsweredOn, { date: formatDate(q.answeredOn ?? "", locale) })}
                  {q.registered ? ` ${r.questionRegistered}` : null}
                  <br />
                  <span className="utrecht-multiline-data">{q.answerText}</span>
                </SummaryRow>
              ) : null}
            </SummaryList>
            {q.status === "open" && !closed ? (
              <Paragraph>
                {mail.to ? null : <>{r.questionLetterByPost} </>}
                <LetterLink number={dossier.number} questionId={q.id} />
              </Paragraph>
            ) : null}
            {q.status === "open" && !closed ? (
              <ActionForm intent="register_answer" section={`vraag-${q.id}`} errors={register?.errors}>
                <div key={formKey} id={`vraag-${q.id}`}>
                  <input type="hidden" name="questionId" value={q.id} />
                  <TextArea
                    name="questionAnswer"
                    label={r.registerLabel}
                    rows={3}
                    defaultValue={register?.values.questionAnswer}
                    error={register?.errors.questionAnswer}
                  />
                  <Button type="submit" appearance="secondary">
                    {r.registerButton}
                  </Button>
                </div>
              </ActionForm>
            ) : null}
          </article>
        ))
      )}
    </section>
  );
}

/** What the resident was sent about the dossier, each mail with its full text. */
export function ResidentMailsSection() {
  const r = useI18n().messages.resident;
  const { residentMails } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="berichten-indiener-kop" id="berichten-indiener">
      <Heading level={2} id="berichten-indiener-kop">
        {r.staffMailsHeading}
      </Heading>
      {residentMails.length === 0 ? <Paragraph>{r.staffMailsNone}</Paragraph> : <ResidentMails mails={residentMails} />}
    </section>
  );
}
