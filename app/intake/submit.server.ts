import { eq } from "drizzle-orm";
import type { Messages } from "#app/i18n/catalogue.server";
import { formatDate, interpolate, type Locale } from "#app/i18n/i18n";
import { contactDueOn, handlingTarget } from "#app/dossiers/deadlines";
import { parseForm, type FieldErrors } from "#app/utils/forms.server";
import { compile, join, q } from "#app/utils/raw-sql.server";
import { logger } from "#app/utils/logger.server";
import { enqueueMailStep, type MailKind } from "#app/mail/outbox.server";
import type { Services } from "#app/utils/services.server";
import { dossiers, intakeDrafts } from "#db/schema/index";
import { confirmationMail } from "./confirmation-mail.server";
import { listDraftAttachments, type Draft } from "./drafts.server";
import { journey, type Answers, type StepId } from "./journey";
import { assessAnswers, getMunicipality, isAffiliated, todayIn, type DraftAssessment } from "./reference.server";
import type { z } from "zod";
import {
  AnswerDateSchema,
  AnswerSchema,
  ComplaintSchema,
  ContactSchema,
  CourtSchema,
  FirstLineSchema,
  ForWhomSchema,
  TopicSchema,
  dateValues,
  PostponedDateSchema,
  ReceivedOnSchema,
  RepresentedSchema,
} from "./schemas.server";

/**
 * The final submit. It trusts nothing an earlier step checked: every answer is validated
 * again, the first-line check is recomputed with today's date and data, and every file is
 * looked up in storage. Only then does one transaction turn the draft into a dossier.
 */

export type StepErrors = { step: StepId; errors: FieldErrors };

export type ReadyDraft = {
  answers: Required<Pick<Answers, "municipalityId" | "topic" | "complaintReceivedOn" | "answerStatus" | "forWhom" | "contact" | "complaint">> &
    Answers;
  assessment: DraftAssessment;
};

/** Stored answers in the shape a step's form posts them, for the step's own schema. */
function formFrom(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value ?? ""]));
}

/** Every problem with the draft, per step, in the order of the journey. */
export async function checkDraft(
  services: Services,
  draft: Draft,
  t: Messages["intake"],
  locale: Locale,
  known?: { assessment: DraftAssessment | null },
): Promise<StepErrors[] | ReadyDraft> {
  const a = draft.answers;
  const today = todayIn(services);
  const fmt = (iso: string) => formatDate(iso, locale);
  const problems: StepErrors[] = [];
  const add = (step: StepId, errors: FieldErrors) => problems.push({ step, errors });

  const municipality =
    draft.municipality?.id === a.municipalityId ? draft.municipality : a.municipalityId ? await getMunicipality(services.db, a.municipalityId) : null;
  if (!municipality || !isAffiliated(municipality, today)) {
    add("municipality", { municipalityId: municipality ? interpolate(t.municipality.notAffiliated, { name: municipality.name }) : t.municipality.required });
  }

  // The choices, too: a stored answer outside its list must never reach a dossier.
  const choices: [StepId, z.ZodType, Record<string, string | undefined>][] = [
    ["topic", TopicSchema(t), { topic: a.topic }],
    ["court", CourtSchema(t), { courtCase: a.courtCase }],
    ["firstLine", FirstLineSchema(t), { complainedFirst: a.complainedFirst }],
    ["answer", AnswerSchema(t), { answerStatus: a.answerStatus }],
    ["forWhom", ForWhomSchema(t), { forWhom: a.forWhom }],
  ];
  for (const [step, schema, values] of choices) {
    const parsed = parseForm(schema, formFrom(values));
    if (!parsed.success) add(step, parsed.errors);
  }

  const received = parseForm(ReceivedOnSchema(t, today), formFrom(dateValues(a.complaintReceivedOn)));
  if (!received.success) add("receivedOn", received.errors);
  if (a.answerStatus === "answered") {
    const answered = parseForm(AnswerDateSchema(t, today, a.complaintReceivedOn, fmt), formFrom(dateValues(a.answeredOn)));
    if (!answered.success) add("answerDate", answered.errors);
  }
  const assessment = known ? known.assessment : await assessAnswers(services, a);
  if (a.answerStatus === "postponed") {
    const postponed = parseForm(PostponedDateSchema(t, today, assessment?.explanation?.deadline, fmt), formFrom(dateValues(a.postponedUntil)));
    if (!postponed.success) add("postponedDate", postponed.errors);
  }

  const contact = parseForm(ContactSchema(t), formFrom({ ...a.contact, email: a.contact?.email, phone: a.contact?.phone }));
  if (!contact.success) add("contact", contact.errors);
  if (a.forWhom === "other") {
    const represented = parseForm(RepresentedSchema(t), formFrom({ ...a.represented }));
    if (!represented.success) add("represented", represented.errors);
  }
  const c = a.complaint;
  const complaint = parseForm(
    ComplaintSchema(t, today),
    formFrom({ text: c?.text, place: c?.place, people: c?.people, desiredOutcome: c?.desiredOutcome, ...dateValues(c?.date) }),
  );
  if (!complaint.success) add("complaint", complaint.errors);

  problems.push(...(await checkFiles(services, draft, t)));
  if (problems.length > 0) return problems;

  // The answers are valid; they must also still lead to the review (no exit, still eligible).
  const state = journey(a, { eligibility: assessment?.result.outcome ?? null });
  if (!assessment || state.exit || state.next !== "review") {
    return [{ step: state.next ?? "municipality", errors: {} }];
  }
  return { answers: a as ReadyDraft["answers"], assessment };
}

