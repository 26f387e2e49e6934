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
  transport: "s3" | "local";
  csrfToken: string;
  locale: "nl" | "en";
  accept: string[];
  maxFileBytes: number;
  text: UploaderText;
  /** A file passed the server's checks: refresh the page's list of attachments. */
  onVerified(): void;
  /** Something the resident must hear: a refusal or a completed file. */
  onMessage(message: { kind: "error" | "ok"; text: string }): void;
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
      const res = await fetch(url, { method: "POST", headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
      const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      return { ok: res.ok, data };
    };

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
          const res = await post("/klacht/upload/ondertekenen", request);
          if (!res.ok) throw new Error(String(res.data.error ?? "signing refused"));
          return res.data as { url: string; key?: string; headers?: Record<string, string> };
        },
      });
    } else {
      uppy.use(XHRUpload, {
        endpoint: (file) => `/klacht/upload/${(Array.isArray(file) ? file[0]?.meta : file.meta)?.uploadId ?? "onbekend"}`,
        method: "PUT",
        formData: false,
        limit: 2,
        headers: { "X-CSRF-Token": p.csrfToken },
      });
    }

    let busy = 0;
    const setBusy = (delta: number) => {
      busy = Math.max(0, busy + delta);
      latest.current.onBusyChange(busy > 0);
    };

    uppy.on("files-added", async (files: UppyFile<FileMeta, Record<string, never>>[]) => {
      setBusy(1);
      try {
        let accepted = 0;
        for (const file of files) {
          const res = await post("/klacht/upload/aanmelden", { category: p.category, name: file.name, size: file.size ?? 0, type: file.type ?? "" });
          if (!res.ok) {
            uppy.removeFile(file.id);
            latest.current.onMessage({ kind: "error", text: String(res.data.error ?? fill(p.text.uploadFailed, file.name ?? "")) });
            continue;
          }
          const registered = res.data as unknown as Registered;
          uppy.setFileMeta(file.id, { uploadId: registered.id, objectKey: registered.key });
          uppy.setFileState(file.id, { type: registered.contentType });
          accepted++;
        }
        if (accepted > 0) await uppy.upload();
      } finally {
        setBusy(-1);
      }
    });

    uppy.on("upload-success", async (file) => {
      if (!file) return;
      setBusy(1);
      try {
        const name = file.name ?? "";
        latest.current.onMessage({ kind: "ok", text: fill(p.text.verifying, name) });
        const res = await post(`/klacht/upload/${file.meta.uploadId}/controleren`);
        if (res.ok) {
          uppy.removeFile(file.id);
          latest.current.onMessage({ kind: "ok", text: fill(p.text.verified, name) });
          latest.current.onVerified();
        } else {
          const message = String(res.data.error ?? fill(p.text.uploadFailed, name));
          uppy.setFileState(file.id, { error: message });
          latest.current.onMessage({ kind: "error", text: message });
        }
      } finally {
        setBusy(-1);
      }
    });

    uppy.on("upload-error", (file) => {
      latest.current.onMessage({ kind: "error", text: fill(p.text.uploadFailed, file?.name ?? "") });
    });

    return () => {
      uppy.destroy();
    };
  }, []);

  return (
    <div className="oma-uploader" role="group" id={props.id} tabIndex={-1} aria-label={props.label} aria-describedby={props.describedBy}>
      <div ref={target} />
    </div>
  );
}
