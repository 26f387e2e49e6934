/**
 * Value lists that the database stores and the app reasons about, without any import, so that
 * the schema builds its enums from them and browser code may use them too.
 */

/**
 * What an outbox message is about (`mail_outbox.kind`, a text column). The values are those the
 * rows already hold, hyphen included, so old and new rows read the same.
 */
export const MAIL_KINDS = ["intake_confirmation", "dossier-message", "staff_digest", "municipality_share"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** A dossier's workflow status (the `dossier_status` enum); the transitions are in app/dossiers/workflow.ts. */
export const DOSSIER_STATUSES = ["received", "intake", "intervention", "mediation", "investigation", "closed"] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];
