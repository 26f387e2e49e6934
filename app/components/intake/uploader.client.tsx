import AwsS3 from "@uppy/aws-s3";
import Uppy, { type Meta, type UppyFile } from "@uppy/core";
import Dashboard from "@uppy/dashboard";
import en_US from "@uppy/locales/lib/en_US.js";
import nl_NL from "@uppy/locales/lib/nl_NL.js";
import XHRUpload from "@uppy/xhr-upload";
import { useEffect, useRef } from "react";

/**
 * Uppy's Dashboard for one attachment category. Loaded only on the upload steps, after the
 * page has hydrated (upload-island.tsx imports this module lazily), so no other page pays for
 * it. The server decides everything: it registers each file (name, type, size, limits) and
 * picks the object key, signs the S3 requests or receives the bytes, and verifies the file
 * before it counts. This component only moves bytes and reports what the server said.
 */

export type UploaderText = {
  verifying: string;
  verified: string;
  uploadFailed: string;
  dropHint: string;
  browse: string;
  note: string;
};

export type UploaderProps = {
  /** The id the error summary links to, on the group that takes the place of the file input. */
  id: string;
  describedBy?: string;
  category: string;
  label: string;
  /** Where the upload calls go: the resident's `/klacht/upload`, or an answer's under its request. */
  baseUrl: string;
  transport: "s3" | "local";
  csrfToken: string;
  locale: "nl" | "en";
  accept: string[];
  maxFileBytes: number;
  text: UploaderText;
  /** A file passed the server's checks: refresh the page's list of attachments. */
  onVerified(): void;
  /**
   * Something the resident must hear: a refusal or a completed file. `file` names the file it is
   * about (unique on the page), so that its success can clear its earlier failure.
   */
  onMessage(message: { kind: "error" | "ok"; text: string; file?: string }): void;
  onBusyChange(busy: boolean): void;
};

type FileMeta = Meta & { uploadId?: string; objectKey?: string };
type Registered = { id: string; key: string; contentType: string; transport: "s3" | "local"; endpoint: string | null };

const fill = (template: string, name: string) => template.replace("{name}", name);