async function checkFiles(services: Services, draft: Draft, t: Messages["intake"]): Promise<StepErrors[]> {
  const files = draft.attachments ?? (await listDraftAttachments(services.db, draft.id));
  const at = t.attachments;
  const attachmentErrors: FieldErrors = {};
  const mandateErrors: FieldErrors = {};
  const limit = services.env.uploads.maxFileBytes;
  // Only the sizes: a look-up per file is most of what this whole check costs (a stat on local disk).
  const sizes = await Promise.all(files.map((file) => services.storage.sizeOf(file.storageKey)));
  for (const [i, file] of files.entries()) {
    const target = file.category === "mandate" ? mandateErrors : attachmentErrors;
    const size = sizes[i];
    const message =
      size === null || size === undefined
        ? interpolate(at.missingFile, { name: file.fileName })
        : size !== file.size || file.size > limit
        ? interpolate(at.tooLarge, { name: file.fileName, mb: Math.round(limit / 1048576) })
        : null;
    if (message) target[file.category] = target[file.category] ? `${target[file.category]} ${message}` : message;
  }
  if (draft.answers.answerStatus === "answered" && !files.some((f) => f.category === "municipality_answer")) {
    attachmentErrors.municipality_answer ??= at.answerRequired;
  }
  if (draft.answers.forWhom === "other" && !files.some((f) => f.category === "mandate")) {
    mandateErrors.mandate ??= t.mandate.required;
  }
  const out: StepErrors[] = [];
  if (Object.keys(mandateErrors).length > 0) out.push({ step: "mandate", errors: mandateErrors });
  if (Object.keys(attachmentErrors).length > 0) out.push({ step: "attachments", errors: attachmentErrors });
  return out;
}

/** Keeps the problems on the draft, so each step shows its own until it is saved again. */
export async function recordProblems(services: Services, draft: Draft, problems: StepErrors[]): Promise<void> {
  await services.db
    .update(intakeDrafts)
    .set({ reviewErrors: problems.filter((p) => Object.keys(p.errors).length > 0) })
    .where(eq(intakeDrafts.id, draft.id));
}

export type SubmittedDossier = { id: string; number: string; contactDueOn: string; created: boolean };

