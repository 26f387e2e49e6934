import { bigint, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { storedFileKeyColumns } from "./files";
import { intakeDrafts } from "./intake";

/** pending: waiting for bytes; verifying: claimed by one verification, no more bytes accepted. */
export const uploadStatus = pgEnum("upload_status", ["pending", "verifying", "verified", "rejected"]);

/**
 * A browser upload from the moment the server allows it until it is verified. Its object
 * lives under quarantine/ and counts for nothing until verification moves it to a draft
 * attachment; rejected and abandoned ones are deleted by the housekeeping job.
 */
export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    draftId: uuid("draft_id")
      .notNull()
      .references(() => intakeDrafts.id, { onDelete: "cascade" }),
    ...storedFileKeyColumns(),
    declaredType: text("declared_type").notNull(),
    declaredSize: bigint("declared_size", { mode: "number" }).notNull(),
    status: uploadStatus("status").notNull().default("pending"),
    reason: text("reason"),
    /** Set when the bytes streamed through the app (local storage). */
    sha256: text("sha256"),
    attachmentId: uuid("attachment_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("uploads_draft_idx").on(t.draftId), index("uploads_status_created_idx").on(t.status, t.createdAt)],
);

export type Upload = typeof uploads.$inferSelect;
