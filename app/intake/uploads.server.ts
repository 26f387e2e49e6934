import { randomUUID } from "node:crypto";
import type { Messages } from "#app/i18n/catalogue.server";
import { interpolate } from "#app/i18n/i18n";
import { CSRF_FIELD } from "#app/security/csrf.server";
import { assertCsrf } from "#app/utils/forms.server";
import { logger } from "#app/utils/logger.server";
import { isRequestBodyError, readMultipart, type MultipartFile } from "#app/utils/multipart.server";
import { stripBidiControls } from "#app/utils/text";
import type { RequestContext, Services } from "#app/utils/services.server";
import type { AttachmentCategory } from "#db/schema/index";
import { ObjectTooLargeError } from "#storage/types";
import { inspectStoredObject } from "#app/uploads/inspect.server";
import { addDraftAttachment, draftUsage, type Draft } from "./drafts.server";

/**
 * The no-JavaScript upload path: a plain multipart form whose files are streamed one by one
 * into storage, each checked for size, type and the draft's limits as it arrives. Nothing
 * is held in memory; a refused file leaves nothing behind.
 */

type AllowedType = { contentType: string; extensions: string[] };

export const ALLOWED_TYPES: AllowedType[] = [
  { contentType: "application/pdf", extensions: ["pdf"] },
  { contentType: "image/jpeg", extensions: ["jpg", "jpeg"] },
  { contentType: "image/png", extensions: ["png"] },
  { contentType: "image/heic", extensions: ["heic", "heif"] },
  { contentType: "application/msword", extensions: ["doc"] },
  { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"] },
  { contentType: "application/vnd.oasis.opendocument.text", extensions: ["odt"] },
  { contentType: "text/plain", extensions: ["txt"] },
  { contentType: "message/rfc822", extensions: ["eml"] },
  { contentType: "application/vnd.ms-outlook", extensions: ["msg"] },
];

export const ACCEPT_ATTRIBUTE = ALLOWED_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`)).join(",");

/** The type a file's name says it is, if it is one we accept; browsers often send octet-stream for .msg or .heic. */
export function allowedTypeFor(fileName: string): string | null {
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  return ALLOWED_TYPES.find((t) => t.extensions.includes(ext))?.contentType ?? null;
}

/**
 * A file name safe to show and store: no path, no control characters, no bidirectional
 * overrides (which make "factuur\u202Efdp.exe" read as "factuurexe.pdf"), at most 200 characters.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const cleaned = stripBidiControls(base).replace(/[\u0000-\u001f\u007f-\u009f"<>|*?:]/g, "_").trim();
  return (cleaned || "bestand").slice(-200);
}

export type UploadOutcome = {
  added: { id: string; fileName: string; category: AttachmentCategory }[];
  /** Refusals by category, in a resident's words. */
  errors: { category: AttachmentCategory | null; message: string }[];
  fields: Record<string, string>;
};

export function newAttachmentKey(): string {
  return `attachments/${randomUUID()}`;
}

/** Pulls from the source until the put stops; what the put did not take is drained so the next part can be read. */
async function streamPart(data: AsyncIterable<Uint8Array>, put: (body: AsyncIterable<Uint8Array>) => Promise<void>): Promise<void> {
  const source = data[Symbol.asyncIterator]();
  let done = false;
  const body: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        const r = await source.next();
        if (r.done) done = true;
        return r;
      },
    }),
  };
  try {
    await put(body);
  } finally {
    while (!done) {
      const r = await source.next();
      if (r.done) done = true;
    }
  }
}

/**
 * Reads a multipart post for a draft: the CSRF field must come before any file; each file
 * part whose name is one of `categories` is streamed to storage and recorded on the draft.
 */
export async function receiveUploads(
  request: Request,
  context: Pick<RequestContext, "services">,
  draft: Draft,
  categories: AttachmentCategory[],
  t: Messages["intake"]["attachments"],
): Promise<UploadOutcome> {
  const services: Services = context.services;
  const limits = services.env.uploads;
  const outcome: UploadOutcome = { added: [], errors: [], fields: {} };
  let csrfChecked = false;
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

  const onField = (name: string, value: string) => {
    if (name === CSRF_FIELD) {
      assertCsrf(request, value, context);
      csrfChecked = true;
    } else outcome.fields[name] = value;
  };

  const onFile = async ({ name, filename, data }: MultipartFile): Promise<void> => {
    if (!csrfChecked) throw new Response("Forbidden: invalid or missing CSRF token", { status: 403, statusText: "CSRF" });
    const category = categories.find((c) => c === name);
    if (!category || filename === "") {
      await streamPart(data, async (body) => {
        for await (const _ of body) void _;
      });
      return;
    }
    const fileName = cleanFileName(filename);
    const contentType = allowedTypeFor(fileName);
    const usage = await draftUsage(services.db, draft.id);
    let refusal: string | null = null;
    if (!contentType) refusal = interpolate(t.badType, { name: fileName });
    else if (usage.count >= limits.maxFiles) refusal = interpolate(t.tooMany, { files: limits.maxFiles });
    if (refusal) {
      outcome.errors.push({ category, message: refusal });
      await streamPart(data, async (body) => {
        for await (const _ of body) void _;
      });
      return;
    }
    const key = newAttachmentKey();
    const maxBytes = Math.min(limits.maxFileBytes, limits.maxTotalBytes - usage.bytes);
    await streamPart(data, async (body) => {
      try {
        const stored = await services.storage.put(key, body, { maxBytes, contentType: contentType! });
        if (stored.size === 0) {
          await services.storage.delete(key);
          outcome.errors.push({ category, message: interpolate(t.empty, { name: fileName }) });
          return;
        }
        // The name only said what the file claims to be; the bytes decide.
        const inspected = await inspectStoredObject(services, key, fileName);
        if (!inspected.ok) {
          await services.storage.delete(key);
          const message = { type: t.badType, empty: t.empty, infected: t.infected, scan_failed: t.scanFailed }[inspected.reason];
          outcome.errors.push({ category, message: interpolate(message, { name: fileName }) });
          return;
        }
        const row = await addDraftAttachment(services.db, {
          draftId: draft.id,
          category,
          storageKey: key,
          fileName,
          contentType: inspected.contentType,
          size: stored.size,
          sha256: stored.sha256,
        });
        outcome.added.push({ id: row.id, fileName, category });
      } catch (err) {
        if (err instanceof ObjectTooLargeError) {
          outcome.errors.push({
            category,
            message:
              maxBytes < limits.maxFileBytes
                ? interpolate(t.totalTooLarge, { mb: mb(limits.maxTotalBytes) })
                : interpolate(t.tooLarge, { name: fileName, mb: mb(limits.maxFileBytes) }),
          });
          return;
        }
        await services.storage.delete(key).catch(() => undefined);
        // A body cut at its limit or unreadable is the request's fault, answered by the HTTP layer.
        if (isRequestBodyError(err)) throw err;
        logger.error("upload failed", { err });
        outcome.errors.push({ category, message: t.storageFailed });
      }
    });
  };

  await readMultipart(request, { maxFieldChars: 10_000, onField, onFile });
  if (!csrfChecked) throw new Response("Forbidden: invalid or missing CSRF token", { status: 403, statusText: "CSRF" });
  return outcome;
}
