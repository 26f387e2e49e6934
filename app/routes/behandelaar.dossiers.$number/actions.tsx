import { useLoaderData } from "@remix-run/react";
import { fieldId, RadioGroup, SelectField, TextArea, TextField } from "#app/components/forms";
import { Button, Heading, Paragraph } from "#app/components/ui";
import { FINDINGS, NOT_TAKEN_UP_REASONS, nextStatuses, outcomesFrom, type Status } from "#app/dossiers/workflow";
import { formatDate, interpolate, useI18n } from "#app/i18n/i18n";
import { CharacterCount } from "#app/components/character-count";
import { ActionForm, ActionSection, type FormState } from "./action-form";
import { label } from "./facts";
import type { Intent } from "./intents";
import { DocumentAction, MailAction, NoteAction } from "./mail-document-note";
import type { loader } from "./route";

/** The forms of the page; on a closed dossier only the note remains. */
export function ActionsPanel({ formFor, formKey }: { formFor: (intent: Intent) => FormState; formKey: string }) {
  const tc = useI18n().messages.casework;
  const { dossier } = useLoaderData<typeof loader>();
  const closed = dossier.status === "closed";
  return (
    <section className="oma-actions-panel" aria-labelledby="acties-kop">
      <Heading level={2} id="acties-kop">
        {tc.actionsHeading}
      </Heading>
      {closed ? <Paragraph>{tc.closedNotice}</Paragraph> : null}
      <div className="oma-actions-grid" key={formKey}>
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
  );
}

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
            options={staff.map((s) => ({
              value: s.id,
              label: s.role === "coordinator" ? `${s.name} (${tc.roleCoordinator})` : s.name,
            }))}
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
      <ActionForm
        intent="record_contact"
        section="contact"
        errors={form?.errors}
        order={["contactChannel", "contactDate", "contactSummary"]}
      >
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
          <CharacterCount
            id="contact-teller"
            initial={v.contactSummary ?? ""}
            max={limits.summary}
            fieldId={fieldId("contactSummary")}
          />
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
  const { dossier, limits, fourEyes, actor } = useLoaderData<typeof loader>();
  const status = dossier.status as Status;
  const v = form?.values ?? {};
  const targets = nextStatuses(status);
  return (
    <ActionSection id="status" title={tc.statusHeading}>
      <ActionForm
        intent="change_status"
        section="status"
        errors={form?.errors}
        order={["to", "outcome", "finding", "reason", "statusExplanation"]}
      >
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
            {fourEyes && actor.role === "case_handler" ? (
              <Paragraph className="oma-hint">{messages.approvals.closeNeedsApproval}</Paragraph>
            ) : null}
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
            {interpolate(tc.resumeRunning, {
              date: formatDate(pause.startedOn, locale),
              reason: label(tc.pauseReasons, pause.reason),
            })}
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
      <ActionForm
        intent="pause_clock"
        section="klok"
        errors={pauseForm?.errors}
        order={["pauseReason", "pauseExplanation", "pauseStart"]}
      >
        <Paragraph className="oma-hint">{tc.clockIntro}</Paragraph>
        <RadioGroup
          name="pauseReason"
          legend={tc.pauseReason}
          value={v.pauseReason}
          error={pauseForm?.errors.pauseReason}
          choices={(["waiting_for_resident", "waiting_for_municipality"] as const).map((r) => ({
            value: r,
            label: tc.pauseReasons[r],
          }))}
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
