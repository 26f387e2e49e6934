import { z } from "zod";
import type { LinkMail } from "#app/dossiers/casework/officer-mail.server";
import { ANSWER_SLOTS, EXTENSION_WEEKS, type AnswerSlot } from "#app/dossiers/requests";
import { messagesFor, type Messages } from "#app/i18n/catalogue.server";
import { interpolate } from "#app/i18n/format";
import { countCharacters } from "#app/intake/text";
import { discard, receiveUploads, type StoredFile } from "#app/uploads/receive.server";
import { refusalMessage } from "#app/uploads/refusal-words.server";
import { heldUploads, type RequestOwner } from "#app/uploads/uploads.server";
import type { FieldErrors } from "#app/utils/forms.server";
import type { RequestContext } from "#app/utils/services.server";
import { ANSWER_MAX, CONFIDENTIALITY_REASON_MAX, EXTENSION_REASON_MAX, type AnswerDocument } from "./requests.server";

/**
 * The portal's two forms on a request: the answer (multipart, through the one upload pipeline)
 * and the request for more time. One Zod schema each; the rules that need the request (still
 * open, no extension pending) are the commands'.
 */

type R = Messages["requests"];

const fileField = (slot: AnswerSlot) => `document${slot}` as const;
/** With JavaScript a slot holds the id of a file the uploader sent and the server checked. */
export const uploadField = (slot: AnswerSlot) => `upload${slot}` as const;

const trimmed = () => z.preprocess((v) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n").trim() : ""), z.string());
const limited = (r: R, max: number) =>
  trimmed().superRefine((v, ctx) => {
    const count = countCharacters(v);
    if (count > max) ctx.addIssue({ code: "custom", message: interpolate(r.tooLong, { max, count }) });
  });

export const answerSchema = (r: R) =>
  z.object({
    answerText: limited(r, ANSWER_MAX).refine((v) => v !== "", r.answerTextRequired),
    confidentialReason1: limited(r, CONFIDENTIALITY_REASON_MAX),
    confidentialReason2: limited(r, CONFIDENTIALITY_REASON_MAX),
    confidentialReason3: limited(r, CONFIDENTIALITY_REASON_MAX),
  });

const isExtensionWeeks = (w: number): w is (typeof EXTENSION_WEEKS)[number] =>
  (EXTENSION_WEEKS as readonly number[]).includes(w);

export const extensionSchema = (r: R) =>
  z.object({
    intent: z.literal("ask_extension"),
    weeks: trimmed().transform(Number).refine(isExtensionWeeks, r.extensionWeeks),
    reason: limited(r, EXTENSION_REASON_MAX).refine((v) => v !== "", r.extensionReasonRequired),
  });

/** A handler's mail about a municipality's step, in Dutch: a link and no personal data. */
export const handlerMail: LinkMail = (handler, link) => {
  const r = messagesFor("nl").requests;
  return { subject: r.handlerMailSubject, text: interpolate(r.handlerMailText, { name: handler.name, link }) };
};

export type ReceivedAnswer =
  | { ok: true; answerText: string; documents: AnswerDocument[]; values: Record<string, string> }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * Reads the multipart answer: files streamed to storage through `receiveUploads` (the CSRF token
 * first, the type from the bytes, the limits, the scanner), then the fields. On any error every
 * stored file is deleted again and the form comes back with its words. `accepting` false (the
 * request is answered or out of reach) reads and drops every file. A slot may instead name one
 * of the officer's checked uploads (`upload{n}`, from the uploader); it must still be theirs,
 * for this request and unsent.
 */
export async function receiveAnswer(
  request: Request,
  ctx: Pick<RequestContext, "services">,
  messages: Messages,
  accepting: boolean,
  owner: RequestOwner,
): Promise<ReceivedAnswer> {
  const r = messages.requests;
  const received = await receiveUploads(request, ctx, {
    fields: accepting ? ANSWER_SLOTS.map(fileField) : [],
    perPost: ANSWER_SLOTS.length,
  });
  const values = received.fields;
  const errors: FieldErrors = {};
  const parsed = answerSchema(r).safeParse(values);
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
  for (const refusal of received.refusals) {
    const slot = refusal.field.replace("document", "");
    errors[refusal.field] ??=
      refusalMessage(messages.intake.attachments, refusal, ctx.services.env.uploads) +
      ` (${interpolate(r.answerDocument, { n: slot })})`;
  }
  const named = ANSWER_SLOTS.some((n) => values[uploadField(n)]);
  const checked = accepting && named ? await heldUploads(ctx.services.db, owner) : [];
  const taken = new Set<string>();
  const documents: AnswerDocument[] = [];
  for (const n of ANSWER_SLOTS) {
    const file: StoredFile | undefined = received.files.find((f) => f.field === fileField(n));
    const uploadId = (values[uploadField(n)] ?? "").trim();
    const upload = uploadId && !taken.has(uploadId) ? checked.find((u) => u.id === uploadId) : undefined;
    if (upload) taken.add(upload.id);
    if (uploadId && !upload) errors[fileField(n)] ??= interpolate(r.answerUploadGone, { n });
    if (uploadId && file) errors[fileField(n)] ??= interpolate(r.fileTooMany, { count: ANSWER_SLOTS.length });
    const stored = file ?? upload;
    const confidential = values[`confidential${n}`] === "on";
    const reason = (values[`confidentialReason${n}`] ?? "").trim();
    if (stored && confidential && reason === "")
      errors[`confidentialReason${n}`] ??= interpolate(r.confidentialReasonRequired, { n });
    if (stored)
      documents.push({
        file: {
          fileName: stored.fileName,
          contentType: stored.contentType,
          size: stored.size,
          storageKey: stored.storageKey,
          sha256: stored.sha256,
        },
        confidentialityReason: confidential ? reason : null,
        ...(upload && !file ? { upload: { id: upload.id, field: fileField(n) } } : {}),
      });
  }
  if (!parsed.success || Object.keys(errors).length > 0) {
    await discard(ctx, received.files);
    return { ok: false, errors, values };
  }
  return { ok: true, answerText: parsed.data.answerText, documents, values };
}
