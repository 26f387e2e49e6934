import { date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { dossierAttachments, dossierPauses, dossiers } from "./dossiers";
import { municipalities } from "./municipalities";
import { dossierShares } from "./shares";
import { users } from "./users";
import { REQUEST_KINDS, REMINDER_KINDS } from "./values";

/**
 * What the ombudsman asks a municipality (Awb 9:31): an information request, draft findings for
 * comment, or how a recommendation will be followed. Each has its own term and due date
 * (Algemene termijnenwet), its answer with documents, and requests for more time.
 */
export const requestKind = pgEnum("request_kind", REQUEST_KINDS);
export const requestStatus = pgEnum("request_status", ["open", "answered"]);
export const decisionStatus = pgEnum("decision_status", ["pending", "granted", "refused"]);

export type SkippedDayFact = { day: string; reason: string; name?: string };

/**
 * The clock of something asked with a term (a request to a municipality, a question to the
 * resident): when it was sent, the term, the due date before and after the roll to a working day
 * (Algemene termijnenwet) with the days it rolled past, and whether it was answered.
 */
export function termColumns() {
  return {
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    sentOn: date("sent_on").notNull(),
    termWeeks: integer("term_weeks").notNull(),
    /** Sent date + term, before any roll to a working day, and the days it rolled past. */
    nominalDueOn: date("nominal_due_on").notNull(),
    skippedDays: jsonb("skipped_days").$type<SkippedDayFact[]>().notNull(),
    /** The date the answer is due now: the computed one, or the one a granted extension set. */
    dueOn: date("due_on").notNull(),
    status: requestStatus("status").notNull().default("open"),
  };
}

export const municipalityRequests = pgTable(
  "municipality_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id, { onDelete: "cascade" }),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    kind: requestKind("kind").notNull(),
    questions: text("questions").notNull(),
    documentsWanted: text("documents_wanted").notNull().default(""),
    ...termColumns(),
    sentBy: uuid("sent_by")
      .notNull()
      .references(() => users.id),
    /** The clock pause this request is the reason for, if the handler paused the clock with it. */
    pauseId: uuid("pause_id").references(() => dossierPauses.id, { onDelete: "set null" }),
    /**
     * The share that went with the request: the documents sent with it (draft findings for
     * comment, the report with its recommendation), visible to the municipality from that moment.
     */
    shareId: uuid("share_id").references(() => dossierShares.id),
    answerText: text("answer_text"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    answeredOn: date("answered_on"),
    answeredBy: uuid("answered_by").references(() => users.id),
  },
  (t) => [
    index("municipality_requests_dossier_idx").on(t.dossierId),
    index("municipality_requests_open_idx").on(t.municipalityId, t.status, t.dueOn),
  ],
);

/** A municipality's request for more time, and the handler's decision on it. */
export const requestExtensions = pgTable(
  "request_extensions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => municipalityRequests.id, { onDelete: "cascade" }),
    weeks: integer("weeks").notNull(),
    reason: text("reason").notNull(),
    askedBy: uuid("asked_by")
      .notNull()
      .references(() => users.id),
    askedAt: timestamp("asked_at", { withTimezone: true }).notNull(),
    status: decisionStatus("status").notNull().default("pending"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReason: text("decision_reason"),
    previousDueOn: date("previous_due_on"),
    newDueOn: date("new_due_on"),
  },
  (t) => [index("request_extensions_request_idx").on(t.requestId)],
);

/**
 * A document that came with an answer. `confidentiality` is set when the officer asked for it to
 * be seen by the ombudsman only (Awb 9:31(5)); until the handler decides it is kept internal.
 */
export const requestAnswerDocuments = pgTable(
  "request_answer_documents",
  {
    requestId: uuid("request_id")
      .notNull()
      .references(() => municipalityRequests.id, { onDelete: "cascade" }),
    attachmentId: uuid("attachment_id")
      .notNull()
      .references(() => dossierAttachments.id, { onDelete: "cascade" }),
    confidentiality: decisionStatus("confidentiality"),
    confidentialityReason: text("confidentiality_reason"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decisionReason: text("decision_reason"),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.attachmentId] }),
    index("request_answer_documents_attachment_idx").on(t.attachmentId),
  ],
);

/**
 * The claim of a reminder: one row per request, kind and due date, inserted in the transaction
 * that puts the mails in the outbox. A second worker (or a restart) finds the row and sends nothing.
 * A granted extension moves the due date, so the new date gets its own reminders.
 */
export const requestReminders = pgTable(
  "request_reminders",
  {
    requestId: uuid("request_id")
      .notNull()
      .references(() => municipalityRequests.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: REMINDER_KINDS }).notNull(),
    dueOn: date("due_on").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.kind, t.dueOn] })],
);

export type MunicipalityRequest = typeof municipalityRequests.$inferSelect;
