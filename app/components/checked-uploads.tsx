import { useRevalidator, useRouteLoaderData } from "@remix-run/react";
import { useCallback, useRef, useState, type FormEvent } from "react";
import { Alert, Paragraph } from "#app/components/ui";
import { formatSize, interpolate, useI18n } from "#app/i18n/i18n";
import { displayFileName } from "#app/utils/text";

/**
 * What a form with an uploader whose checked files wait for the form's submit shares (the
 * officer's answer, the resident's documents added later): the uploader's messages, the checked
 * files listed with a remove button, and a submit held back while files are still on their way.
 */

export type CheckedUpload = { id: string; fileName: string; size: number };

type Live = { kind: "error" | "ok"; text: string; file?: string };

/** The uploader's state: whether it runs, its polite status line and its refusals, and removing a checked file. */
export function useCheckedUploads({ baseUrl, removedText }: { baseUrl: string; removedText: string }) {
  const { messages } = useI18n();
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
      if (res.ok) setStatus(interpolate(removedText, { name }));
      else if (typeof data.error === "string" && /\s/.test(data.error)) onMessage({ kind: "error", text: data.error });
    } catch {
      onMessage({ kind: "error", text: interpolate(messages.intake.attachments.uploadFailed, { name }) });
    } finally {
      removing.current.delete(upload.id);
      revalidator.revalidate();
    }
  };
  return { enhanced, onReady, onMessage, remove, status, refusals };
}

/** The uploader's status line (once it runs) and its refusals. */
export function UploadMessages({
  enhanced,
  status,
  refusals,
}: {
  enhanced: boolean;
  status: string;
  refusals: Live[];
}) {
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
    </>
  );
}

/** One checked file: its name (after `prefix`), its size, and its remove button once the uploader runs. */
export function CheckedFile({
  upload,
  id,
  prefix,
  removeLabel,
  enhanced,
  onRemove,
}: {
  upload: CheckedUpload;
  id?: string;
  prefix?: string;
  removeLabel: string;
  enhanced: boolean;
  onRemove(upload: CheckedUpload): void;
}) {
  const { locale } = useI18n();
  const name = displayFileName(upload.fileName);
  return (
    <div className="oma-file-list__item" id={id} tabIndex={id ? -1 : undefined}>
      <span className="oma-file-list__name">
        {prefix ? `${prefix}: ` : ""}
        {name}
      </span>
      <span className="oma-file-list__size">{formatSize(upload.size, locale)}</span>
      {enhanced ? (
        <button type="button" className="oma-file-list__remove" onClick={() => onRemove(upload)}>
          {interpolate(removeLabel, { name })}
        </button>
      ) : null}
    </div>
  );
}

/** Holds a form's submit back while the uploader still has files on their way; `blocked` says to wait. */
export function useHeldSubmit() {
  const busy = useRef(false);
  const [blocked, setBlocked] = useState(false);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (!busy.current) return;
    event.preventDefault();
    setBlocked(true);
  };
  const onBusyChange = useCallback((isBusy: boolean) => {
    busy.current = isBusy;
    if (!isBusy) setBlocked(false);
  }, []);
  return { onSubmit, onBusyChange, blocked };
}
