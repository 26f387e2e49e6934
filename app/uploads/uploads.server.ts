import { createHash, randomUUID } from "node:crypto";
import { PassThrough } from "node:stream";
import { and, count, eq, inArray, sql, sum } from "drizzle-orm";
import type { Draft } from "#app/intake/drafts.server";
import { logger } from "#app/utils/logger.server";
import type { Services } from "#app/utils/services.server";
import type { Queryable } from "#db/client";
import { draftAttachments, intakeDrafts, uploads, type AttachmentCategory, type Upload } from "#db/schema/index";
import type { PresignRequest } from "#storage/s3-presign";
import { ObjectNotFoundError, ObjectTooLargeError } from "#storage/types";
import { scanWithClamd } from "./clamav.server";
import { readHead } from "./inspect.server";
import { allowedTypeFor, cleanFileName, type UploadRefusalCode } from "./policy";
import { SNIFF_HEAD_BYTES, sniffType } from "./sniff";

/**
 * Browser uploads (Uppy) in three moves, whatever the transport:
 *  1. register: the server checks the draft, the category, the declared name, type and size
 *     and the draft's limits, and chooses the object key (quarantine/<uuid>);
 *  2. transfer: straight to S3 with URLs presigned for exactly that key, or streamed to the
 *     local store through the app;
 *  3. verify: size, real type from the bytes, limits again and, when configured, a virus
 *     scan. Only then is the object moved out of quarantine and attached to the draft.
 */

export const QUARANTINE_PREFIX = "quarantine/";
export const ATTACHMENT_PREFIX = "attachments/";

/** A key for a file that counts (on a draft or a dossier); never derived from the file's name. */
export function newAttachmentKey(): string {
  return `${ATTACHMENT_PREFIX}${randomUUID()}`;
}

export type UploadScope = { services: Services; draft: Draft };
/** Why the browser upload API refused; app/uploads/refusal-words.server.ts says it in the resident's words. */
export type ApiRefusalCode = UploadRefusalCode | "invalid_category" | "verifying" | "missing";
export type Refusal = { ok: false; status: number; code: ApiRefusalCode; fileName: string };

const BLOCKED_DECLARED =
  /^(text\/html|application\/xhtml|image\/svg|application\/(x-)?(msdownload|executable|javascript)|text\/javascript)/i;

export function categoriesFor(draft: Draft): AttachmentCategory[] {
  const base: AttachmentCategory[] = ["municipality_answer", "original_complaint", "evidence"];
  return draft.answers.forWhom === "other" ? [...base, "mandate"] : base;
}

/** Files and bytes already on the draft, plus registered uploads still under way. */
async function usage(db: Queryable, draftId: string, excluding?: string) {
  const [attached] = await db
    .select({ n: count(), bytes: sum(draftAttachments.size) })
    .from(draftAttachments)
    .where(eq(draftAttachments.draftId, draftId));
  const pending = await db
    .select({ id: uploads.id, size: uploads.declaredSize })
    .from(uploads)
    .where(and(eq(uploads.draftId, draftId), inArray(uploads.status, ["pending", "verifying"])));
  const others = pending.filter((p) => p.id !== excluding);
  return {
    files: Number(attached?.n ?? 0) + others.length,
    bytes: Number(attached?.bytes ?? 0) + others.reduce((s, p) => s + p.size, 0),
  };
}

export type Registration = { ok: true; upload: Upload } | Refusal;

