import { z } from "zod";
import { findTarget, issue, type CommandScope } from "#app/dossiers/casework/command.server";
import { addDocument, setVisibility } from "#app/dossiers/casework/document.server";
import type { Messages } from "#app/i18n/catalogue.server";
import { discard, receiveUploads } from "#app/uploads/receive.server";
import { refusalMessage } from "#app/uploads/refusal-words.server";
import type { FieldErrors } from "#app/utils/forms.server";
import { attachmentCategory, documentVisibility } from "#db/schema/index";
import { interpolate } from "#app/i18n/format";
import { countCharacters } from "#app/intake/text";
import { choice, text, UUID, type T } from "./fields.server";

/** A document always comes as multipart (`receiveDocument`); posted otherwise there is no file to add. */
export const addDocumentSchema = () => z.object({ intent: z.literal("add_document") });

/** The reason goes to the row's own field (`visibility-<id>`), as every row has its form. */
export const VISIBILITY_REASON_MAX = 1000;
export const visibilitySchema = (t: T) =>
  z
    .object({
      intent: z.literal("set_visibility"),
      attachmentId: text().pipe(z.string().regex(UUID, t.documentGone)),
      visibility: choice(documentVisibility.enumValues, t.visibilityRequired),
      visibilityReason: text(),
    })
    .superRefine((v, ctx) => {
      const path = [`visibility-${v.attachmentId}`];
      if (v.visibilityReason === "") ctx.addIssue({ code: "custom", path, message: t.visibilityReasonRequired });
      else if (countCharacters(v.visibilityReason) > VISIBILITY_REASON_MAX)
        ctx.addIssue({
          code: "custom",
          path,
          message: interpolate(t.tooLong, { max: VISIBILITY_REASON_MAX, count: countCharacters(v.visibilityReason) }),
        });
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
 * A document added by staff, through the one upload pipeline (`receiveUploads`: the CSRF token
 * before the file, the type from the first bytes, the size limit while streaming, the scanner
 * when configured), refused in the intake's words. A refused file leaves nothing in storage; an
 * accepted one goes to the `addDocument` command, which owns it from then on.
 */
export async function receiveDocument(
  scope: CommandScope,
  request: Request,
  messages: Messages,
): Promise<{ post: DocumentPost; values: Record<string, string> }> {
  const { ctx } = scope;
  const t = messages.casework;
  const target = await findTarget(ctx.services.db, scope);
  if (!target) return { post: { kind: "refused", code: "not-found" }, values: {} };

  // A closed dossier takes no documents: its file is read and dropped, never stored.
  const received = await receiveUploads(request, ctx, {
    fields: target.status === "closed" ? [] : ["file"],
    perPost: 1,
  });
  const values = {
    documentCategory: received.fields.documentCategory ?? "",
    documentVisibility: received.fields.documentVisibility ?? "",
  };
  const stored = received.files[0];
  const file = stored
    ? {
        fileName: stored.fileName,
        contentType: stored.contentType,
        size: stored.size,
        storageKey: stored.storageKey,
        sha256: stored.sha256,
      }
    : null;
  const refusal = received.refusals[0];

  const parsed = documentFields(t).safeParse(values);
  const errors: FieldErrors = {};
  if (target.status === "closed") errors.file = t.closedNotice;
  else if (refusal) errors.file = refusalMessage(messages.intake.attachments, refusal, ctx.services.env.uploads);
  else if (!file) errors.file = t.fileRequired;
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
  if (Object.keys(errors).length > 0 || !parsed.success || !file) {
    await discard(ctx, received.files);
    return { post: { kind: "invalid", errors }, values };
  }
  const result = await addDocument(scope, { ...parsed.data, file });
  return { post: { kind: "command", result }, values };
}
