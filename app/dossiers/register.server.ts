import { statusPageUrl } from "#app/residents/paths";
import { contactDueOn, handlingTarget } from "#app/dossiers/deadlines";
import type { EligibilityResult, HandlingDeadlineExplanation } from "#app/intake/eligibility";
import type { ComplaintDetails, ContactDetails, RepresentedPerson } from "#app/intake/journey";
import { confirmationMail } from "#app/intake/confirmation-mail.server";
import { enqueueMailStep, type MailKind } from "#app/mail/outbox.server";
import type { IsoDate } from "#app/utils/calendar-date";
import type { DatabaseHandle, Transaction } from "#db/client";
import { dossierNumberOf, takeDossierNumberStep } from "#db/dossier-numbers";
import { compile, insertSelect, join, q, raw, rowsOf, toSql, type Fragment } from "#db/raw-sql";
import {
  dossierAttachments,
  dossierCounters,
  dossierEligibility,
  dossierEvents,
  dossierParties,
  dossiers,
  draftAttachments,
  type intakeChannel,
  intakeDrafts,
  mailOutbox,
} from "#db/schema/index";

type IntakeChannel = (typeof intakeChannel.enumValues)[number];
/** The resident's language: the one their mail is written in. */
type Locale = Parameters<typeof confirmationMail>[0];

/**
 * The one way a complaint becomes a dossier, whether a resident submitted it online or a handler
 * registered it: ONE statement (one round trip, one implicit transaction or a step of the
 * caller's) takes the year's next number, inserts the dossier, its parties, the eligibility facts,
 * the first history events and the confirmation mail, and, for an online draft, moves the draft's
 * files and consumes the draft. Every table and column is named by the Drizzle schema, so a
 * rename fails the type check.
 */

export type RegistrationAssessment = {
  result: EligibilityResult;
  explanation: HandlingDeadlineExplanation | null;
  handlingWeeks: number;
  /** The day the facts were assessed. */
  today: IsoDate;
};

export type Registration = {
  channel: IntakeChannel;
  locale: Locale;
  municipalityId: string;
  /** For the confirmation mail. */
  municipalityName: string;
  topic: string;
  complaint: ComplaintDetails;
  /** Whom the ombudsman contacts: the representative when there is one, otherwise the complainant. */
  contact: ContactDetails;
  /** Set when a representative acts: the person the complaint is about, without contact details. */
  represented: RepresentedPerson | null;
  facts: { complaintReceivedOn: IsoDate; answeredOn: IsoDate | null; postponedUntil: IsoDate | null };
  assessment: RegistrationAssessment;
  /** Set only when a handler overrode "too early" or "window expired". */
  overrideReason: string | null;
  submittedAt: Date;
  /** The day of the registration in Amsterdam: the number's year, the handling target and the mail count from it. */
  today: IsoDate;
  handlingTargetWeeks: number;
  /** The handler who registered it (staff intake): assignee and actor of the first events. */
  registeredBy: string | null;
  /** The first event's details besides its channel. */
  submittedDetails: Record<string, unknown>;
  /** Events after "submitted" and before "mail queued", in order. */
  laterEvents: { type: string; details: Record<string, unknown> }[];
  /** The names of the files that come with it, for the confirmation mail (null: not sent through the form). */
  attachmentNames: readonly string[] | null;
  /** The service's public address: the mail links to the status page there. */
  publicUrl: string;
  /** The resident's draft (online submit): locked first, its files moved, consumed. */
  draftId: string | null;
};

export type Registered = { id: string; number: string; contactDueOn: IsoDate; outboxId: number | null };

const NUMBER_PLACEHOLDER = "{{dossiernummer}}";
const CONFIRMATION: MailKind = "intake_confirmation";

// Each dossier attachment column with the draft attachment column it is copied from.
const COPIED = [
  [dossierAttachments.category, draftAttachments.category],
  [dossierAttachments.storageKey, draftAttachments.storageKey],
  [dossierAttachments.fileName, draftAttachments.fileName],
  [dossierAttachments.contentType, draftAttachments.contentType],
  [dossierAttachments.size, draftAttachments.size],
  [dossierAttachments.sha256, draftAttachments.sha256],
  [dossierAttachments.uploadedAt, draftAttachments.createdAt],
] as const;
const column = (prefix: string) => (c: (typeof COPIED)[number][number]) => q`${raw(prefix)}${c}`;