export async function registerUpload(
  scope: UploadScope,
  input: { category: string; name: string; size: number; type: string },
): Promise<Registration> {
  const { services, draft } = scope;
  const limits = services.env.uploads;
  const category = categoriesFor(draft).find((c) => c === input.category);
  if (!category) return { ok: false, status: 400, code: "invalid_category", fileName: "" };
  const fileName = cleanFileName(input.name);
  const contentType = allowedTypeFor(fileName);
  if (!contentType || BLOCKED_DECLARED.test(input.type)) return { ok: false, status: 415, code: "bad_type", fileName };
  if (!Number.isSafeInteger(input.size) || input.size <= 0) return { ok: false, status: 400, code: "empty", fileName };
  if (input.size > limits.maxFileBytes) return { ok: false, status: 413, code: "too_large", fileName };
  // The draft row is locked while counting and inserting, so parallel registrations (Uppy sends
  // several at once) cannot together pass the limits.
  const outcome = await services.db.transaction(async (tx): Promise<Refusal | Upload> => {
    await tx.select({ id: intakeDrafts.id }).from(intakeDrafts).where(eq(intakeDrafts.id, draft.id)).for("update");
    const used = await usage(tx, draft.id);
    if (used.files >= limits.maxFiles) return { ok: false, status: 409, code: "too_many", fileName };
    if (used.bytes + input.size > limits.maxTotalBytes)
      return { ok: false, status: 413, code: "total_too_large", fileName };
    const [row] = await tx
      .insert(uploads)
      .values({
        draftId: draft.id,
        category,
        storageKey: `${QUARANTINE_PREFIX}${randomUUID()}`,
        fileName,
        declaredType: contentType,
        declaredSize: input.size,
      })
      .returning();
    if (!row) throw new Error("upload insert returned nothing");
    return row;
  });
  if ("ok" in outcome) return outcome;
  const upload = outcome;
  return { ok: true, upload };
}

/** The draft's own upload that is still waiting for its bytes, by id or by key; null for anything else. */
export async function pendingUpload(scope: UploadScope, by: { id?: string; key?: string }): Promise<Upload | null> {
  if (by.id && !isUuid(by.id)) return null;
  const [row] = await scope.services.db
    .select()
    .from(uploads)
    .where(
      and(
        eq(uploads.draftId, scope.draft.id),
        eq(uploads.status, "pending"),
        by.id ? eq(uploads.id, by.id) : eq(uploads.storageKey, by.key ?? ""),
      ),
    );
  return row ?? null;
}

/** The draft's own upload in any state (for an idempotent verify); null for anything else. */
export async function ownUpload(scope: UploadScope, id: string | undefined): Promise<Upload | null> {
  if (!id || !isUuid(id)) return null;
  const [row] = await scope.services.db
    .select()
    .from(uploads)
    .where(and(eq(uploads.draftId, scope.draft.id), eq(uploads.id, id)));
  return row ?? null;
}

export async function verifiedAttachment(scope: UploadScope, attachmentId: string) {
  const [row] = await scope.services.db
    .select({
      id: draftAttachments.id,
      category: draftAttachments.category,
      fileName: draftAttachments.fileName,
      size: draftAttachments.size,
    })
    .from(draftAttachments)
    .where(and(eq(draftAttachments.id, attachmentId), eq(draftAttachments.draftId, scope.draft.id)));
  return row ?? null;
}

/** The local transport: the request body streamed into the upload's quarantine key, never past the limit. */
export async function receiveBytes(
  scope: UploadScope,
  upload: Upload,
  body: AsyncIterable<Uint8Array>,
): Promise<{ ok: true } | Refusal> {
  const { services } = scope;
  const limit = services.env.uploads.maxFileBytes;
  try {
    // Local storage reads the body ahead while it writes (storage/read-ahead.ts).
    const stored = await services.storage.put(upload.storageKey, body, {
      maxBytes: limit,
      contentType: upload.declaredType,
    });
    await services.db
      .update(uploads)
      .set({ sha256: stored.sha256, updatedAt: services.now() })
      .where(and(eq(uploads.id, upload.id), eq(uploads.status, "pending")));
    return { ok: true };
  } catch (err) {
    if (err instanceof ObjectTooLargeError) return refuseTooLarge(scope, upload);
    throw err;
  }
}

export async function refuseTooLarge(scope: UploadScope, upload: Upload): Promise<Refusal> {
  await reject(scope, upload, "too_large");
  return { ok: false, status: 413, code: "too_large", fileName: upload.fileName };
}

async function reject(scope: UploadScope, upload: Upload, reason: string): Promise<void> {
  await scope.services.storage
    .delete(upload.storageKey)
    .catch((err: unknown) => logger.warn("could not delete refused upload", { err, key: upload.storageKey }));
  await scope.services.db
    .update(uploads)
    .set({ status: "rejected", reason, updatedAt: scope.services.now() })
    .where(eq(uploads.id, upload.id));
  logger.info("upload refused", { uploadId: upload.id, reason });
}

export type Verification =
  { ok: true; attachment: { id: string; category: AttachmentCategory; fileName: string; size: number } } | Refusal;

