import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { dossierAttachments, dossiers } from "./dossiers";
import { municipalities } from "./municipalities";
import { users } from "./users";

/**
 * What the ombudsman shared with a municipality: a dossier (one row per share) and the documents
 * that went with it. A municipality officer sees a dossier only through a share to their own
 * municipality (app/dossiers/scope.server.ts); the sharing itself is built by the portal.
 */
export const dossierShares = pgTable(
  "dossier_shares",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    sharedBy: uuid("shared_by")
      .notNull()
      .references(() => users.id),
    sharedAt: timestamp("shared_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("dossier_shares_municipality_dossier_idx").on(t.municipalityId, t.dossierId),
    index("dossier_shares_dossier_idx").on(t.dossierId),
  ],
);

export const dossierShareDocuments = pgTable(
  "dossier_share_documents",
  {
    shareId: uuid("share_id")
      .notNull()
      .references(() => dossierShares.id, { onDelete: "cascade" }),
    attachmentId: uuid("attachment_id")
      .notNull()
      .references(() => dossierAttachments.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.shareId, t.attachmentId] }),
    index("dossier_share_documents_attachment_idx").on(t.attachmentId),
  ],
);

export type DossierShare = typeof dossierShares.$inferSelect;