/** The draft's files become the dossier's (the `locked` draft, the dossier `d`); the same every time. */
const MOVE_DRAFT_FILES = q`, moved AS (
      DELETE FROM ${draftAttachments} WHERE ${draftAttachments.draftId} IN (SELECT ${intakeDrafts.id} FROM locked)
      RETURNING ${join(
        COPIED.map(([, from]) => column("")(from)),
        ", ",
      )}
    ), files AS (
      INSERT INTO ${dossierAttachments} (${dossierAttachments.dossierId}, ${join(
        COPIED.map(([to]) => column("")(to)),
        ", ",
      )})
      SELECT d.${dossiers.id}, ${join(
        COPIED.map(([, from]) => column("moved.")(from)),
        ", ",
      )} FROM d, moved
    )`;

/** The statement; its text depends only on which parts a registration has, so it stays prepared. */
export function registrationStatement(reg: Registration): { statement: Fragment; contactDueOn: IsoDate } {
  const { assessment: a, contact: c } = reg;
  const r = a.result;
  if (!r.handlingDeadline) throw new Error("an assessed complaint has a handling deadline");
  const due = contactDueOn(reg.submittedAt);
  const year = Number(reg.today.slice(0, 4));
  const dossierId = q`d.${dossiers.id}`;

  const address = (p: RepresentedPerson) => ({
    name: p.name,
    street: p.street,
    houseNumber: p.houseNumber,
    postcode: p.postcode,
    city: p.city,
  });
  const reach = { email: c.email ?? null, phone: c.phone ?? null, preferredChannel: c.preferredChannel };
  const unreachable = { email: null, phone: null, preferredChannel: null };
  const parties = reg.represented
    ? [
        { dossierId, role: "representative" as const, ...address(c), ...reach },
        { dossierId, role: "complainant" as const, ...address(reg.represented), ...unreachable },
      ]
    : [{ dossierId, role: "complainant" as const, ...address(c), ...reach }];

  const confirmation = c.email
    ? confirmationMail(reg.locale, {
        name: c.name,
        number: NUMBER_PLACEHOLDER,
        municipality: reg.municipalityName,
        submittedOn: reg.today,
        contactDueOn: due,
        complaint: reg.complaint,
        attachments: reg.attachmentNames,
        statusUrl: statusPageUrl(reg.publicUrl, NUMBER_PLACEHOLDER),
        representedName: reg.represented?.name ?? null,
      })
    : null;
  // The number is taken inside the statement, so the mail gets it there.
  const mail = confirmation
    ? enqueueMailStep(
        { ...confirmation, to: c.email!, locale: reg.locale, kind: CONFIRMATION, subjectType: "dossier" },
        q`FROM d`,
        {
          fill: (text) => q`replace(${text}, ${NUMBER_PLACEHOLDER}, d.${dossiers.number})`,
          subjectId: q`${dossierId}::text`,
        },
      )
    : q`SELECT NULL::bigint AS ${mailOutbox.id} WHERE false`;

  const draft = reg.draftId;
  const locked = draft
    ? q`SELECT ${intakeDrafts.id} FROM ${intakeDrafts} WHERE ${intakeDrafts.id} = ${draft} AND ${intakeDrafts.dossierId} IS NULL FOR UPDATE`
    : q`SELECT NULL::uuid AS ${intakeDrafts.id}`;
  const files = draft ? MOVE_DRAFT_FILES : raw("");
  const consumed = draft
    ? q`, consumed AS (
      UPDATE ${intakeDrafts} SET ${intakeDrafts.submittedAt} = ${reg.submittedAt.toISOString()}::timestamptz, ${intakeDrafts.dossierId} = ${dossierId},
             ${intakeDrafts.answers} = '{}'::jsonb, ${intakeDrafts.reviewErrors} = NULL
        FROM d WHERE ${intakeDrafts}.${intakeDrafts.id} = ${draft}
    )`
    : raw("");

  const submitted = q`${JSON.stringify({ channel: reg.channel, ...reg.submittedDetails })}::jsonb${
    draft ? q` || jsonb_build_object('attachments', (SELECT count(*) FROM moved))` : raw("")
  }`;
  const events = [
    q`SELECT 1 AS ord, 'submitted'::text AS type, ${submitted} AS details`,
    ...reg.laterEvents.map((e, i) => q`SELECT ${i + 2}::int, ${e.type}::text, ${JSON.stringify(e.details)}::jsonb`),
    q`SELECT ${reg.laterEvents.length + 2}::int, 'mail_queued', jsonb_build_object('kind', ${CONFIRMATION}::text, 'outboxId', mail.${mailOutbox.id}) FROM mail`,
  ];
  const ev = dossierEvents;

  const statement = q`
    WITH locked AS (
      ${locked}
    ), counter AS (
      ${takeDossierNumberStep(year, q`FROM locked`)}
    ), d AS (
      ${insertSelect(
        dossiers,
        [
          {
            number: dossierNumberOf("counter"),
            year: q`counter.${dossierCounters.year}`,
            sequence: q`counter.${dossierCounters.last}`,
            municipalityId: reg.municipalityId,
            status: "received",
            channel: reg.channel,
            locale: reg.locale,
            topic: reg.topic,
            complaintText: reg.complaint.text,
            incidentPlace: reg.complaint.place,
            incidentDate: reg.complaint.date,
            peopleInvolved: reg.complaint.people ?? null,
            desiredOutcome: reg.complaint.desiredOutcome ?? null,
            byRepresentative: reg.represented !== null,
            submittedAt: reg.submittedAt,
            contactDueOn: due,
            handlingDueOn: handlingTarget(reg.today, reg.handlingTargetWeeks),
            complainantName: (reg.represented ?? c).name,
            assigneeId: reg.registeredBy,
            sourceDraftId: draft,
          },
        ],
        q`FROM counter`,
        q` RETURNING ${dossiers.id}, ${dossiers.number}`,
      )}
    ), parties AS (
      ${insertSelect(dossierParties, parties, q`FROM d`)}
    ), eligibility AS (
      ${insertSelect(
        dossierEligibility,
        [
          {
            dossierId,
            complainedToMunicipality: true,
            complaintReceivedOn: reg.facts.complaintReceivedOn,
            answeredOn: reg.facts.answeredOn,
            postponedUntil: reg.facts.postponedUntil,
            handlingWeeks: a.handlingWeeks,
            assessedOn: a.today,
            outcome: r.outcome,
            ground: r.ground ?? null,
            nominalDeadline: a.explanation?.nominal ?? r.handlingDeadline,
            handlingDeadline: r.handlingDeadline,
            eligibleFrom: r.eligibleFrom ?? null,
            windowEndsOn: r.windowEndsOn ?? null,
            skippedDays: a.explanation?.skipped ?? [],
            overrideReason: reg.overrideReason,
          },
        ],
        q`FROM d`,
      )}
    )${files}, mail AS (
      ${mail}
    ), events AS (
      -- One insert, in order, so the history reads "submitted" first and "mail queued" last.
      INSERT INTO ${ev} (${ev.dossierId}, ${ev.at}, ${ev.actorUserId}, ${ev.type}, ${ev.details})
      SELECT ${dossierId}, ${reg.submittedAt.toISOString()}::timestamptz, ${reg.registeredBy}::uuid, e.type, e.details
        FROM d, (${join(events, " UNION ALL ")}) AS e
       ORDER BY e.ord
    )${consumed}
    SELECT ${dossierId} AS id, d.${dossiers.number} AS number, (SELECT ${mailOutbox.id} FROM mail) AS outbox_id FROM d`;
  return { statement, contactDueOn: due };
}

