import { useLoaderData } from "@remix-run/react";
import { fieldId, RadioGroup, TextArea, TextField } from "#app/components/forms";
import { SummaryList, SummaryRow } from "#app/components/summary-list";
import { Alert, Button, Heading, Link, Paragraph } from "#app/components/ui";
import { formatDate, formatDateTime, interpolate, useI18n } from "#app/i18n/i18n";
import { daysBetween } from "#app/utils/calendar-date";
import { ActionForm, ActionSection, dossierPath, type FormState } from "./action-form";
import { label } from "./facts";
import type { Done, Intent } from "./intents";
import type { loader } from "./route";

/** The status message after a post: the casework's words, or the approvals' for their own. */
export function DoneMessage({ done }: { done: Done }) {
  const { messages } = useI18n();
  const words: Record<string, string> = { ...messages.casework.done, ...messages.approvals.done };
  return (
    <Alert type="ok" role="status">
      <Paragraph>{words[done] ?? ""}</Paragraph>
    </Alert>
  );
}

/**
 * Four eyes on the dossier page: "awaiting approval" with what was proposed, and for another
 * coordinator the decision; a request sent back shows its reason to the handler.
 */
export function ApprovalPanel({ form, formKey }: { form: FormState; formKey: string }) {
  const { messages, locale } = useI18n();
  const ta = messages.approvals;
  const tc = messages.casework;
  const t = messages.dossier;
  const { approval, actor } = useLoaderData<typeof loader>();
  if (!approval) return null;
  const p = approval.proposal;
  if (approval.state === "sent_back") {
    return (
      <section aria-labelledby="goedkeuring-kop" id="goedkeuring">
        <Alert type="warning">
          <Heading level={2} id="goedkeuring-kop">
            {ta.sentBackHeading}
          </Heading>
          <Paragraph>
            {interpolate(ta.sentBack, { name: approval.decidedByName ?? "", reason: approval.reason ?? "" })}
          </Paragraph>
          {approval.kind === "override" ? <Paragraph>{ta.sentBackOverride}</Paragraph> : null}
        </Alert>
      </section>
    );
  }
  if (approval.state !== "pending") return null;
  const own = approval.askedBy === actor.id;
  const v = form?.values ?? {};
  return (
    <section aria-labelledby="goedkeuring-kop" id="goedkeuring" className="oma-approval">
      <Alert type="warning">
        <Heading level={2} id="goedkeuring-kop">
          {ta.awaitingHeading}
        </Heading>
        <Paragraph>
          {interpolate(approval.kind === "close" ? ta.awaitingClose : ta.awaitingOverride, {
            name: approval.askedByName,
          })}
        </Paragraph>
      </Alert>
      <SummaryList>
        <SummaryRow term={ta.colKind}>{label(ta.kinds, approval.kind)}</SummaryRow>
        <SummaryRow term={ta.colAskedBy}>{approval.askedByName}</SummaryRow>
        <SummaryRow term={ta.askedAt}>{formatDateTime(approval.askedAt, locale)}</SummaryRow>
        {approval.kind === "close" ? (
          <>
            <SummaryRow term={ta.proposedOutcome}>{label(tc.outcomes, p.outcome)}</SummaryRow>
            {p.outcome === "not_taken_up" && p.reason ? (
              <SummaryRow term={ta.proposedReason}>{label(tc.reasons, p.reason)}</SummaryRow>
            ) : null}
            {p.explanation ? (
              <SummaryRow term={ta.proposedExplanation}>
                <span className="utrecht-multiline-data">{p.explanation}</span>
              </SummaryRow>
            ) : null}
          </>
        ) : (
          <>
            <SummaryRow term={ta.overrideOutcome}>{label(t.outcomes, p.outcome)}</SummaryRow>
            <SummaryRow term={ta.overrideReason}>
              <span className="utrecht-multiline-data">{p.reason}</span>
            </SummaryRow>
          </>
        )}
      </SummaryList>
      {actor.role !== "coordinator" ? (
        <Paragraph className="oma-hint">{ta.onlyCoordinator}</Paragraph>
      ) : own ? (
        <Paragraph className="oma-hint">{ta.ownRequest}</Paragraph>
      ) : (
        <div key={formKey}>
          <ActionSection id="besluit" title={ta.decideHeading}>
            <ActionForm
              intent="decide_approval"
              section="besluit"
              errors={form?.errors}
              order={["decision", "approvalReason", "approvalDecision"]}
            >
              <input type="hidden" name="approvalId" value={approval.id} />
              <span id={fieldId("approvalDecision")} />
              <RadioGroup
                name="decision"
                legend={ta.decisionLegend}
                value={v.decision}
                error={form?.errors.decision ?? form?.errors.approvalDecision}
                choices={[
                  { value: "approve", label: ta.approve },
                  { value: "send_back", label: ta.sendBack },
                ]}
              />
              <TextArea
                name="approvalReason"
                label={ta.decisionReason}
                description={ta.decisionReasonHint}
                rows={3}
                defaultValue={v.approvalReason ?? ""}
                error={form?.errors.approvalReason}
              />
              <Button>{ta.decideSubmit}</Button>
            </ActionForm>
          </ActionSection>
        </div>
      )}
    </section>
  );
}

