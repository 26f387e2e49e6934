import { bigint, pgEnum, text } from "drizzle-orm/pg-core";

/**
 * One shape for a stored file, whichever table holds it (a draft's attachment, a dossier's
 * document, a browser upload under way): spread these into the table. A function, so each
 * table gets columns of its own. The object key is chosen by the server and never contains
 * the file's name.
 */

export const attachmentCategory = pgEnum("attachment_category", [
  "municipality_answer",
  "original_complaint",
  "evidence",
  "mandate",
]);
export type AttachmentCategory = (typeof attachmentCategory.enumValues)[number];

/** What the file is for, where its bytes are, and the name it came with (cleaned). */
export function storedFileKeyColumns() {
  return {
    category: attachmentCategory("category").notNull(),
    storageKey: text("storage_key").notNull().unique(),
    fileName: text("file_name").notNull(),
  };
}

/** A file whose bytes were checked: its type from those bytes, its size, and its hash. */
export function storedFileColumns() {
  return {
    ...storedFileKeyColumns(),
    contentType: text("content_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    /** Known when the bytes passed through the app (local uploads, virus scans); direct S3 uploads have only their ETag. */
    sha256: text("sha256"),
  };
}