type Row = { id: string; number: string; outbox_id: number | string | null };
const registered = (row: Row | undefined, due: IsoDate): Registered | null =>
  row
    ? {
        id: row.id,
        number: row.number,
        contactDueOn: due,
        outboxId: row.outbox_id === null ? null : Number(row.outbox_id),
      }
    : null;

/**
 * Registers a resident's draft in one statement of its own, kept prepared: the submit's hot
 * path. Null when the draft already has a dossier (a double click, a retried request): the
 * statement locks the draft row and only proceeds while it has none.
 */
export async function registerDraft(
  database: Pick<DatabaseHandle, "query">,
  reg: Registration & { draftId: string },
): Promise<Registered | null> {
  const { statement, contactDueOn: due } = registrationStatement(reg);
  const { text, params } = compile(statement);
  const rows = await database.query<Row>(text, params, { prepare: true });
  return registered(rows[0], due);
}

/** Registers a complaint as a step of the caller's transaction (staff intake adds its audit entry). */
export async function registerInTransaction(tx: Transaction, reg: Registration): Promise<Registered> {
  const { statement, contactDueOn: due } = registrationStatement(reg);
  const created = registered(rowsOf<Row>(await tx.execute(toSql(statement)))[0], due);
  if (!created) throw new Error("registration returned no dossier");
  return created;
}
