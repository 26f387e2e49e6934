import { createHash, randomUUID } from "node:crypto";
import { PassThrough } from "node:stream";
import { and, asc, count, eq, inArray, isNull, or, sql, sum, type SQL } from "drizzle-orm";
import type { Draft } from "#app/intake/drafts.server";
import { recordUploadVerification } from "#app/http/metrics.server";
import { logger } from "#app/utils/logger.server";
import type { Services } from "#app/utils/services.server";
import type { Queryable } from "#db/client";
import {
  draftAttachments,
  dossiers,
  intakeDrafts,
  municipalityRequests,
  uploads,
  type AttachmentCategory,
  type Upload,
} from "#db/schema/index";
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
 *
 * The owner is a resident's draft, an officer answering a municipality request, or a resident
 * adding documents to their submitted dossier. The last two hold their verified uploads (the key
 * now the checked copy) until the answer is sent (`answerRequest`) or the status page's form adds
 * them (`addResidentUploads`), which makes each a dossier attachment.
 */

export const QUARANTINE_PREFIX = "quarantine/";
export const ATTACHMENT_PREFIX = "attachments/";

/** A key for a file that counts (on a draft or a dossier); never derived from the file's name. */
export function newAttachmentKey(): string {
  return `${ATTACHMENT_PREFIX}${randomUUID()}`;
}

/** Whose uploads these are; every query below carries it in its `where`. */
export type UploadOwner =
  | { kind: "draft"; draft: Draft }
  | { kind: "request"; requestId: string; officerId: string; maxFiles: number }
  | { kind: "resident"; dossierId: string; maxFiles: number };
export type UploadScope = { services: Services; owner: UploadOwner };

/** An owner whose verified uploads wait, as uploads, for a later act to take them (an answer, the status page's form). */
export type HoldingOwner = Exclude<UploadOwner, { kind: "draft" }>;

/** A draft's uploads, one officer's uploads for one request, or a resident's for their dossier. */
function ownedBy(owner: UploadOwner): SQL {
  if (owner.kind === "draft") return eq(uploads.draftId, owner.draft.id);
  if (owner.kind === "resident") return eq(uploads.dossierId, owner.dossierId);
  return and(eq(uploads.requestId, owner.requestId), eq(uploads.uploadedBy, owner.officerId))!;
}

/** A holding owner's verified uploads that nothing has taken yet. */
const held = (owner: HoldingOwner) => and(ownedBy(owner), eq(uploads.status, "verified"), isNull(uploads.attachmentId));

/** The columns that make a new upload the owner's. */
function ownerColumns(owner: UploadOwner) {
  if (owner.kind === "draft") return { draftId: owner.draft.id };
  if (owner.kind === "resident") return { dossierId: owner.dossierId };
  return { requestId: owner.requestId, uploadedBy: owner.officerId };
}

/**
 * The owner's limits: the draft's from the configuration; an answer's as many files as it has
 * slots, a resident's as many as their dossier still takes (`maxFiles`), each at most a file's size.
 */
export function limitsOf(scope: UploadScope) {
  const env = scope.services.env.uploads;
  return scope.owner.kind === "draft"
    ? env
    : {
        maxFileBytes: env.maxFileBytes,
        maxFiles: scope.owner.maxFiles,
        maxTotalBytes: scope.owner.maxFiles * env.maxFileBytes,
      };
}

/** Locks the owner's row, so that parallel registrations and verifications are counted in order. */
async function lockOwner(tx: Queryable, owner: UploadOwner) {
  if (owner.kind === "draft")
    await tx
      .select({ id: intakeDrafts.id })
      .from(intakeDrafts)
      .where(eq(intakeDrafts.id, owner.draft.id))
      .for("update");
  else if (owner.kind === "resident")
    await tx.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.id, owner.dossierId)).for("update");
  else
    await tx
      .select({ id: municipalityRequests.id })
      .from(municipalityRequests)
      .where(eq(municipalityRequests.id, owner.requestId))
      .for("update");
}
/** Why the browser upload API refused; app/uploads/refusal-words.server.ts says it in the resident's words. */
export type ApiRefusalCode = UploadRefusalCode | "invalid_category" | "verifying" | "missing";
export type Refusal = { ok: false; status: number; code: ApiRefusalCode; fileName: string };

const BLOCKED_DECLARED =
  /^(text\/html|application\/xhtml|image\/svg|application\/(x-)?(msdownload|executable|javascript)|text\/javascript)/i;

export function categoriesFor(owner: UploadOwner): AttachmentCategory[] {
  if (owner.kind === "request") return ["municipality_answer"];
  if (owner.kind === "resident") return [RESIDENT_DOCUMENT_CATEGORY];
  const base: AttachmentCategory[] = ["municipality_answer", "original_complaint", "evidence"];
  return owner.draft.answers.forWhom === "other" ? [...base, "mandate"] : base;
}

