import { and, eq } from "drizzle-orm";
import type { StoredFile } from "#app/uploads/receive.server";
import { logger } from "#app/utils/logger.server";
import type { Services } from "#app/utils/services.server";
import { type attachmentCategory, type documentVisibility, dossierAttachments } from "#db/schema/index";
import { backOfficeScope } from "../scope.server";
import { closed, issue, OK, runCommand, type CommandRun, type CommandScope, type LockScope } from "./command.server";

export type DocumentCategory = (typeof attachmentCategory.enumValues)[number];
export type DocumentVisibility = (typeof documentVisibility.enumValues)[number];

/** A file the upload pipeline took (type from its bytes, within the limits, scanned when a scanner is set), not yet recorded. */
export type ReceivedFile = Omit<StoredFile, "field">;

/**
 * A checked file about to become a document: received by the plain form, or a browser upload the
 * server checked (a direct S3 upload checked without a virus scan has no hash: its bytes never
 * passed the app).
 */
export type RecordedFile = Omit<ReceivedFile, "sha256"> & { sha256: string | null };

export type DocumentInput = {
  documentCategory: DocumentCategory;
  documentVisibility: DocumentVisibility;
  file: RecordedFile;
};

/**
 * A document added by staff, recorded with who added it and who may see it. The command owns the
 * stored object once it has it: whatever it refuses (a closed dossier, a dossier out of reach)
 * leaves nothing in storage.
 */
export async function addDocument(scope: CommandScope, input: DocumentInput) {
  return recordingDocument(scope.ctx.services, input.file, () =>
    runCommand(scope, async (run) => {
      if (run.dossier.status === "closed") return closed("file");
      await recordDocument(run, input, scope.actor.id);
      return OK;
    }),
  );
}

/** A command that records a received file: whatever it refuses or throws leaves nothing in storage. */
export async function recordingDocument<R extends { ok: boolean }>(
  services: Pick<Services, "storage">,
  file: Pick<RecordedFile, "storageKey">,
  command: () => Promise<R>,
): Promise<R> {
  try {
    const result = await command();
    if (!result.ok) await discardFile(services, file);
    return result;
  } catch (err) {
    await discardFile(services, file);
    throw err;
  }
}

/**
 * The document's row and its `document_added` event, in the command's transaction; `addedBy`
 * null for the resident (their intake files have none either), `details` add to the event.
 */
export async function recordDocument(
  run: CommandRun<LockScope>,
  input: DocumentInput,
  addedBy: string | null,
  details: Record<string, unknown> = {},
): Promise<string> {
  const { file } = input;
  const [row] = await run.tx
    .insert(dossierAttachments)
    .values({
      dossierId: run.dossier.id,
      category: input.documentCategory,
      storageKey: file.storageKey,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.size,
      sha256: file.sha256,
      visibility: input.documentVisibility,
      uploadedAt: run.now,
      addedBy,
    })
    .returning({ id: dossierAttachments.id });
  if (!row) throw new Error("attachment insert returned nothing");
  const facts = {
    attachmentId: row.id,
    category: input.documentCategory,
    visibility: input.documentVisibility,
    size: file.size,
    ...details,
  };
  await run.record("document_added", { ...facts, fileName: file.fileName, contentType: file.contentType }, facts);
  return row.id;
}

/** Removes a received file that will not be recorded; a failure is logged, the stray-object sweep gets it later. */
export async function discardFile(
  services: Pick<Services, "storage">,
  file: Pick<ReceivedFile, "storageKey"> | null,
): Promise<void> {
  if (!file) return;
  await services.storage
    .delete(file.storageKey)
    .catch((err: unknown) => logger.warn("could not delete refused document", { err, key: file.storageKey }));
}

/** Who may see a document, and why it changes (required: the dossier keeps the reason). */
export type VisibilityInput = { attachmentId: string; visibility: DocumentVisibility; visibilityReason: string };

/**
 * Changes who may see a document (Awb 9:31: a party may ask for a document not to be shared),
 * with the reason, which the dossier's history keeps. Asking for the visibility it already has
 * changes and records nothing.
 */
export function setVisibility(scope: CommandScope, input: VisibilityInput) {
  const field = `visibility-${input.attachmentId}`;
  return runCommand(scope, async ({ tx, dossier, record }) => {
    if (dossier.status === "closed") return closed(field);
    const [attachment] = await tx
      .select({
        id: dossierAttachments.id,
        fileName: dossierAttachments.fileName,
        visibility: dossierAttachments.visibility,
      })
      .from(dossierAttachments)
      .where(
        and(
          eq(dossierAttachments.id, input.attachmentId),
          eq(dossierAttachments.dossierId, dossier.id),
          backOfficeScope(scope.actor).documents,
        ),
      );
    if (!attachment) return issue(field, "document-gone");
    if (attachment.visibility === input.visibility) return OK;
    if (input.visibilityReason.trim() === "") return issue(field, "reason-required");
    await tx
      .update(dossierAttachments)
      // Ombudsman-only is kept from the resident too: a document given to them is taken back.
      .set(
        input.visibility === "internal"
          ? { visibility: input.visibility, sharedWithResidentAt: null }
          : { visibility: input.visibility },
      )
      .where(eq(dossierAttachments.id, attachment.id));
    const change = { attachmentId: attachment.id, from: attachment.visibility, to: input.visibility };
    await record(
      "visibility_changed",
      { ...change, fileName: attachment.fileName, reason: input.visibilityReason },
      change,
    );
    return OK;
  });
}
