import { useRevalidator, useRouteLoaderData } from "@remix-run/react";
import { useCallback, useRef, useState } from "react";
import { CheckboxField, fieldId, TextField } from "#app/components/forms";
import { UploadIsland, type UploadSettings } from "#app/components/intake/upload-island";
import { Alert, Paragraph } from "#app/components/ui";
import type { AnswerSlot } from "#app/dossiers/requests";
import { formatSize, interpolate, useI18n } from "#app/i18n/i18n";
import { displayFileName } from "#app/utils/text";

export type CheckedUpload = { id: string; fileName: string; size: number };

type Live = { kind: "error" | "ok"; text: string; file?: string };

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
  const { messages, locale } = useI18n();
  const r = messages.requests;
  const root = useRouteLoaderData<{ csrfToken: string }>("root");
  const revalidator = useRevalidator();
  const [enhanced, setEnhanced] = useState(false);
  const [refusals, setRefusals] = useState<Live[]>([]);
  const [status, setStatus] = useState("");
  const removing = useRef(new Set<string>());
  const onReady = useCallback(() => setEnhanced(true), []);
  const onMessage = useCallback((m: Live) => {
    if (m.kind === "ok") {
      setStatus(m.text);
      if (m.file) setRefusals((list) => list.filter((e) => e.file !== m.file));
    } else setRefusals((list) => [...list.filter((e) => e.text !== m.text || e.file !== m.file), m].slice(-10));
  }, []);

  const remove = async (upload: CheckedUpload) => {
    if (!root || removing.current.has(upload.id)) return;
    removing.current.add(upload.id);
    const name = displayFileName(upload.fileName);
    try {
      const res = await fetch(`${baseUrl}/${upload.id}/verwijderen`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": root.csrfToken },
        credentials: "same-origin",
      });
      const data = (await res.json().catch(() => ({}))) as { error?: unknown };
      if (res.ok) setStatus(interpolate(r.answerUploadRemoved, { name }));
      else if (typeof data.error === "string" && /\s/.test(data.error)) onMessage({ kind: "error", text: data.error });
    } catch {
      onMessage({ kind: "error", text: interpolate(messages.intake.attachments.uploadFailed, { name }) });
    } finally {
      removing.current.delete(upload.id);
      revalidator.revalidate();
    }
  };

  const listed = uploads.slice(0, slots.length);
  const free = slots.slice(listed.length);
  return (
    <>
      {enhanced ? (
        <div className="oma-visually-hidden" aria-live="polite" role="status">
          {status}
        </div>
      ) : null}
      {refusals.length > 0 ? (
        <Alert type="error" role="alert">
          {refusals.map((m) => (
            <Paragraph key={`${m.file ?? ""}|${m.text}`}>{m.text}</Paragraph>
          ))}
        </Alert>
      ) : null}
      {listed.length > 0 ? (
        <ul className="oma-file-list" aria-label={r.answerUploadsHeading}>
          {listed.map((upload, i) => {
            const n = slots[i]!;
            const name = displayFileName(upload.fileName);
            const error = errors?.[`document${n}`];
            return (
              <li key={upload.id} className="oma-answer-document">
                <input type="hidden" name={`upload${n}`} value={upload.id} />
                <div className="oma-file-list__item" id={fieldId(`document${n}`)} tabIndex={-1}>
                  <span className="oma-file-list__name">
                    {interpolate(r.answerDocument, { n })}: {name}
                  </span>
                  <span className="oma-file-list__size">{formatSize(upload.size, locale)}</span>
                  {enhanced ? (
                    <button type="button" className="oma-file-list__remove" onClick={() => void remove(upload)}>
                      {interpolate(r.answerUploadRemove, { name })}
                    </button>
                  ) : null}
                </div>
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
