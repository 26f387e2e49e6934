import { useNavigation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { AppForm, fieldId } from "#app/components/forms";
import { Alert, Button, Paragraph } from "#app/components/ui";
import { countMessage, formatSize, interpolate, useT } from "#app/i18n/i18n";
import { displayFileName } from "#app/utils/text";
import { UploadIsland, type UploadSettings } from "./upload-island";
import type { UploadedFile } from "#app/intake/upload-step.server";

export type CategoryView = { id: string; label: string; hint?: string; optional?: boolean };

type Live = { kind: "error" | "ok"; text: string; file?: string };

/** At most this many refusals stay on screen (the default file limit); the oldest go first. */
const MAX_ERRORS = 20;

/**
 * The upload steps' form: per category the files already added (each with a remove button)
 * and a plain multiple-file input, which Uppy replaces once JavaScript runs. Continuing while
 * files are still on their way is held back with a message.
 */
export function UploadForm({
  categories,
  files,
  errors,
  settings,
  locale,
  continueLabel,
}: {
  categories: CategoryView[];
  files: UploadedFile[];
  errors?: Record<string, string> | null;
  settings: UploadSettings;
  locale: string;
  continueLabel: string;
}) {
  const messages = useT();
  const t = messages.intake.attachments;
  const [enhanced, setEnhanced] = useState(false);
  const busy = useRef(new Set<string>());
  // Refusals stay until the same file succeeds; status messages ("checked", "added") only replace
  // each other, so that a run of them never pushes a refusal off the screen.
  const [refusals, setRefusals] = useState<Live[]>([]);
  const [status, setStatus] = useState("");
  const [blocked, setBlocked] = useState(false);

  const onMessage = useCallback((m: Live) => {
    if (m.kind === "ok") {
      setStatus(m.text);
      if (m.file) setRefusals((list) => list.filter((e) => e.file !== m.file));
    } else {
      setRefusals((list) => [...list.filter((e) => e.text !== m.text || e.file !== m.file), m].slice(-MAX_ERRORS));
    }
  }, []);
  const form = useRef<HTMLFormElement>(null);
  const navigation = useNavigation();
  const wasSubmitting = useRef(false);
  useEffect(() => {
    // Once a post of the plain form has been answered, its file inputs must not send the same files again.
    if (navigation.state !== "idle") wasSubmitting.current = true;
    else if (wasSubmitting.current) {
      wasSubmitting.current = false;
      form.current?.reset();
    }
  }, [navigation.state]);
  const onReady = useCallback(() => setEnhanced(true), []);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (busy.current.size > 0 && submitter?.value === "continue") {
      event.preventDefault();
      setBlocked(true);
    }
  };

  return (
    <AppForm encType="multipart/form-data" onSubmit={onSubmit} ref={form}>
      <div className="oma-visually-hidden" aria-live="polite" role="status">
        {status}
      </div>
      {refusals.length > 0 ? (
        <Alert type="error" role="alert">
          {refusals.map((m) => (
            <Paragraph key={`${m.file ?? ""}|${m.text}`}>{m.text}</Paragraph>
          ))}
        </Alert>
      ) : null}
      {blocked ? (
        <Alert type="warning" role="alert">
          <Paragraph>{t.waitForUploads}</Paragraph>
        </Alert>
      ) : null}
      {categories.map((c) => (
        <FileCategory
          key={c.id}
          category={c}
          files={files.filter((f) => f.category === c.id)}
          error={errors?.[c.id]}
          settings={settings}
          locale={locale}
          enhanced={enhanced}
          onReady={onReady}
          onMessage={onMessage}
          onBusyChange={(isBusy) => {
            if (isBusy) busy.current.add(c.id);
            else busy.current.delete(c.id);
            if (!isBusy && busy.current.size === 0) setBlocked(false);
          }}
        />
      ))}
      <div className="oma-actions">
        {enhanced ? null : (
          <Button appearance="secondary" name="intent" value="upload">
            {t.upload}
          </Button>
        )}
        <Button name="intent" value="continue">
          {continueLabel}
        </Button>
      </div>
    </AppForm>
  );
}

function FileCategory({
  category,
  files,
  error,
  settings,
  locale,
  enhanced,
  onReady,
  onMessage,
  onBusyChange,
}: {
  category: CategoryView;
  files: UploadedFile[];
  error?: string;
  settings: UploadSettings;
  locale: string;
  enhanced: boolean;
  onReady(): void;
  onMessage(m: Live): void;
  onBusyChange(busy: boolean): void;
}) {
  const messages = useT();
  const t = messages.intake.attachments;
  const id = fieldId(category.id);
  const describedBy = [category.hint ? `${id}-beschrijving` : null, error ? `${id}-fout` : null, `${id}-lijst`]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={`utrecht-form-field oma-file-category${error ? " utrecht-form-field--invalid" : ""}`}>
      <div className="utrecht-form-field__label">
        {enhanced ? (
          <h2 className="utrecht-form-label oma-file-category__title" id={`${id}-titel`}>
            {category.label}
            {category.optional ? <span className="oma-optional"> {messages.form.optional}</span> : null}
          </h2>
        ) : (
          <label className="utrecht-form-label" htmlFor={id}>
            {category.label}
            {category.optional ? <span className="oma-optional"> {messages.form.optional}</span> : null}
          </label>
        )}
      </div>
      {category.hint ? (
        <div className="utrecht-form-field-description" id={`${id}-beschrijving`}>
          {category.hint}
        </div>
      ) : null}
      {error ? (
        <p className="utrecht-form-field-error-message" id={`${id}-fout`}>
          <span className="oma-visually-hidden">{messages.form.errorPrefix} </span>
          {error}
        </p>
      ) : null}
      <div id={`${id}-lijst`}>
        {files.length === 0 ? (
          <Paragraph className="oma-hint">{t.none}</Paragraph>
        ) : (
          <ul className="oma-file-list">
            {files.map((f) => (
              <li key={f.id} className="oma-file-list__item">
                <span className="oma-file-list__name">{displayFileName(f.fileName)}</span>
                <span className="oma-file-list__size">{formatSize(f.size, locale)}</span>
                <button type="submit" name="remove" value={f.id} className="oma-file-list__remove">
                  {interpolate(t.remove, { name: displayFileName(f.fileName) })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="utrecht-form-field__input" hidden={enhanced}>
        <input
          id={enhanced ? undefined : id}
          name={category.id}
          type="file"
          multiple
          accept={settings.accept}
          className="oma-file-input"
          aria-describedby={describedBy}
        />
      </div>
      <UploadIsland
        id={id}
        describedBy={describedBy}
        category={category.id}
        label={category.label}
        settings={settings}
        onReady={onReady}
        onMessage={onMessage}
        onBusyChange={onBusyChange}
      />
    </div>
  );
}

export function UploadMessages({ added, removed }: { added?: number; removed?: string }) {
  const t = useT().intake.attachments;
  const navigation = useNavigation();
  if (navigation.state !== "idle") return null;
  if (!added && !removed) return null;
  return (
    <Alert type="ok" role="status">
      {added ? <Paragraph>{countMessage(added, t.addedOne, t.added)}</Paragraph> : null}
      {removed ? <Paragraph>{removed}</Paragraph> : null}
    </Alert>
  );
}