/** What the resident's documents added later are (the status page's plain form and uploader alike). */
export const RESIDENT_DOCUMENT_CATEGORY = "evidence" satisfies AttachmentCategory;

/**
 * Files and bytes already counted: on a draft its attachments, for a holding owner its verified
 * uploads not yet taken; plus registered uploads still under way.
 */
async function usage(db: Queryable, owner: UploadOwner, excluding?: string) {
  const [attached] =
    owner.kind === "draft"
      ? await db
          .select({ n: count(), bytes: sum(draftAttachments.size) })
          .from(draftAttachments)
          .where(eq(draftAttachments.draftId, owner.draft.id))
      : await db
          .select({ n: count(), bytes: sum(uploads.size) })
          .from(uploads)
          .where(held(owner));
  const pending = await db
    .select({ id: uploads.id, size: uploads.declaredSize })
    .from(uploads)
    .where(and(ownedBy(owner), inArray(uploads.status, ["pending", "verifying"])));
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
  const { services, owner } = scope;
  const limits = limitsOf(scope);
  const category = categoriesFor(owner).find((c) => c === input.category);
  if (!category) return { ok: false, status: 400, code: "invalid_category", fileName: "" };
  const fileName = cleanFileName(input.name);
  const contentType = allowedTypeFor(fileName);
  if (!contentType || BLOCKED_DECLARED.test(input.type)) return { ok: false, status: 415, code: "bad_type", fileName };
  if (!Number.isSafeInteger(input.size) || input.size <= 0) return { ok: false, status: 400, code: "empty", fileName };
  if (input.size > limits.maxFileBytes) return { ok: false, status: 413, code: "too_large", fileName };
  // The owner's row is locked while counting and inserting, so parallel registrations (Uppy
  // sends several at once) cannot together pass the limits.
  const outcome = await services.db.transaction(async (tx): Promise<Refusal | Upload> => {
    await lockOwner(tx, owner);
    const used = await usage(tx, owner);
    if (used.files >= limits.maxFiles) return { ok: false, status: 409, code: "too_many", fileName };
    if (used.bytes + input.size > limits.maxTotalBytes)
      return { ok: false, status: 413, code: "total_too_large", fileName };
    const [row] = await tx
      .insert(uploads)
      .values({
        ...ownerColumns(owner),
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

/** The owner's own upload that is still waiting for its bytes, by id or by key; null for anything else. */
export async function pendingUpload(scope: UploadScope, by: { id?: string; key?: string }): Promise<Upload | null> {
  if (by.id && !isUuid(by.id)) return null;
  const [row] = await scope.services.db
    .select()
    .from(uploads)
    .where(
      and(
        ownedBy(scope.owner),
        eq(uploads.status, "pending"),
        by.id ? eq(uploads.id, by.id) : eq(uploads.storageKey, by.key ?? ""),
      ),
    );
  return row ?? null;
}

/** The owner's own upload in any state (for an idempotent verify); null for anything else. */
export async function ownUpload(scope: UploadScope, id: string | undefined): Promise<Upload | null> {
  if (!id || !isUuid(id)) return null;
  const [row] = await scope.services.db
    .select()
    .from(uploads)
    .where(and(ownedBy(scope.owner), eq(uploads.id, id)));
  return row ?? null;
}

/** What a verified upload became, as the uploader is told: the draft's attachment, or the held checked upload. */
export async function verifiedAttachment(scope: UploadScope, upload: Upload) {
  const { owner } = scope;
  if (owner.kind !== "draft")
    return upload.status === "verified" && upload.size !== null
      ? { id: upload.id, category: upload.category, fileName: upload.fileName, size: upload.size }
      : null;
  if (!upload.attachmentId) return null;
  const [row] = await scope.services.db
    .select({
      id: draftAttachments.id,
      category: draftAttachments.category,
      fileName: draftAttachments.fileName,
      size: draftAttachments.size,
    })
    .from(draftAttachments)
    .where(and(eq(draftAttachments.id, upload.attachmentId), eq(draftAttachments.draftId, owner.draft.id)));
  return row ?? null;
}

/** The local transport: the request body streamed into the upload's quarantine key, never past the limit. */
export async function receiveBytes(
  scope: UploadScope,
  upload: Upload,
  body: AsyncIterable<Uint8Array>,
): Promise<{ ok: true } | Refusal> {
  const { services } = scope;
  const limit = limitsOf(scope).maxFileBytes;
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
  const verification = await verify(scope, upload);
  recordUploadVerification(verification);
  return verification;
}

async function verify(scope: UploadScope, upload: Upload): Promise<Verification> {
  const { services, owner } = scope;
  const limits = limitsOf(scope);
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
    await lockOwner(tx, owner);
    const used = await usage(tx, owner, claimed.id);
    if (used.files >= limits.maxFiles) return { ok: false, status: 409, code: "too_many", fileName: claimed.fileName };
    if (used.bytes + info.size > limits.maxTotalBytes)
      return { ok: false, status: 413, code: "total_too_large", fileName: claimed.fileName };
    const checked = { contentType: sniffed.contentType, size: info.size, updatedAt: services.now() };
    if (owner.kind !== "draft") {
      // Kept as the owner's upload, now naming the checked copy, until an answer or form takes it.
      await tx
        .update(uploads)
        .set({ ...checked, status: "verified", storageKey: key, sha256 })
        .where(eq(uploads.id, claimed.id));
      return { id: claimed.id };
    }
    const [row] = await tx
      .insert(draftAttachments)
      .values({
        draftId: owner.draft.id,
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
      .set({ ...checked, status: "verified", attachmentId: row.id })
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
        or(
          inArray(uploads.status, ["pending", "verifying", "rejected"]),
          // A held checked file that no answer or form took.
          and(eq(uploads.status, "verified"), isNull(uploads.draftId), isNull(uploads.attachmentId)),
        ),
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
        SELECT storage_key AS key FROM uploads WHERE storage_key IN ${keys}
          AND (status IN ('pending', 'verifying') OR (status = 'verified' AND draft_id IS NULL AND attachment_id IS NULL))
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

// ---------------------------------------------------------------------------------------------
// Held uploads between verification and the act that takes them (an officer's answer, the
// resident's "add documents" on the status page)

export type RequestOwner = Extract<UploadOwner, { kind: "request" }>;
export type ResidentOwner = Extract<UploadOwner, { kind: "resident" }>;

const heldColumns = {
  id: uploads.id,
  fileName: uploads.fileName,
  contentType: uploads.contentType,
  size: uploads.size,
  storageKey: uploads.storageKey,
  sha256: uploads.sha256,
};
function checkedOnly<R extends { contentType: string | null; size: number | null }>(rows: R[]) {
  return rows.flatMap((r) =>
    r.contentType !== null && r.size !== null ? [{ ...r, contentType: r.contentType, size: r.size }] : [],
  );
}

/** The owner's checked files that nothing has taken yet, oldest first. */
export async function heldUploads(db: Queryable, owner: HoldingOwner) {
  const rows = await db
    .select(heldColumns)
    .from(uploads)
    .where(held(owner))
    .orderBy(asc(uploads.createdAt), asc(uploads.id));
  return checkedOnly(rows);
}
export type HeldUpload = Awaited<ReturnType<typeof heldUploads>>[number];

/** Locks the owner's checked, untaken uploads among `ids` for the taking transaction; returns those found, by id. */
export async function lockHeldUploads(
  tx: Queryable,
  owner: HoldingOwner,
  ids: string[],
): Promise<Map<string, HeldUpload>> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Map();
  const rows = await tx
    .select(heldColumns)
    .from(uploads)
    .where(and(held(owner), inArray(uploads.id, valid)))
    .for("update");
  return new Map(checkedOnly(rows).map((r) => [r.id, r]));
}

/**
 * Marks the owner's checked upload as taken by a dossier attachment, in the taking transaction;
 * false when it is no longer there to take (removed, or taken by another post).
 */
export async function takeHeldUpload(
  tx: Queryable,
  owner: HoldingOwner,
  uploadId: string,
  attachmentId: string,
  now: Date,
): Promise<boolean> {
  const taken = await tx
    .update(uploads)
    .set({ attachmentId, updatedAt: now })
    .where(and(held(owner), eq(uploads.id, uploadId)))
    .returning({ id: uploads.id });
  return taken.length === 1;
}

/** The owner takes a file off again before it is taken: the upload and its object are deleted. */
export async function removeHeldUpload(scope: UploadScope, uploadId: string | undefined): Promise<boolean> {
  if (scope.owner.kind === "draft" || !uploadId || !isUuid(uploadId)) return false;
  const [row] = await scope.services.db
    .delete(uploads)
    .where(
      and(
        ownedBy(scope.owner),
        eq(uploads.id, uploadId),
        inArray(uploads.status, ["pending", "verified", "rejected"]),
        isNull(uploads.attachmentId),
      ),
    )
    .returning({ key: uploads.storageKey });
  if (!row) return false;
  await scope.services.storage
    .delete(row.key)
    .catch((err: unknown) => logger.warn("could not delete removed upload", { err, key: row.key }));
  return true;
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