/** On a closed dossier: the closing letter (mail and PDF) and reopening with a reason. */
export function AfterClosing({ formFor, formKey }: { formFor: (intent: Intent) => FormState; formKey: string }) {
  const { messages } = useI18n();
  const ta = messages.approvals;
  const { dossier, mail, closingLetter } = useLoaderData<typeof loader>();
  const letter = formFor("send_closing_letter");
  const reopen = formFor("reopen");
  const lv = letter?.values ?? {};
  return (
    <div className="oma-actions-grid" key={formKey}>
      <ActionSection id="afsluitbrief" title={ta.letterHeading}>
        {mail.to && closingLetter ? (
          <ActionForm
            intent="send_closing_letter"
            section="afsluitbrief"
            errors={letter?.errors}
            order={["mailTo", "mailSubject", "mailBody"]}
          >
            <Paragraph id={fieldId("mailTo")}>{ta.letterIntro}</Paragraph>
            <TextField
              name="mailSubject"
              label={ta.letterSubject}
              defaultValue={lv.mailSubject ?? closingLetter.subject}
              error={letter?.errors.mailSubject}
            />
            <TextArea
              name="mailBody"
              label={ta.letterBody}
              rows={12}
              defaultValue={lv.mailBody ?? closingLetter.body}
              error={letter?.errors.mailBody}
            />
            <Button>{ta.letterSubmit}</Button>
          </ActionForm>
        ) : (
          <Paragraph>{ta.letterNoEmail}</Paragraph>
        )}
        <Paragraph>
          <Link to={`${dossierPath(dossier.number)}/afsluitbrief.pdf`} reloadDocument>
            {ta.letterPdf}
          </Link>
        </Paragraph>
      </ActionSection>
      <ActionSection id="heropenen" title={ta.reopenHeading}>
        <ActionForm intent="reopen" section="heropenen" errors={reopen?.errors} order={["reopenReason"]}>
          <Paragraph className="oma-hint">{ta.reopenIntro}</Paragraph>
          <TextArea
            name="reopenReason"
            label={ta.reopenReason}
            rows={3}
            defaultValue={reopen?.values.reopenReason ?? ""}
            error={reopen?.errors.reopenReason}
          />
          <Button>{ta.reopenSubmit}</Button>
        </ActionForm>
      </ActionSection>
    </div>
  );
}

/** After reopening: the handling target explained again, and how far it is past. */
export function ReopenedNotice() {
  const { messages, locale } = useI18n();
  const ta = messages.approvals;
  const { dossier, today } = useLoaderData<typeof loader>();
  const last = [...dossier.events].reverse().find((e) => e.type === "reopened" || e.type === "status_changed");
  if (dossier.status === "closed" || last?.type !== "reopened") return null;
  const date = formatDate(dossier.handlingDueOn, locale, true);
  const past = daysBetween(dossier.handlingDueOn, today);
  const text =
    past <= 0
      ? interpolate(ta.reopenedTarget, { date })
      : interpolate(past === 1 ? ta.reopenedTargetPassedOne : ta.reopenedTargetPassed, { date, days: past });
  return (
    <Alert type={past > 0 ? "warning" : "info"}>
      <Paragraph>
        {ta.eventTypes.reopened}: {String(last.details.reason ?? "")}
      </Paragraph>
      <Paragraph>{text}</Paragraph>
    </Alert>
  );
}
