import { sql } from "drizzle-orm";
import {
  bigint,
  customType,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { storedFileColumns } from "./files";
import { intakeDrafts } from "./intake";
import { mailOutbox } from "./mail";
import { municipalities } from "./municipalities";
import { users } from "./users";
import { DOSSIER_STATUSES } from "./values";

export const dossierStatus = pgEnum("dossier_status", DOSSIER_STATUSES);

export const intakeChannel = pgEnum("intake_channel", ["online", "phone", "letter", "email", "counter"]);
export const contactChannel = pgEnum("contact_channel", ["email", "phone"]);
export const partyRole = pgEnum("party_role", ["complainant", "representative"]);
export const documentVisibility = pgEnum("document_visibility", ["shared", "internal"]);
export const pauseReason = pgEnum("pause_reason", ["waiting_for_resident", "waiting_for_municipality"]);

const tsvector = customType<{ data: string }>({
  dataType() {
    return "tsvector";
  },
});

/**
 * The deadline a dossier is worked to: the 14-day contact promise until the first contact,
 * then the handling target. The queue sorts and filters on exactly this expression, and the
 * indexes below are built on it.
 */
export const nextDueOn = sql<string>`(CASE WHEN first_contact_at IS NULL THEN contact_due_on ELSE handling_due_on END)`;

/** The last number given out per year; incremented under a row lock, so numbers are unique and gapless. */
export const dossierCounters = pgTable("dossier_counters", {
  year: integer("year").primaryKey(),
  last: integer("last").notNull(),
});

export const dossiers = pgTable(
  "dossiers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: text("number").notNull().unique(),
    year: integer("year").notNull(),
    sequence: integer("sequence").notNull(),
    municipalityId: text("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    status: dossierStatus("status").notNull().default("received"),
    channel: intakeChannel("channel").notNull(),
    locale: text("locale").notNull().default("nl"),
    topic: text("topic").notNull(),
    complaintText: text("complaint_text").notNull(),
    incidentPlace: text("incident_place").notNull(),
    incidentDate: date("incident_date").notNull(),
    peopleInvolved: text("people_involved"),
    desiredOutcome: text("desired_outcome"),
    byRepresentative: boolean("by_representative").notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
    contactDueOn: date("contact_due_on").notNull(),
    firstContactAt: timestamp("first_contact_at", { withTimezone: true }),
    /** Handling target: submission + the configured weeks + every day the clock was paused. */
    handlingDueOn: date("handling_due_on")
      .notNull()
      .default(sql`(CURRENT_DATE + 91)`),
    assigneeId: uuid("assignee_id").references(() => users.id),
    /** Copied from the parties at intake, for the queue and its search. */
    complainantName: text("complainant_name").notNull().default(""),
    search: tsvector("search").generatedAlwaysAs(
      sql`to_tsvector('simple', coalesce(complainant_name, '') || ' ' || replace(coalesce(number, ''), '-', ' '))`,
    ),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /**
     * When the resident last sent something the handler has not yet marked as seen (a document
     * added later, an answer to a question); null when there is nothing new. The queue's marker.
     */
    residentNewsAt: timestamp("resident_news_at", { withTimezone: true }),
    outcome: text("outcome"),
    outcomeDetail: text("outcome_detail"),
    sourceDraftId: uuid("source_draft_id")
      .unique()
      .references(() => intakeDrafts.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("dossiers_open_next_due_idx")
      .on(nextDueOn, t.id)
      .where(sql`status <> 'closed'`),
    index("dossiers_open_status_due_idx")
      .on(t.status, nextDueOn)
      .where(sql`status <> 'closed'`),
    index("dossiers_open_municipality_due_idx")
      .on(t.municipalityId, nextDueOn)
      .where(sql`status <> 'closed'`),
    index("dossiers_open_assignee_due_idx")
      .on(t.assigneeId, nextDueOn)
      .where(sql`status <> 'closed'`),
    index("dossiers_open_resident_news_idx")
      .on(nextDueOn, t.id)
      .where(sql`status <> 'closed' AND resident_news_at IS NOT NULL`),
    index("dossiers_municipality_idx").on(t.municipalityId),
    index("dossiers_search_idx").using("gin", t.search),
    index("dossiers_submitted_idx").on(t.submittedAt),
    // The annual figures: dossiers closed in a period (outcomes, handling time, workload).
    // Wide enough for index-only scans: the figures of a year read 60,000 rows of 200,000.
    index("dossiers_closed_figures_idx")
      .on(t.closedAt, t.municipalityId, t.submittedAt, t.handlingDueOn, t.outcome, t.assigneeId)
      .where(sql`closed_at IS NOT NULL`),
    index("dossiers_submitted_figures_idx").on(
      t.submittedAt,
      t.municipalityId,
      t.status,
      t.firstContactAt,
      t.contactDueOn,
    ),
  ],
);

/** Contacts with the resident; the first one meets the 14-day promise. */
export const dossierContacts = pgTable(
  "dossier_contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id, { onDelete: "cascade" }),
    contactedOn: date("contacted_on").notNull(),
    channel: contactChannel("channel").notNull(),
    summary: text("summary").notNull(),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    /** The mail that was the contact, when a handler's e-mail counted as one. */
    mailOutboxId: bigint("mail_outbox_id", { mode: "number" }).references(() => mailOutbox.id, {
      onDelete: "set null",
    }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("dossier_contacts_dossier_idx").on(t.dossierId)],
);

/**
 * A handler's reminder on a dossier: a date to look at it again, with a note. It shows in their
 * morning digest and in the queue from that day until they mark it done.
 */
export const dossierFollowUps = pgTable(
  "dossier_follow_ups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    dueOn: date("due_on").notNull(),
    note: text("note").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (t) => [
    index("dossier_follow_ups_dossier_idx").on(t.dossierId),
    // The queue's and the digest's "to follow up today": the open ones per owner by date.
    index("dossier_follow_ups_open_idx")
      .on(t.ownerId, t.dueOn)
      .where(sql`done_at IS NULL`),
  ],
);

/** Internal notes: never shared with the municipality or the resident. */
export const dossierNotes = pgTable(
  "dossier_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("dossier_notes_dossier_idx").on(t.dossierId)],
);

/** Periods in which the handling clock stood still; each moves the handling target by its days. */
export const dossierPauses = pgTable(
  "dossier_pauses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id, { onDelete: "cascade" }),
    reason: pauseReason("reason").notNull(),
    explanation: text("explanation").notNull(),
    startedOn: date("started_on").notNull(),
    endedOn: date("ended_on"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("dossier_pauses_dossier_idx").on(t.dossierId),
    index("dossier_pauses_started_idx").on(t.startedOn),
    // The queue's "clock paused" marker and filter: the few running pauses.
    index("dossier_pauses_running_idx")
      .on(t.dossierId)
      .where(sql`ended_on IS NULL`),
  ],
);

export const dossierParties = pgTable(
  "dossier_parties",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id, { onDelete: "cascade" }),
    role: partyRole("role").notNull(),
    name: text("name").notNull(),
    street: text("street").notNull(),
    houseNumber: text("house_number").notNull(),
    postcode: text("postcode").notNull(),
    city: text("city").notNull(),
    email: text("email"),
    phone: text("phone"),
    preferredChannel: contactChannel("preferred_channel"),
  },
  (t) => [
    index("dossier_parties_dossier_idx").on(t.dossierId),
    unique("dossier_parties_role_unique").on(t.dossierId, t.role),
    // The resident's other dossiers: by address, or by name and postcode (app/dossiers/related.server.ts).
    index("dossier_parties_email_idx").on(sql`lower(${t.email})`),
    index("dossier_parties_name_postcode_idx").on(sql`lower(${t.name})`, sql`upper(replace(${t.postcode}, ' ', ''))`),
  ],
);

