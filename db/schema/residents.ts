import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { dossiers } from "./dossiers";

/**
 * A resident's way back to their dossier after submitting (no account): a one-time link sent to
 * the dossier's e-mail address, and the short session it opens. Both are stored only as the
 * sha256 of the random value the resident holds, so whoever reads the table cannot use a row.
 */
export const residentLinks = pgTable(
  "resident_links",
  {
    /** sha256 (hex) of the token in the link. */
    id: text("id").primaryKey(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** Set when the link was used: it opens a session once. */
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("resident_links_dossier_idx").on(t.dossierId, t.createdAt)],
);

export const residentSessions = pgTable(
  "resident_sessions",
  {
    /** sha256 (hex) of the cookie's value. */
    id: text("id").primaryKey(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("resident_sessions_expires_idx").on(t.expiresAt)],
);
