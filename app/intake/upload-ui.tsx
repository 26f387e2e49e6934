import { useNavigation } from "@remix-run/react";
import { fieldId } from "#app/components/forms";
import { Alert, Paragraph } from "#app/components/ui";
import { interpolate, useT } from "#app/i18n/i18n";
import type { UploadedFile } from "./upload-step.server";

export function formatSize(bytes: number, locale: string): string {
  const fmt = new Intl.NumberFormat(locale === "en" ? "en-GB" : "nl-NL", { maximumFractionDigits: 1 });
  return bytes >= 1048576 ? `${fmt.format(bytes / 1048576)} MB` : `${fmt.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

/** One category: its files with a remove button each, and a plain multiple-file input. */
export function FileCategory({
  category,
  label,
  hint,
  files,
  error,
  accept,
  locale,
  optional,
}: {
  category: string;
  label: string;
  hint?: string;
  files: UploadedFile[];
  error?: string;
  accept: string;
  locale: string;
  optional?: boolean;
}) {
  const messages = useT();
  const t = messages.intake.attachments;
  const id = fieldId(category);
  const describedBy = [hint ? `${id}-beschrijving` : null, error ? `${id}-fout` : null, `${id}-lijst`].filter(Boolean).join(" ");
  return (
    <div className={`utrecht-form-field oma-file-category${error ? " utrecht-form-field--invalid" : ""}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
          {optional ? <span className="oma-optional"> {messages.form.optional}</span> : null}
        </label>
      </div>
      {hint ? (
        <div className="utrecht-form-field-description" id={`${id}-beschrijving`}>
          {hint}
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
                <span className="oma-file-list__name">{f.fileName}</span>
                <span className="oma-file-list__size">{formatSize(f.size, locale)}</span>
                <button type="submit" name="remove" value={f.id} className="utrecht-button utrecht-button--subtle oma-file-list__remove">
                  {interpolate(t.remove, { name: f.fileName })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="utrecht-form-field__input">
        <input id={id} name={category} type="file" multiple accept={accept} className="oma-file-input" aria-describedby={describedBy} />
      </div>
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
      {added ? <Paragraph>{interpolate(t.added, { count: added })}</Paragraph> : null}
      {removed ? <Paragraph>{removed}</Paragraph> : null}
    </Alert>
  );
}
