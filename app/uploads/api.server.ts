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
import type { Refusal, UploadScope } from "./uploads.server";

/** The header the uploader sends its CSRF token in (JSON and raw-body requests have no form field). */
export const CSRF_HEADER = "X-CSRF-Token";

export function jsonError(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { "Cache-Control": "no-store" } });
}

/** Every upload call: a same-site request with the CSRF token, from a browser with a live, unsent draft. */
export type UploadRequestScope = UploadScope & { t: Messages["intake"]["attachments"] };

export async function requireUploadScope(request: Request, context: RequestContext): Promise<UploadRequestScope> {
  assertCsrf(request, request.headers.get(CSRF_HEADER), context);
  const draft = await getDraft(request, context.services);
  if (!draft || draft.submittedAt) throw jsonError(410, "draft_gone");
  return { services: context.services, draft, t: messagesFor(getLocale(request)).intake.attachments };
}

/** A refusal of the upload API as its JSON answer, in the resident's words. */
export function refusalResponse(scope: UploadRequestScope, refusal: Refusal): Response {
  if (refusal.code === "invalid_category") return jsonError(refusal.status, refusal.code);
  return jsonError(
    refusal.status,
    refusalMessage(scope.t, { code: refusal.code, fileName: refusal.fileName }, scope.services.env.uploads),
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
