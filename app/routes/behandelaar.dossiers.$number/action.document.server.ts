import { randomUUID } from "node:crypto";
import { z } from "zod";
import { findTarget, issue, type CommandScope } from "#app/dossiers/casework/command.server";
import { addDocument, discardFile, setVisibility, type ReceivedFile } from "#app/dossiers/casework/document.server";
import type { Messages } from "#app/i18n/catalogue.server";
import { interpolate } from "#app/i18n/i18n";
import { cleanFileName } from "#app/uploads/policy";
import { CSRF_FIELD } from "#app/security/csrf.server";
import { SNIFF_HEAD_BYTES, sniffType } from "#app/uploads/sniff";
import { assertCsrf, type FieldErrors } from "#app/utils/forms.server";
import { logger } from "#app/utils/logger.server";
import { isRequestBodyError, readMultipart, type MultipartFile } from "#app/utils/multipart.server";
import { attachmentCategory, documentVisibility } from "#db/schema/index";
import { ObjectTooLargeError } from "#storage/types";
import { choice, text, UUID, type T } from "./fields.server";

const FIELD_MAX_CHARS = 20_000;

/** A document always comes as multipart (`receiveDocument`); posted otherwise there is no file to add. */
export const addDocumentSchema = () => z.object({ intent: z.literal("add_document") });

export const visibilitySchema = (t: T) =>
  z.object({
    intent: z.literal("set_visibility"),
    attachmentId: text().pipe(z.string().regex(UUID, t.documentGone)),
    visibility: choice(documentVisibility.enumValues, t.visibilityRequired),
  });

const documentFields = (t: T) =>
  z.object({
    documentCategory: choice(attachmentCategory.enumValues, t.categoryRequired),
    documentVisibility: choice(documentVisibility.enumValues, t.visibilityRequired),
  });

export const documentHandlers = {
  add_document: async () => issue("file", "file-required"),
  set_visibility: setVisibility,
};

/** What the multipart form came to: a command result, or the words for a file refused on the way in. */
export type DocumentPost =
  | { kind: "command"; result: Awaited<ReturnType<typeof addDocument>> }
  | { kind: "refused"; code: "not-found" }
  | { kind: "invalid"; errors: FieldErrors };

/**
 * A document added by staff, from a plain multipart form: the CSRF token must come before the
 * file; the file's first bytes decide its type (the intake's refusals, in the same words); the
 * bytes stream to storage under the size limit and are never held whole in memory. A refused
 * file leaves nothing in storage; an accepted one goes to the `addDocument` command.
 */
export async function receiveDocument(
  scope: CommandScope,
  request: Request,
  messages: Messages
): Promise<{ post: DocumentPost; values: Record<string, string> }> {
  const { ctx } = scope;
  const t = messages.casework;
  const ut = messages.intake.attachments;
  const services = ctx.services;
  const target = await findTarget(services.db, scope);
  if (!target) return { post: { kind: "refused", code: "not-found" }, values: {} };

  const limit = services.env.uploads.maxFileBytes;
  const mb = Math.round(limit / 1024 / 1024);
  const fields: Record<string, string> = {};
  let csrfChecked = false;
  let stored: ReceivedFile | null = null;
  let fileError: string | null = null;
  let sawFile = false;

  const onField = (name: string, value: string) => {
    if (name === CSRF_FIELD) {
      assertCsrf(request, value, ctx);
      csrfChecked = true;
    } else fields[name] = value;
  };

  const onFile = async ({ name, filename, data }: MultipartFile): Promise<void> => {
    if (!csrfChecked)
      throw new Response("Forbidden: invalid or missing CSRF token", { status: 403, statusText: "CSRF" });
    const source = data[Symbol.asyncIterator]();
    let done = false;
    const next = async () => {
      const r = await source.next();
      if (r.done) done = true;
      return r;
    };
    try {
      // One file per post; an empty file input (nothing chosen) arrives with an empty name.
      if (name !== "file" || filename === "" || sawFile || target.status === "closed") return undefined;
      sawFile = true;
      const fileName = cleanFileName(filename);
      const head: Uint8Array[] = [];
      let headBytes = 0;
      while (headBytes < SNIFF_HEAD_BYTES) {
        const r = await next();
        if (r.done) break;
        head.push(r.value);
        headBytes += r.value.length;
      }
      const sniffed = sniffType(Buffer.concat(head), fileName);
      if (!sniffed.ok) {
        fileError = interpolate(sniffed.reason === "empty" ? ut.empty : ut.badType, { name: fileName });
        return undefined;
      }
      const key = `attachments/${randomUUID()}`;
      const body: AsyncIterable<Uint8Array> = {
        async *[Symbol.asyncIterator]() {
          yield* head;
          for (;;) {
            const r = await next();
            if (r.done) return;
            yield r.value;
          }
        },
      };
      try {
        const object = await services.storage.put(key, body, { maxBytes: limit, contentType: sniffed.contentType });
        stored = { key, fileName, contentType: sniffed.contentType, size: object.size, sha256: object.sha256 };
      } catch (err) {
        if (err instanceof ObjectTooLargeError) {
          fileError = interpolate(ut.tooLarge, { name: fileName, mb });
          return undefined;
        }
        await services.storage.delete(key).catch(() => undefined);
        // A body cut at its limit or unreadable is the request's fault, answered by the HTTP layer.
        if (isRequestBodyError(err)) throw err;
        logger.error("document upload failed", { err });
        fileError = ut.storageFailed;
      }
      return undefined;
    } finally {
      // Whatever was not taken is read to the end, so the next part of the post can be parsed.
      while (!done) await next();
    }
  };

  try {
    await readMultipart(request, { maxFieldChars: FIELD_MAX_CHARS, onField, onFile });
  } catch (err) {
    await discardFile(services, stored);
    throw err;
  }
  if (!csrfChecked) {
    await discardFile(services, stored);
    throw new Response("Forbidden: invalid or missing CSRF token", { status: 403, statusText: "CSRF" });
  }
  const values = {
    documentCategory: fields.documentCategory ?? "",
    documentVisibility: fields.documentVisibility ?? "",
  };
  const file = stored as ReceivedFile | null;

  const parsed = documentFields(t).safeParse(values);
  const errors: FieldErrors = {};
  if (target.status === "closed") errors.file = t.closedNotice;
  else if (fileError) errors.file = fileError;
  else if (!file) errors.file = t.fileRequired;
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
  if (Object.keys(errors).length > 0 || !parsed.success || !file) {
    await discardFile(services, file);
    return { post: { kind: "invalid", errors }, values };
  }
  const result = await addDocument(scope, { ...parsed.data, file });
  return { post: { kind: "command", result }, values };
}
