import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { storedFileColumns } from "./files";

export { attachmentCategory, type AttachmentCategory } from "./files";

/**
 * A resident's unfinished complaint, saved step by step. The browser holds only a random
 * token in an httpOnly cookie; the row holds its hash. Once submitted, the answers are
 * removed and `dossierId` remains, so a repeated submit finds the dossier it made.
 */
export const intakeDrafts = pgTable(
  "intake_drafts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    locale: text("locale").notNull().default("nl"),
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull().default({}),
    /** Errors the final check found, shown on the step they belong to until that step is saved again. */
    reviewErrors: jsonb("review_errors").$type<{ step: string; errors: Record<string, string> }[]>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    dossierId: uuid("dossier_id"),
  },
  (t) => [index("intake_drafts_expires_idx").on(t.expiresAt)],
);

/** A file uploaded into a draft; the object key is chosen by the server and never contains the file name. */
export const draftAttachments = pgTable(
  "draft_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    draftId: uuid("draft_id")
      .notNull()
      .references(() => intakeDrafts.id, { onDelete: "cascade" }),
    ...storedFileColumns(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("draft_attachments_draft_idx").on(t.draftId)],
);

export type IntakeDraft = typeof intakeDrafts.$inferSelect;
export type DraftAttachment = typeof draftAttachments.$inferSelect;

/**
 * A one-time link that moves a draft to another browser (a phone that runs out of battery loses
 * nothing): stored as the sha256 of its token, valid until the draft expires, used once. Using it
 * gives the draft a new cookie token, so the first browser's cookie no longer reaches it.
 */
export const draftResumeLinks = pgTable(
  "draft_resume_links",
  {
    id: text("id").primaryKey(),
    draftId: uuid("draft_id")
      .notNull()
      .references(() => intakeDrafts.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("draft_resume_links_draft_idx").on(t.draftId)],
);
