import { useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { Form } from "@remix-run/react";
import { CheckboxField, fieldId, RadioGroup, SelectField, TextArea, TextField } from "#app/components/forms";
import { Button, Paragraph } from "#app/components/ui";
import type { MailTemplate } from "#app/dossiers/casework/mail.server";
import { interpolate, useI18n } from "#app/i18n/i18n";
import { CharacterCount } from "#app/components/character-count";
import { ActionForm, ActionSection, dossierPath, FieldError, type FormState } from "./action-form";
import type { loader } from "./route";

export function MailAction({ form }: { form: FormState }) {
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
  const draft = form
    ? { subject: v.mailSubject ?? "", body: v.mailBody ?? "" }
    : (mail.draft ?? { subject: "", body: "" });
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
      <Form
        method="get"
        action={`${dossierPath(dossier.number)}#e-mail`}
        preventScrollReset
        className="oma-inline-form"
      >
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
      <ActionForm
        intent="send_mail"
        section="e-mail"
        errors={form?.errors}
        order={["mailTo", "mailSubject", "mailBody"]}
      >
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
        <Paragraph className="oma-hint">
          {dossier.firstContactAt ? tc.mailCountsAsContactHint : tc.mailCountsAsFirstContactHint}
        </Paragraph>
        <CheckboxField
          name="mailCountsAsContact"
          value="on"
          label={tc.mailCountsAsContact}
          // The first mail to the resident is usually the first contact.
          defaultChecked={form ? form.values.mailCountsAsContact === "on" : dossier.firstContactAt === null}
        />
        <Button>{tc.mailSubmit}</Button>
      </ActionForm>
    </ActionSection>
  );
}

function SelectFieldWithChange({
  onChange,
  ...props
}: Parameters<typeof SelectField>[0] & { onChange: (value: string) => void }) {
  return (
    <div onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
      <SelectField {...props} />
    </div>
  );
}

export function DocumentAction({ form }: { form: FormState }) {
  const { messages } = useI18n();
  const tc = messages.casework;
  const { upload } = useLoaderData<typeof loader>();
  const v = form?.values ?? {};
  const id = fieldId("file");
  const error = form?.errors.file;
  const hint = interpolate(tc.documentFileHint, { mb: upload.maxMb });
  return (
    <ActionSection id="document" title={tc.documentHeading}>
      <ActionForm
        intent="add_document"
        section="document"
        errors={form?.errors}
        order={["file", "documentCategory", "documentVisibility"]}
        multipart
      >
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

export function NoteAction({ form }: { form: FormState }) {
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
