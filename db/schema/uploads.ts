import { sql } from "drizzle-orm";
import { bigint, check, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { dossiers } from "./dossiers";
import { storedFileKeyColumns } from "./files";
import { intakeDrafts } from "./intake";
import { municipalityRequests } from "./requests";
import { users } from "./users";

/** pending: waiting for bytes; verifying: claimed by one verification, no more bytes accepted. */
export const uploadStatus = pgEnum("upload_status", ["pending", "verifying", "verified", "rejected"]);

/**
 * A browser upload from the moment the server allows it until it is verified. Its object
 * lives under quarantine/ and counts for nothing until verification moves it to a draft
 * attachment; rejected and abandoned ones are deleted by the housekeeping job.
 *
 * It belongs to a resident's draft, to a municipality officer answering a request, or to a
 * resident adding documents to their submitted dossier. The last two have no attachment of their
 * own once verified: the storage key then names the checked copy, and the answer or the status
 * page's form turns it into a dossier attachment (`attachment_id`).
 */
export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    draftId: uuid("draft_id").references(() => intakeDrafts.id, { onDelete: "cascade" }),
    requestId: uuid("request_id").references(() => municipalityRequests.id, { onDelete: "cascade" }),
    /** The officer whose answer the upload is for (with `request_id`). */
    uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "cascade" }),
    /** The submitted dossier a resident adds documents to from the status page. */
    dossierId: uuid("dossier_id").references(() => dossiers.id, { onDelete: "cascade" }),
    ...storedFileKeyColumns(),
    declaredType: text("declared_type").notNull(),
    declaredSize: bigint("declared_size", { mode: "number" }).notNull(),
    status: uploadStatus("status").notNull().default("pending"),
    reason: text("reason"),
    /** Set when the bytes streamed through the app (local storage). */
    sha256: text("sha256"),
    attachmentId: uuid("attachment_id"),
    /** Set by verification: the type the bytes showed and their real size. */
    contentType: text("content_type"),
    size: bigint("size", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("uploads_draft_idx").on(t.draftId),
    index("uploads_request_idx").on(t.requestId, t.uploadedBy),
    index("uploads_dossier_idx").on(t.dossierId),
    index("uploads_status_created_idx").on(t.status, t.createdAt),
    check(
      "uploads_one_owner",
      sql`(${t.draftId} IS NOT NULL AND ${t.requestId} IS NULL AND ${t.uploadedBy} IS NULL AND ${t.dossierId} IS NULL) OR (${t.draftId} IS NULL AND ${t.requestId} IS NOT NULL AND ${t.uploadedBy} IS NOT NULL AND ${t.dossierId} IS NULL) OR (${t.draftId} IS NULL AND ${t.requestId} IS NULL AND ${t.uploadedBy} IS NULL AND ${t.dossierId} IS NOT NULL)`,
    ),
  ],
);

export type Upload = typeof uploads.$inferSelect;