/**
 * Checks an upload whose bytes have arrived; a refusal deletes the object and says why, in
 * the resident's words. The upload is first claimed (so a second verification or more bytes
 * cannot interfere), then moved to its final key, which no browser URL can write, and only
 * that copy is checked and attached.
 */
export async function verifyUpload(scope: UploadScope, upload: Upload): Promise<Verification> {
  const { services } = scope;
  const limits = services.env.uploads;
  const [claimed] = await services.db
    .update(uploads)
    .set({ status: "verifying", updatedAt: services.now() })
    .where(and(eq(uploads.id, upload.id), eq(uploads.status, "pending")))
    .returning();
  if (!claimed) return { ok: false, status: 409, code: "verifying", fileName: upload.fileName };

  const key = newAttachmentKey();
  const refuse = async (reason: string, code: ApiRefusalCode, status = 422): Promise<Refusal> => {
    await services.storage
      .delete(key)
      .catch((err: unknown) => logger.warn("could not delete refused upload", { err, key }));
    await reject(scope, claimed, reason);
    return { ok: false, status, code, fileName: claimed.fileName };
  };

  const before = await services.storage.head(claimed.storageKey);
  if (!before) return refuse("missing", "missing", 409);
  if (before.size > limits.maxFileBytes) return refuse("too_large", "too_large");
  try {
    await services.storage.move(claimed.storageKey, key);
  } catch (err) {
    if (err instanceof ObjectNotFoundError) return refuse("missing", "missing", 409);
    throw err;
  }

  // From here on only the moved copy counts.
  const info = await services.storage.head(key);
  if (!info) return refuse("missing", "missing", 409);
  if (info.size === 0) return refuse("empty", "empty");
  if (info.size > limits.maxFileBytes) return refuse("too_large", "too_large");

  const head = await readHead((await services.storage.get(key)).body, SNIFF_HEAD_BYTES);
  const sniffed = sniffType(head, claimed.fileName);
  if (!sniffed.ok) return refuse(`type_${sniffed.reason}`, sniffed.reason === "empty" ? "empty" : "bad_type");

  // The local route hashed what it received; that is only this copy if nothing was written since.
  let sha256: string | null = claimed.sha256 && before.size === info.size ? claimed.sha256 : null;
  const clamav = services.env.clamav;
  if (clamav) {
    const { body } = await services.storage.get(key);
    const hash = createHash("sha256");
    const tee = new PassThrough();
    body.on("data", (chunk: Buffer) => hash.update(chunk));
    body.pipe(tee);
    try {
      const verdict = await scanWithClamd(tee, { host: clamav.host, port: clamav.port });
      if (!verdict.clean) {
        logger.warn("virus found in upload", { uploadId: claimed.id, signature: verdict.signature });
        return refuse("infected", "infected");
      }
      sha256 = hash.digest("hex");
    } catch (err) {
      body.destroy();
      logger.error("virus scan failed", { err, uploadId: claimed.id });
      // The scanner is down, not the file at fault: keep it, so asking again later works.
      await services.storage.move(key, claimed.storageKey).catch(() => undefined);
      await services.db
        .update(uploads)
        .set({ status: "pending", updatedAt: services.now() })
        .where(eq(uploads.id, claimed.id));
      return { ok: false, status: 503, code: "scan_failed", fileName: claimed.fileName };
    }
  }

  const attached = await services.db.transaction(async (tx): Promise<Refusal | { id: string }> => {
    await tx
      .select({ id: intakeDrafts.id })
      .from(intakeDrafts)
      .where(eq(intakeDrafts.id, scope.draft.id))
      .for("update");
    const used = await usage(tx, scope.draft.id, claimed.id);
    if (used.files >= limits.maxFiles) return { ok: false, status: 409, code: "too_many", fileName: claimed.fileName };
    if (used.bytes + info.size > limits.maxTotalBytes)
      return { ok: false, status: 413, code: "total_too_large", fileName: claimed.fileName };
    const [row] = await tx
      .insert(draftAttachments)
      .values({
        draftId: scope.draft.id,
        category: claimed.category,
        storageKey: key,
        fileName: claimed.fileName,
        contentType: sniffed.contentType,
        size: info.size,
        sha256,
      })
      .returning({ id: draftAttachments.id });
    if (!row) throw new Error("attachment insert returned nothing");
    await tx
      .update(uploads)
      .set({ status: "verified", attachmentId: row.id, updatedAt: services.now() })
      .where(eq(uploads.id, claimed.id));
    return row;
  });
  if ("ok" in attached) return refuse("limits", attached.code, attached.status);
  return {
    ok: true,
    attachment: { id: attached.id, category: claimed.category, fileName: claimed.fileName, size: info.size },
  };
}

