import { CheckboxField, fieldId, TextField } from "#app/components/forms";
import { UploadIsland, type UploadSettings } from "#app/components/intake/upload-island";
import { Paragraph } from "#app/components/ui";
import type { AnswerSlot } from "#app/dossiers/requests";
import { interpolate, useI18n } from "#app/i18n/i18n";
import { CheckedFile, UploadMessages, useCheckedUploads, type CheckedUpload } from "./checked-uploads";

/** A slot's "for the ombudsman only" choice and its reason, kept as posted when the form comes back. */
function Confidentiality({
  slot,
  values,
  errors,
}: {
  slot: AnswerSlot;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const r = useI18n().messages.requests;
  return (
    <>
      <CheckboxField
        name={`confidential${slot}`}
        value="on"
        label={r.confidential}
        defaultChecked={values?.[`confidential${slot}`] === "on"}
      />
      <TextField
        name={`confidentialReason${slot}`}
        label={interpolate(r.confidentialReason, { n: slot })}
        description={r.confidentialHint}
        optional
        defaultValue={values?.[`confidentialReason${slot}`]}
        error={errors?.[`confidentialReason${slot}`]}
      />
    </>
  );
}

/**
 * The answer's document slots. Without JavaScript each slot is a file input with its
 * "for the ombudsman only" choice and reason. Once JavaScript runs, Uppy takes the file inputs'
 * place: each file it sends is checked by the server, then listed here in the next slot with its
 * own choice and reason and a hidden `upload{n}` with its id, which the answer takes.
 */
export function AnswerDocuments({
  slots,
  uploads,
  errors,
  values,
  settings,
  baseUrl,
  onBusyChange,
}: {
  slots: readonly AnswerSlot[];
  uploads: CheckedUpload[];
  errors?: Record<string, string>;
  values?: Record<string, string>;
  settings: UploadSettings;
  baseUrl: string;
  onBusyChange(busy: boolean): void;
}) {
  const { messages } = useI18n();
  const r = messages.requests;
  const { enhanced, onReady, onMessage, remove, status, refusals } = useCheckedUploads({
    baseUrl,
    removedText: r.answerUploadRemoved,
  });

  const listed = uploads.slice(0, slots.length);
  const free = slots.slice(listed.length);
  return (
    <>
      <UploadMessages enhanced={enhanced} status={status} refusals={refusals} />
      {listed.length > 0 ? (
        <ul className="oma-file-list" aria-label={r.answerUploadsHeading}>
          {listed.map((upload, i) => {
            const n = slots[i]!;
            const error = errors?.[`document${n}`];
            return (
              <li key={upload.id} className="oma-answer-document">
                <input type="hidden" name={`upload${n}`} value={upload.id} />
                <CheckedFile
                  upload={upload}
                  id={fieldId(`document${n}`)}
                  prefix={interpolate(r.answerDocument, { n })}
                  removeLabel={r.answerUploadRemove}
                  enhanced={enhanced}
                  onRemove={(u) => void remove(u)}
                />
                {error ? (
                  <p className="utrecht-form-field-error-message">
                    <span className="oma-visually-hidden">{messages.form.errorPrefix} </span>
                    {error}
                  </p>
                ) : null}
                <Confidentiality slot={n} values={values} errors={errors} />
              </li>
            );
          })}
        </ul>
      ) : null}
      {enhanced
        ? null
        : free.map((n) => (
            <div key={n} className="oma-answer-document">
              <TextField
                name={`document${n}`}
                type="file"
                label={interpolate(r.answerDocument, { n })}
                accept={settings.accept}
                optional
                error={errors?.[`document${n}`]}
              />
              <Confidentiality slot={n} values={values} errors={errors} />
            </div>
          ))}
      {enhanced && free.length > 0 ? <Paragraph className="oma-hint">{r.answerUploaderHint}</Paragraph> : null}
      <div hidden={free.length === 0}>
        <UploadIsland
          id={fieldId(`document${free[0] ?? slots[0]}`)}
          category="municipality_answer"
          label={r.answerUploader}
          settings={settings}
          baseUrl={baseUrl}
          onReady={onReady}
          onMessage={onMessage}
          onBusyChange={onBusyChange}
        />
      </div>
    </>
  );
}
