import { date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { dossierPauses, dossiers } from "./dossiers";
import { termColumns } from "./requests";
import { users } from "./users";

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

/**
 * A question from the handler to the resident (reactieverzoek, Awb 9:28(3): remedy what is
 * missing within a term): its own term and due date (Algemene termijnenwet), answered on the
 * status page or, for a resident without e-mail, registered by the handler.
 */
export const residentQuestions = pgTable(
  "resident_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id, { onDelete: "cascade" }),
    questions: text("questions").notNull(),
    ...termColumns(),
    sentBy: uuid("sent_by")
      .notNull()
      .references(() => users.id),
    /** The clock pause this question is the reason for, if the handler paused the clock with it. */
    pauseId: uuid("pause_id").references(() => dossierPauses.id, { onDelete: "set null" }),
    answerText: text("answer_text"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    answeredOn: date("answered_on"),
    /** Set when the handler registered an answer that came by post or phone. */
    registeredBy: uuid("registered_by").references(() => users.id),
    /** When the one reminder before the due date went (claimed in the transaction that queues it). */
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
  },
  (t) => [
    index("resident_questions_dossier_idx").on(t.dossierId),
    index("resident_questions_open_idx").on(t.status, t.dueOn),
  ],
);
