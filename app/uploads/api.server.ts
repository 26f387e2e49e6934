import { z } from "zod";
import { mediaTypeOf } from "#app/http/body-policy";
import { messagesFor } from "#app/i18n/catalogue.server";
import { getLocale } from "#app/i18n/locale.server";
import { getDraft } from "#app/intake/drafts.server";
import { assertCsrf } from "#app/utils/forms.server";
import type { RequestContext } from "#app/utils/services.server";
import { stripControlCharsDeep } from "#app/utils/text";
import type { Messages } from "#app/i18n/catalogue.server";
import { refusalMessage } from "./refusal-words.server";
import {
  limitsOf,
  ownUpload,
  pendingUpload,
  receiveBytes,
  refuseTooLarge,
  registerUpload,
  removeHeldUpload,
  uppyRequestToPresign,
  verifiedAttachment,
  verifyUpload,
  type Refusal,
  type UploadScope,
} from "./uploads.server";

/** The header the uploader sends its CSRF token in (JSON and raw-body requests have no form field). */
export const CSRF_HEADER = "X-CSRF-Token";

export function jsonError(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { "Cache-Control": "no-store" } });
}

const noStore = { headers: { "Cache-Control": "no-store" } };

/**
 * Every upload call: a same-site request with the CSRF token, from someone the owner's checks let
 * through (the resident's live, unsent draft; the officer of an open request shared with their
 * municipality). `transferPath` is where the local transport sends an upload's bytes; `record`
 * writes the audit row of a file that now counts or was taken off again.
 */
export type UploadRequestScope = UploadScope & {
  t: Messages["intake"]["attachments"];
  transferPath(uploadId: string): string;
  record?(event: "verified" | "removed", uploadId: string): Promise<void>;
};

export async function requireUploadScope(request: Request, context: RequestContext): Promise<UploadRequestScope> {
  assertCsrf(request, request.headers.get(CSRF_HEADER), context);
  const draft = await getDraft(request, context.services);
  if (!draft || draft.submittedAt) throw jsonError(410, "draft_gone");
  return {
    services: context.services,
    owner: { kind: "draft", draft },
    t: messagesFor(getLocale(request)).intake.attachments,
    transferPath: (id) => `/klacht/upload/${id}`,
  };
}

/** A refusal of the upload API as its JSON answer, in the uploader's words. */
export function refusalResponse(scope: UploadRequestScope, refusal: Refusal): Response {
  if (refusal.code === "invalid_category") return jsonError(refusal.status, refusal.code);
  return jsonError(
    refusal.status,
    refusalMessage(scope.t, { code: refusal.code, fileName: refusal.fileName }, limitsOf(scope)),
  );
}

/**
 * The uploader's JSON body, with control characters removed from its strings as from every
 * other text (app/utils/text.ts). The HTTP layer has already refused a body over its limit or
 * of another type; the checks here are for callers that come in another way.
 */
export async function readJson(request: Request, maxBytes = 16_384): Promise<unknown> {
  if (mediaTypeOf(request.headers.get("content-type")) !== "json") throw jsonError(415, "unsupported_media_type");
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw jsonError(413, "body_too_large");
  const text = await request.text();
  if (text.length > maxBytes) throw jsonError(413, "body_too_large");
  try {
    return stripControlCharsDeep(JSON.parse(text));
  } catch {
    throw jsonError(400, "invalid_json");
  }
}

// Uppy's S3 plugin asks for one request at a time in this shape (@uppy/aws-s3 6, PresignableRequest).
export const UppyRequestSchema = z.object({
  method: z.enum(["PUT", "POST", "GET", "DELETE"]),
  key: z.string().max(200),
  uploadId: z.string().max(1024).optional(),
  partNumber: z.number().int().min(1).max(10_000).optional(),
  contentType: z.string().max(200).optional(),
});