const NUMBER_PLACEHOLDER = "{{dossiernummer}}";
const MAIL_KIND: MailKind = "intake_confirmation";

/**
 * Turns the draft into a dossier in ONE statement (so one implicit transaction and one round
 * trip): number, dossier, parties, eligibility facts, attachments moved from the draft, the
 * first history events and the confirmation mail; the draft is consumed. The statement first
 * locks the draft row and only proceeds while it has no dossier, so a double click or a
 * retried request waits and then finds the dossier the first one made. The year's counter
 * row is locked from the moment the number is taken until the commit, which keeps numbers
 * unique and gapless under concurrency.
 */
export async function submitDraft(services: Services, draft: Draft, ready: ReadyDraft, locale: Locale, t: Messages): Promise<SubmittedDossier> {
  const submittedAt = services.now();
  const created = await insertDossier(services, draft, ready, submittedAt, locale, t);
  if (created) {
    services.wakeMailWorker();
    logger.info("dossier submitted", { dossierId: created.id, number: created.number });
    return { ...created, created: true };
  }
  const [existing] = await services.db
    .select({ id: dossiers.id, number: dossiers.number, contactDueOn: dossiers.contactDueOn })
    .from(dossiers)
    .where(eq(dossiers.sourceDraftId, draft.id));
  if (!existing) throw new Error("draft was consumed without a dossier");
  return { ...existing, created: false };
}