/**
 * Two dossiers a handler marked as related (the same conduct, the same decision, a complaint made
 * again), with the reason. One row per pair, stored in id order, so a pair cannot be linked twice.
 */
export const dossierLinks = pgTable(
  "dossier_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id, { onDelete: "cascade" }),
    relatedId: uuid("related_id")
      .notNull()
      .references(() => dossiers.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    unique("dossier_links_pair_unique").on(t.dossierId, t.relatedId),
    index("dossier_links_related_idx").on(t.relatedId),
    check("dossier_links_ordered", sql`${t.dossierId} < ${t.relatedId}`),
  ],
);

/** The first-line facts as the resident gave them and every date computed from them, kept as evidence. */
export const dossierEligibility = pgTable("dossier_eligibility", {
  dossierId: uuid("dossier_id")
    .primaryKey()
    .references(() => dossiers.id, { onDelete: "cascade" }),
  complainedToMunicipality: boolean("complained_to_municipality").notNull(),
  complaintReceivedOn: date("complaint_received_on").notNull(),
  answeredOn: date("answered_on"),
  postponedUntil: date("postponed_until"),
  handlingWeeks: integer("handling_weeks").notNull(),
  assessedOn: date("assessed_on").notNull(),
  outcome: text("outcome").notNull(),
  ground: text("ground"),
  nominalDeadline: date("nominal_deadline").notNull(),
  handlingDeadline: date("handling_deadline").notNull(),
  eligibleFrom: date("eligible_from"),
  windowEndsOn: date("window_ends_on"),
  skippedDays: jsonb("skipped_days").$type<{ day: string; reason: string; name?: string }[]>().notNull(),
  overrideReason: text("override_reason"),
});

export const dossierAttachments = pgTable(
  "dossier_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id, { onDelete: "cascade" }),
    ...storedFileColumns(),
    visibility: documentVisibility("visibility").notNull().default("shared"),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull(),
    addedBy: uuid("added_by").references(() => users.id),
    /**
     * When a handler gave this document (one staff or the municipality added) to the resident, for
     * example the findings for comment or the report; null: the resident does not see it. Only a
     * document shared with the municipality can be (an ombudsman-only one stays with the ombudsman).
     */
    sharedWithResidentAt: timestamp("shared_with_resident_at", { withTimezone: true }),
  },
  (t) => [index("dossier_attachments_dossier_idx").on(t.dossierId)],
);

/** Append-only history of a dossier: every step anyone took, in order. */
export const dossierEvents = pgTable(
  "dossier_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    type: text("type").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("dossier_events_dossier_idx").on(t.dossierId, t.at)],
);

export type Dossier = typeof dossiers.$inferSelect;
export type DossierParty = typeof dossierParties.$inferSelect;
export type DossierAttachment = typeof dossierAttachments.$inferSelect;
export type DossierEvent = typeof dossierEvents.$inferSelect;
export type DossierContact = typeof dossierContacts.$inferSelect;
export type DossierPause = typeof dossierPauses.$inferSelect;