export const RegisterSchema = z.object({
  category: z.string().max(40),
  name: z.string().min(1).max(1000),
  size: z.number().int().nonnegative(),
  type: z.string().max(200).default(""),
});

// ---------------------------------------------------------------------------------------------
// The calls, whoever owns the uploads; each route checks the method, then its owner's scope.

/** Step 1 of a browser upload: the server checks the file's name, type and size and chooses where it goes. */
export async function registerCall(request: Request, context: RequestContext, scope: UploadRequestScope) {
  const parsed = RegisterSchema.safeParse(await readJson(request));
  if (!parsed.success) return jsonError(400, "invalid_request");
  const registered = await registerUpload(scope, parsed.data);
  if (!registered.ok) return refusalResponse(scope, registered);
  const { upload } = registered;
  return Response.json(
    {
      id: upload.id,
      key: upload.storageKey,
      contentType: upload.declaredType,
      transport: context.services.presign ? "s3" : "local",
      endpoint: context.services.presign ? null : scope.transferPath(upload.id),
    },
    noStore,
  );
}

/**
 * Step 2 with S3: signs one request for the bucket, only for the key the server gave this
 * owner's pending upload. Part numbers are bounded by the declared size.
 */
export async function signCall(request: Request, context: RequestContext, scope: UploadRequestScope) {
  const parsed = UppyRequestSchema.safeParse(await readJson(request));
  if (!parsed.success) return jsonError(400, "invalid_request");
  const signable = await uppyRequestToPresign(scope, parsed.data);
  if (!signable || !context.services.presign) return jsonError(403, "not_allowed");
  const signed = await context.services.presign(signable);
  return Response.json({ ...signed, key: signable.key }, noStore);
}

/**
 * Step 2 with local storage: the file's bytes, streamed from the request straight into
 * storage (never held in memory), cut off at the size limit.
 */
export async function transferCall(request: Request, scope: UploadRequestScope, uploadId: string | undefined) {
  const upload = await pendingUpload(scope, { id: uploadId });
  if (!upload) return jsonError(404, "unknown_upload");
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limitsOf(scope).maxFileBytes) {
    // Refused before reading: the browser learns at once instead of after sending 25 MB too many.
    const refused = await refuseTooLarge(scope, upload);
    return refusalResponse(scope, refused);
  }
  if (!request.body) return jsonError(400, "empty_body");
  const received = await receiveBytes(scope, upload, request.body as unknown as AsyncIterable<Uint8Array>);
  if (!received.ok) return refusalResponse(scope, received);
  return Response.json({ id: upload.id }, noStore);
}

/** Step 3: nothing counts until the server has looked at the bytes. */
export async function verifyCall(scope: UploadRequestScope, uploadId: string | undefined) {
  const upload = await ownUpload(scope, uploadId);
  if (!upload) return jsonError(404, "unknown_upload");
  // A retried request gets the same answer as the first, never "gone" for a file that was added.
  if (upload.status === "verified") {
    const attachment = await verifiedAttachment(scope, upload);
    if (attachment) return Response.json(attachment, noStore);
  }
  if (upload.status === "verifying")
    return refusalResponse(scope, { ok: false, status: 409, code: "verifying", fileName: upload.fileName });
  // A refused upload is gone for good: the file is added again.
  if (upload.status !== "pending") return jsonError(404, "unknown_upload");
  const verified = await verifyUpload(scope, upload);
  if (!verified.ok) return refusalResponse(scope, verified);
  await scope.record?.("verified", upload.id);
  return Response.json(verified.attachment, noStore);
}

/** A held file taken off before it is taken (a draft's attachments are removed on their step). */
export async function removeCall(scope: UploadRequestScope, uploadId: string | undefined) {
  if (!(await removeHeldUpload(scope, uploadId))) return jsonError(404, "unknown_upload");
  await scope.record?.("removed", uploadId ?? "");
  return Response.json({ removed: uploadId }, noStore);
}
