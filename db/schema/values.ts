/**
 * Value lists that the database stores and the app reasons about, without any import, so that
 * the schema builds its enums from them and browser code may use them too.
 */

/**
 * What an outbox message is about (`mail_outbox.kind`, a text column). The values are those the
 * rows already hold, hyphen included, so old and new rows read the same.
 */
export const MAIL_KINDS = [
  "intake_confirmation",
  "dossier-message",
  "staff_digest",
  "municipality_share",
  "municipality_request",
  "request_reminder",
  "request_update",
  "resident_link",
  "dossier_withdrawn",
  "resident_update",
  "draft_resume",
  "approval_sent_back",
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** A dossier's workflow status (the `dossier_status` enum); the transitions are in app/dossiers/workflow.ts. */
export const DOSSIER_STATUSES = ["received", "intake", "intervention", "mediation", "investigation", "closed"] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** What the ombudsman asks a municipality: information (Awb 9:31), comment on draft findings (9:35), how a recommendation is followed (9:36(4)). */
export const REQUEST_KINDS = ["information", "findings", "follow_up"] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** The reminders of an open request: some working days before its due date, on it, and once overdue. */
export const REMINDER_KINDS = ["before", "due", "overdue"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** What a case handler asks a coordinator to approve (four eyes): an eligibility override, or a close. */
export const APPROVAL_KINDS = ["override", "close"] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
export const APPROVAL_STATES = ["pending", "approved", "sent_back"] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];