/**
 * Housekeeping: quarantined objects of uploads that were never verified (abandoned or
 * refused) once older than `olderThan`, and objects under quarantine/ or attachments/ that no
 * row points to (left by a crash). Returns what was deleted, for the log.
 */
export async function deleteStrayObjects(
  services: Pick<Services, "db" | "storage" | "now">,
  olderThan: Date,
): Promise<{ abandoned: number; orphans: number }> {
  const stale = await services.db
    .select({ id: uploads.id, key: uploads.storageKey })
    .from(uploads)
    .where(
      and(
        inArray(uploads.status, ["pending", "verifying", "rejected"]),
        sql`${uploads.updatedAt} < ${olderThan.toISOString()}::timestamptz`,
      ),
    )
    .limit(1000);
  for (const row of stale) {
    await services.storage.delete(row.key);
    await services.db.delete(uploads).where(eq(uploads.id, row.id));
  }

  let orphans = 0;
  for (const prefix of [QUARANTINE_PREFIX, ATTACHMENT_PREFIX]) {
    const batch: string[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const known = new Set<string>();
      const keys = [...batch];
      batch.length = 0;
      const rows = await services.db
        .execute(
          sql`
        SELECT storage_key AS key FROM uploads WHERE storage_key IN ${keys} AND status IN ('pending', 'verifying')
        UNION ALL SELECT storage_key FROM draft_attachments WHERE storage_key IN ${keys}
        UNION ALL SELECT storage_key FROM dossier_attachments WHERE storage_key IN ${keys}`,
        )
        .then((r) => rowsOf<{ key: string }>(r));
      for (const r of rows) known.add(r.key);
      for (const key of keys) {
        if (!known.has(key)) {
          await services.storage.delete(key);
          orphans++;
        }
      }
    };
    for await (const object of services.storage.list(prefix)) {
      // Recent objects may belong to a request still in flight.
      if (object.lastModified >= olderThan) continue;
      batch.push(object.key);
      if (batch.length >= 500) await flush();
    }
    await flush();
  }
  if (stale.length > 0 || orphans > 0)
    logger.info("stray upload objects deleted", { abandoned: stale.length, orphans });
  return { abandoned: stale.length, orphans };
}

function rowsOf<R>(result: unknown): R[] {
  // postgres.js returns the rows; PGlite returns { rows } (toolchain note P12).
  return (Array.isArray(result) ? result : (result as { rows: R[] }).rows) as R[];
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** Maps one request of Uppy's S3 plugin to what may be signed: only this draft's pending upload, only its key. */
export async function uppyRequestToPresign(
  scope: UploadScope,
  r: { method: "PUT" | "POST" | "GET" | "DELETE"; key: string; uploadId?: string; partNumber?: number },
): Promise<PresignRequest | null> {
  const upload = await pendingUpload(scope, { key: r.key });
  if (!upload) return null;
  const maxParts = Math.ceil(upload.declaredSize / (5 * 1024 * 1024)) + 1;
  const key = upload.storageKey;
  if (!r.uploadId) {
    if (r.method === "PUT") return { kind: "putObject", key, contentType: upload.declaredType };
    if (r.method === "POST") return { kind: "createMultipart", key, contentType: upload.declaredType };
    return null;
  }
  if (r.method === "PUT")
    return r.partNumber && r.partNumber <= maxParts
      ? { kind: "uploadPart", key, uploadId: r.uploadId, partNumber: r.partNumber }
      : null;
  if (r.method === "POST") return r.partNumber ? null : { kind: "completeMultipart", key, uploadId: r.uploadId };
  if (r.method === "GET") return { kind: "listParts", key, uploadId: r.uploadId };
  return { kind: "abortMultipart", key, uploadId: r.uploadId };
}