export function Uploader(props: UploaderProps) {
  const target = useRef<HTMLDivElement>(null);
  // The callbacks change on every render of the page; the Uppy instance lives as long as the component.
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const p = latest.current;
    const headers = { "Content-Type": "application/json", "X-CSRF-Token": p.csrfToken };
    const post = async (url: string, body?: unknown) => {
      const res = await fetch(url, {
        method: "POST",
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
      });
      const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      return { ok: res.ok, status: res.status, data };
    };
    /** The server's refusal in the resident's words; a bare code ("draft_gone") or nothing becomes the general message. */
    const words = (error: unknown, name: string) =>
      typeof error === "string" && /\s/.test(error) ? error : fill(p.text.uploadFailed, name);
    /** Messages name the file they are about, so that a later success can clear an earlier failure. */
    const say = (kind: "error" | "ok", text: string, file?: UppyFile<FileMeta, Record<string, never>>) =>
      latest.current.onMessage({ kind, text, file: file ? `${p.category}:${file.id}` : undefined });

    const uppy = new Uppy<FileMeta, Record<string, never>>({
      id: `bijlagen-${p.category}`,
      autoProceed: false,
      locale: p.locale === "en" ? en_US : nl_NL,
      // No client-side restrictions: the server refuses a file with a message in our words.
    });
    uppy.use(Dashboard, {
      inline: true,
      target: target.current!,
      height: 320,
      width: "100%",
      proudlyDisplayPoweredByUppy: false,
      hideUploadButton: true,
      note: p.text.note,
      locale: { strings: { dropPasteFiles: p.text.dropHint, browseFiles: p.text.browse } },
    });

    if (p.transport === "s3") {
      uppy.use(AwsS3, {
        // Parts of 5 MB above 5 MB: a dropped connection costs one part, which Uppy retries.
        shouldUseMultipart: (file) => (file.size ?? 0) > 5 * 1024 * 1024,
        getChunkSize: () => 5 * 1024 * 1024,
        limit: 3,
        generateObjectKey: (file) => (file.meta as FileMeta).objectKey ?? "invalid",
        async signRequest(request) {
          const res = await post(`${p.baseUrl}/ondertekenen`, request);
          if (!res.ok) throw new Error(String(res.data.error ?? "signing refused"));
          return res.data as { url: string; key?: string; headers?: Record<string, string> };
        },
      });
    } else {
      uppy.use(XHRUpload, {
        endpoint: (file) => `${p.baseUrl}/${(Array.isArray(file) ? file[0]?.meta : file.meta)?.uploadId ?? "onbekend"}`,
        method: "PUT",
        formData: false,
        limit: 2,
        headers: { "X-CSRF-Token": p.csrfToken },
        // A lost connection or a server error is worth another try; a refusal (4xx) says the same again.
        shouldRetry: (xhr) => xhr.status === 0 || xhr.status === 429 || xhr.status >= 500,
      });
    }

    // Busy while any file is on its way (registering, sending, being checked), and while a file
    // that failed for want of a connection waits to resume. Verified and refused files leave Uppy.
    let busy = false;
    const updateBusy = () => {
      const offline = typeof navigator !== "undefined" && navigator.onLine === false;
      const now = uppy.getFiles().some((file) => !file.error || offline);
      if (now !== busy) {
        busy = now;
        latest.current.onBusyChange(now);
      }
    };
    uppy.on("state-update", updateBusy);
    uppy.on("is-offline", updateBusy);
    uppy.on("is-online", updateBusy);
    // Uppy retries a failed request a few times, but not once the browser knows it is offline:
    // when the connection is back, files that failed meanwhile resume (multipart: from the last part).
    uppy.on("back-online", () => {
      if (uppy.getFiles().some((file) => file.error)) void uppy.retryAll().catch(() => undefined);
    });

    // Step 1, register, runs as Uppy's first processing step, so that a file is only ever sent
    // once the server knows it, whichever upload() call picks it up; a file retried is registered already.
    uppy.addPreProcessor(async (fileIDs) => {
      for (const id of fileIDs) {
        const file = uppy.getFile(id);
        if (!file || file.meta.uploadId) continue;
        const name = file.name ?? "";
        let res: Awaited<ReturnType<typeof post>> | null = null;
        try {
          res = await post(`${p.baseUrl}/aanmelden`, {
            category: p.category,
            name,
            size: file.size ?? 0,
            type: file.type ?? "",
          });
        } catch {
          // No connection: the resident adds the file again.
        }
        if (!uppy.getFile(id)) continue;
        if (!res?.ok) {
          uppy.removeFile(id);
          say("error", words(res?.data.error, name), file);
          continue;
        }
        const registered = res.data as unknown as Registered;
        uppy.setFileMeta(id, { uploadId: registered.id, objectKey: registered.key });
        uppy.setFileState(id, { type: registered.contentType });
      }
    });

    uppy.on("files-added", () => {
      void uppy.upload().catch(() => undefined);
    });

    /**
     * Step 3, verify. Asked again after a lost connection (the server answers a repeated question
     * the same), and while an earlier request for the same file is still being checked (409 with
     * the "being checked" message), so that its answer is not taken for a refusal.
     */
    const verify = async (uploadId: string, name: string) => {
      const stillChecking = fill(p.text.verifying, name);
      for (let attempt = 0; ; attempt++) {
        const pause = () => new Promise((resolve) => setTimeout(resolve, 500 * 2 ** Math.min(attempt, 3)));
        try {
          const res = await post(`${p.baseUrl}/${uploadId}/controleren`);
          if (res.status === 409 && res.data.error === stillChecking && attempt < 8) {
            await pause();
            continue;
          }
          return res;
        } catch (err) {
          if (attempt >= 3) throw err;
          await pause();
        }
      }
    };

    uppy.on("upload-success", async (file) => {
      if (!file?.meta.uploadId) return;
      const name = file.name ?? "";
      say("ok", fill(p.text.verifying, name), file);
      let res: Awaited<ReturnType<typeof post>> | null = null;
      try {
        res = await verify(file.meta.uploadId, name);
      } catch {
        // Still no connection: kept with its error, so that Uppy's retry (or coming back online) tries again.
      }
      if (!uppy.getFile(file.id)) return;
      if (res?.ok) {
        uppy.removeFile(file.id);
        say("ok", fill(p.text.verified, name), file);
        latest.current.onVerified();
      } else if (!res || res.status >= 500) {
        const message = words(res?.data.error, name);
        uppy.setFileState(file.id, { error: message });
        say("error", message, file);
      } else {
        // Refused for good (type, size, limits): the object is gone, so retrying could not help.
        uppy.removeFile(file.id);
        say("error", words(res.data.error, name), file);
      }
    });

    uppy.on("upload-error", (file, error) => {
      if (!file) return;
      // The local route answers a refusal (4xx) with { error } in the resident's words; the upload is then gone.
      const xhr = (error as { request?: XMLHttpRequest }).request;
      let serverWords: unknown;
      try {
        serverWords =
          xhr instanceof XMLHttpRequest && xhr.status >= 400 && xhr.status < 500 && xhr.status !== 429
            ? (JSON.parse(xhr.responseText) as { error?: unknown }).error
            : undefined;
      } catch {
        serverWords = undefined;
      }
      if (p.transport === "local" && serverWords !== undefined) {
        uppy.removeFile(file.id);
        say("error", words(serverWords, file.name ?? ""), file);
        return;
      }
      say("error", fill(p.text.uploadFailed, file.name ?? ""), file);
    });

    return () => {
      uppy.destroy();
    };
  }, []);

  return (
    <div
      className="oma-uploader"
      role="group"
      id={props.id}
      tabIndex={-1}
      aria-label={props.label}
      aria-describedby={props.describedBy}
    >
      <div ref={target} />
    </div>
  );
}
