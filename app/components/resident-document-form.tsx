import { AppForm, fieldId, TextField } from "#app/components/forms";
import { UploadIsland, type UploadSettings } from "#app/components/intake/upload-island";
import { Alert, Button, Paragraph } from "#app/components/ui";
import { useI18n } from "#app/i18n/i18n";
import { RESIDENT_UPLOAD_PATH } from "#app/residents/paths";
import { CheckedFile, UploadMessages, useCheckedUploads, useHeldSubmit, type CheckedUpload } from "./checked-uploads";

/**
 * The status page's form for documents added later. Without JavaScript (or until Uppy loads) it
 * is one file input, posted as multipart through the upload pipeline. Once Uppy runs it takes the
 * input's place: each file it sends is checked by the server and listed here with a hidden
 * `upload` holding its id, and "Add documents" posts those ids (intent `add_uploads`).
 */
export function ResidentDocumentForm({
  uploads,
  settings,
  error,
}: {
  uploads: CheckedUpload[];
  settings: UploadSettings & { category: string; hint: string };
  error?: string;
}) {
  const { messages } = useI18n();
  const r = messages.resident;
  const { enhanced, onReady, onMessage, remove, status, refusals } = useCheckedUploads({
    baseUrl: RESIDENT_UPLOAD_PATH,
    removedText: r.addUploadRemoved,
  });
  const { onSubmit, onBusyChange, blocked } = useHeldSubmit();
  return (
    <AppForm
      action="/mijn-klacht/dossier#documenten"
      encType={enhanced ? "application/x-www-form-urlencoded" : "multipart/form-data"}
      onSubmit={onSubmit}
    >
      {enhanced ? (
        <>
          <input type="hidden" name="intent" value="add_uploads" />
          <Paragraph className="oma-hint">{r.addUploaderHint}</Paragraph>
          {error ? (
            <p className="utrecht-form-field-error-message">
              <span className="oma-visually-hidden">{messages.form.errorPrefix} </span>
              {error}
            </p>
          ) : null}
        </>
      ) : (
        <TextField
          name="document"
          type="file"
          label={r.addFile}
          description={settings.hint}
          accept={settings.accept}
          required={false}
          error={error}
        />
      )}
      <UploadMessages enhanced={enhanced} status={status} refusals={refusals} />
      <UploadIsland
        id={fieldId("document")}
        category={settings.category}
        label={r.addUploader}
        settings={settings}
        baseUrl={RESIDENT_UPLOAD_PATH}
        onReady={onReady}
        onMessage={onMessage}
        onBusyChange={onBusyChange}
      />
      {enhanced && uploads.length > 0 ? (
        <ul className="oma-file-list" aria-label={r.addUploadsHeading}>
          {uploads.map((upload) => (
            <li key={upload.id}>
              <input type="hidden" name="upload" value={upload.id} />
              <CheckedFile
                upload={upload}
                removeLabel={r.addUploadRemove}
                enhanced={enhanced}
                onRemove={(u) => void remove(u)}
              />
            </li>
          ))}
        </ul>
      ) : null}
      {blocked ? (
        <Alert type="warning" role="alert">
          <Paragraph>{r.addUploadsBusy}</Paragraph>
        </Alert>
      ) : null}
      <Button appearance="secondary">{enhanced ? r.addUploadsButton : r.addButton}</Button>
    </AppForm>
  );
}
