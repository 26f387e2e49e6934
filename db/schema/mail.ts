import { bigint, index, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { MailKind } from "./values";

export const mailStatus = pgEnum("mail_status", ["pending", "sending", "sent", "failed"]);

/**
 * Transactional outbox: a message is written in the same transaction as the event that
 * causes it, and a worker delivers it. `lockedUntil` is a lease: a worker that claims a row
 * owns it until then, so two processes never send the same message.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    locale: text("locale").notNull().default("nl"),
    kind: text("kind").$type<MailKind>().notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    status: mailStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lockedBy: text("locked_by"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    lastError: text("last_error"),
  },
  (t) => [index("mail_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

export type OutboxMessage = typeof mailOutbox.$inferSelect;