async function insertDossier(
  services: Services,
  draft: Draft,
  { answers: a, assessment }: ReadyDraft,
  submittedAt: Date,
  locale: Locale,
  t: Messages,
): Promise<{ id: string; number: string; contactDueOn: string } | null> {
  const today = todayIn(services);
  const year = Number(today.slice(0, 4));
  const due = contactDueOn(submittedAt);
  const c = a.contact;
  const r = assessment.result;
  const party = (role: "complainant" | "representative", p: { name: string; street: string; houseNumber: string; postcode: string; city: string }, reach: boolean) =>
    q`(${role}::party_role, ${p.name}, ${p.street}, ${p.houseNumber}, ${p.postcode}, ${p.city}, ${reach ? (c.email ?? null) : null}::text, ${reach ? (c.phone ?? null) : null}::text, ${reach ? c.preferredChannel : null}::contact_channel)`;
  const parties =
    a.forWhom === "other" && a.represented ? [party("representative", c, true), party("complainant", a.represented, false)] : [party("complainant", c, true)];
  const confirmation = c.email
    ? confirmationMail(t, locale, {
        name: c.name,
        number: NUMBER_PLACEHOLDER,
        municipality: assessment.municipalityName ?? a.municipalityId,
        submittedOn: today,
        contactDueOn: due,
      })
    : null;
  // The number is taken inside the statement, so the mail's text gets it there.
  const mail = confirmation
    ? enqueueMailStep({ ...confirmation, to: c.email!, locale, kind: MAIL_KIND, subjectType: "dossier" }, q`FROM d`, {
        fill: (text) => q`replace(${text}, ${NUMBER_PLACEHOLDER}, d.number)`,
        subjectId: q`d.id::text`,
      })
    : q`SELECT NULL::bigint AS id WHERE false`;

  const statement = compile(q`
    WITH locked AS (
      SELECT id FROM intake_drafts WHERE id = ${draft.id} AND dossier_id IS NULL FOR UPDATE
    ), counter AS (
      INSERT INTO dossier_counters (year, last) SELECT ${year}, 1 FROM locked
      ON CONFLICT (year) DO UPDATE SET last = dossier_counters.last + 1
      RETURNING year, last
    ), d AS (
      INSERT INTO dossiers (number, year, sequence, municipality_id, channel, locale, topic, complaint_text, incident_place,
                            incident_date, people_involved, desired_outcome, by_representative, submitted_at, contact_due_on, source_draft_id,
                            handling_due_on, complainant_name)
      SELECT 'OMA-' || counter.year || '-' || lpad(counter.last::text, 5, '0'), counter.year, counter.last, ${a.municipalityId}, 'online', ${locale},
             ${a.topic}, ${a.complaint.text}, ${a.complaint.place}, ${a.complaint.date}::date, ${a.complaint.people ?? null}::text,
             ${a.complaint.desiredOutcome ?? null}::text, ${a.forWhom === "other"}, ${submittedAt.toISOString()}::timestamptz, ${due}::date, ${draft.id}::uuid,
             ${handlingTarget(today, services.env.handlingTargetWeeks)}::date, ${a.forWhom === "other" && a.represented ? a.represented.name : c.name}
        FROM counter
      RETURNING id, number
    ), parties AS (
      INSERT INTO dossier_parties (dossier_id, role, name, street, house_number, postcode, city, email, phone, preferred_channel)
      SELECT d.id, v.* FROM d, (VALUES ${join(parties, ", ")}) AS v(role, name, street, house_number, postcode, city, email, phone, preferred_channel)
    ), eligibility AS (
      INSERT INTO dossier_eligibility (dossier_id, complained_to_municipality, complaint_received_on, answered_on, postponed_until, handling_weeks,
                                       assessed_on, outcome, ground, nominal_deadline, handling_deadline, eligible_from, window_ends_on, skipped_days)
      SELECT d.id, true, ${a.complaintReceivedOn}::date, ${a.answerStatus === "answered" ? (a.answeredOn ?? null) : null}::date,
             ${a.answerStatus === "postponed" ? (a.postponedUntil ?? null) : null}::date, ${assessment.handlingWeeks}, ${assessment.today}::date,
             ${r.outcome}, ${r.ground ?? null}::text, ${assessment.explanation?.nominal ?? r.handlingDeadline!}::date, ${r.handlingDeadline!}::date,
             ${r.eligibleFrom ?? null}::date, ${r.windowEndsOn ?? null}::date, ${JSON.stringify(assessment.explanation?.skipped ?? [])}::jsonb
        FROM d
    ), moved AS (
      DELETE FROM draft_attachments WHERE draft_id IN (SELECT id FROM locked)
      RETURNING category, storage_key, file_name, content_type, size, sha256, created_at
    ), files AS (
      INSERT INTO dossier_attachments (dossier_id, category, storage_key, file_name, content_type, size, sha256, uploaded_at)
      SELECT d.id, moved.category, moved.storage_key, moved.file_name, moved.content_type, moved.size, moved.sha256, moved.created_at FROM d, moved
    ), mail AS (
      ${mail}
    ), events AS (
      -- One insert, in order, so the history reads "submitted" before "mail queued".
      INSERT INTO dossier_events (dossier_id, at, type, details)
      SELECT d.id, ${submittedAt.toISOString()}::timestamptz, e.type, e.details
        FROM d, (
          SELECT 1 AS ord, 'submitted' AS type,
                 jsonb_build_object('channel', 'online', 'locale', ${locale}::text, 'attachments', (SELECT count(*) FROM moved)) AS details
          UNION ALL
          SELECT 2, 'mail_queued', jsonb_build_object('kind', ${MAIL_KIND}::text, 'outboxId', mail.id) FROM mail
        ) AS e
       ORDER BY e.ord
    ), consumed AS (
      UPDATE intake_drafts SET submitted_at = ${submittedAt.toISOString()}::timestamptz, dossier_id = d.id, answers = '{}'::jsonb, review_errors = NULL
        FROM d WHERE intake_drafts.id = ${draft.id}
    )
    SELECT d.id, d.number FROM d`);
  // Built without the query builder and kept prepared: this statement is the submit's hot path.
  const rows = await services.database.query<{ id: string; number: string }>(statement.text, statement.params, { prepare: true });
  const row = rows[0];
  return row ? { id: row.id, number: row.number, contactDueOn: due } : null;
}
