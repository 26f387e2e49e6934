import { CSRF_FIELD } from "#app/security/csrf.server";
import { assertCsrf, csrfForbidden } from "#app/utils/forms.server";
import { logger } from "#app/utils/logger.server";
import { isRequestBodyError, readMultipart, type MultipartFile } from "#app/utils/multipart.server";
import type { RequestContext } from "#app/utils/services.server";
import { ObjectTooLargeError } from "#storage/types";
import { scanStoredObject } from "./inspect.server";
import { allowedTypeFor, cleanFileName, type UploadRefusalCode } from "./policy";
import { SNIFF_HEAD_BYTES, sniffType } from "./sniff";
import { newAttachmentKey } from "./uploads.server";

/**
 * The one multipart upload pipeline, for every plain form that posts files (the resident's
 * form without JavaScript, documents staff add). The CSRF field must come before any file;
 * each file is streamed to storage, never held whole in memory, and only counts once its
 * name is cleaned, its first bytes say it is a type we take, it fits the limits and, when a
 * scanner is configured, it is clean. A refused file leaves nothing in storage. Recording a
 * stored file (on a draft, on a dossier) is the caller's: if it does not, it must `discard` it.
 */

/** Text fields of an upload form are short (an intent, a category); one cap for every such form. */
export const UPLOAD_FIELD_MAX_CHARS = 20_000;

export type UploadPolicy<F extends string = string> = {
  /** The file inputs taken; files in any other input are read and dropped. */
  fields: readonly F[];
  /** Files after this many in one post are read and dropped without a word (a form with one file input). */
  perPost?: number;
  /** What the files may still add up to (the draft's limits); past it a file is refused. */
  budget?: { files: number; bytes: number };
};

/** A file in storage under a key of the server's choosing, with the shape every stored-file table has. */
export type StoredFile<F extends string = string> = {
  field: F;
  fileName: string;
  contentType: string;
  size: number;
  storageKey: string;
  sha256: string;
};

export type RefusedFile<F extends string = string> = { field: F; fileName: string; code: UploadRefusalCode };

export type ReceivedUploads<F extends string = string> = {
  files: StoredFile<F>[];
  refusals: RefusedFile<F>[];
  /** The form's other fields (the CSRF token left out), control characters removed. */
  fields: Record<string, string>;
};

type Ctx = Pick<RequestContext, "services">;

/** Deletes stored files the caller did not record (a refused form, a failed insert). */
export async function discard(context: Ctx, files: readonly StoredFile[]): Promise<void> {
  for (const file of files) {
    await context.services.storage
      .delete(file.storageKey)
      .catch((err: unknown) => logger.warn("could not delete refused upload", { err, key: file.storageKey }));
  }
}

/** Reads a multipart post by `policy`; a missing or wrong CSRF token throws a 403 Response. */
export async function receiveUploads<F extends string>(
  request: Request,
  context: Ctx,
  policy: UploadPolicy<F>,
): Promise<ReceivedUploads<F>> {
  const { services } = context;
  const maxFileBytes = services.env.uploads.maxFileBytes;
  const budget = policy.budget ?? { files: Infinity, bytes: Infinity };
  const result: ReceivedUploads<F> = { files: [], refusals: [], fields: {} };
  let csrfChecked = false;
  let seen = 0;
  let usedBytes = 0;

  const onField = (name: string, value: string) => {
    if (name === CSRF_FIELD) {
      assertCsrf(request, value, context);
      csrfChecked = true;
    } else result.fields[name] = value;
  };

  const onFile = async ({ name, filename, data }: MultipartFile): Promise<void> => {
    if (!csrfChecked) throw csrfForbidden();
    const part = partReader(data);
    try {
      const field = policy.fields.find((f) => f === name);
      // An empty file input (nothing chosen) arrives with an empty name.
      if (!field || filename === "" || seen >= (policy.perPost ?? Infinity)) return;
      seen++;
      const fileName = cleanFileName(filename);
      const refuse = (code: UploadRefusalCode) => void result.refusals.push({ field, fileName, code });
      if (!allowedTypeFor(fileName)) return refuse("bad_type");
      if (result.files.length >= budget.files) return refuse("too_many");

      const maxBytes = Math.min(maxFileBytes, budget.bytes - usedBytes);
      const tooLarge = () => refuse(maxBytes < maxFileBytes ? "total_too_large" : "too_large");
      // The name only said what the file claims to be; the bytes decide, before anything is stored.
      // A file both too large and of the wrong kind is refused for its size, whichever check sees it.
      const head = await part.head(SNIFF_HEAD_BYTES);
      const sniffed = sniffType(Buffer.concat(head), fileName);
      if (!sniffed.ok) {
        const size = head.reduce((n, c) => n + c.length, 0) + (await part.drain());
        return size > maxBytes ? tooLarge() : refuse(sniffed.reason === "empty" ? "empty" : "bad_type");
      }

      const key = newAttachmentKey();
      let size: number;
      let sha256: string;
      try {
        const stored = await services.storage.put(key, part.rest(head), { maxBytes, contentType: sniffed.contentType });
        ({ size, sha256 } = stored);
      } catch (err) {
        if (err instanceof ObjectTooLargeError) return tooLarge();
        await services.storage.delete(key).catch(() => undefined);
        // A body cut at its limit or unreadable is the request's fault, answered by the HTTP layer.
        if (isRequestBodyError(err)) throw err;
        logger.error("upload failed", { err });
        return refuse("storage_failed");
      }
      const verdict = await scanStoredObject(services, key);
      if (verdict !== "clean") {
        await services.storage.delete(key).catch(() => undefined);
        return refuse(verdict);
      }
      usedBytes += size;
      result.files.push({ field, fileName, contentType: sniffed.contentType, size, storageKey: key, sha256 });
    } finally {
      // Whatever was not taken is read to the end, so the next part of the post can be parsed.
      await part.drain();
    }
  };

  try {
    await readMultipart(request, { maxFieldChars: UPLOAD_FIELD_MAX_CHARS, onField, onFile });
    if (!csrfChecked) throw csrfForbidden();
  } catch (err) {
    await discard(context, result.files);
    throw err;
  }
  return result;
}

/** One part's bytes: a head read first, then the rest with the head in front, then whatever is left drained. */
function partReader(data: AsyncIterable<Uint8Array>) {
  const source = data[Symbol.asyncIterator]();
  let done = false;
  const next = async () => {
    const r = await source.next();
    if (r.done) done = true;
    return r;
  };
  return {
    async head(bytes: number): Promise<Uint8Array[]> {
      const chunks: Uint8Array[] = [];
      let total = 0;
      while (total < bytes) {
        const r = await next();
        if (r.done) break;
        chunks.push(r.value);
        total += r.value.length;
      }
      return chunks;
    },
    rest(head: Uint8Array[]): AsyncIterable<Uint8Array> {
      return {
        async *[Symbol.asyncIterator]() {
          yield* head;
          for (;;) {
            const r = await next();
            if (r.done) return;
            yield r.value;
          }
        },
      };
    },
    /** Reads what is left; returns how many bytes that was. */
    async drain(): Promise<number> {
      let bytes = 0;
      while (!done) bytes += (await next()).value?.length ?? 0;
      return bytes;
    },
  };
}
