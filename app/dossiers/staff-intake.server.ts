import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { SessionUser } from "#app/auth/session.server";
import { contactDueOn, handlingTarget } from "#app/dossiers/deadlines";
import { messagesFor, type Locale, type Messages } from "#app/i18n/catalogue.server";
import { formatDate, interpolate } from "#app/i18n/i18n";
import { confirmationMail } from "#app/intake/confirmation-mail.server";
import { enqueueMail } from "#app/mail/outbox.server";
import {
  assessEligibility,
  computeHandlingDeadline,
  type EligibilityError,
  type EligibilityResult,
  type HandlingDeadlineExplanation,
} from "#app/intake/eligibility";
import type { Holiday } from "#app/intake/holidays";
import type { AnswerStatus, Answers, ComplaintDetails, ContactDetails, RepresentedPerson } from "#app/intake/journey";
import { affiliatedMunicipalities, holidayTable, todayIn } from "#app/intake/reference.server";
import {
  AnswerDateSchema,
  AnswerSchema,
  ComplaintSchema,
  ContactSchema,
  countCharacters,
  CourtSchema,
  FirstLineSchema,
  PostponedDateSchema,
  ReceivedOnSchema,
  RepresentedSchema,
  TopicSchema,
} from "#app/intake/schemas.server";
import { audit } from "#app/utils/audit.server";
import type { IsoDate } from "#app/utils/calendar-date";
import { parseForm, type FieldErrors, type FormValues } from "#app/utils/forms.server";
import { logger } from "#app/utils/logger.server";
import type { RequestContext, Services } from "#app/utils/services.server";
import { takeDossierNumber } from "#db/dossier-numbers";
import { dossierEligibility, dossierEvents, dossierParties, dossiers } from "#db/schema/index";
import { backOfficeScope, isStaff } from "./scope.server";

/**
 * A handler registers a complaint that came in by phone, letter, e-mail or at the counter.
 * One page, validated by one schema composed of the resident form's step schemas; the same
 * `assessEligibility`, except that "too early" and "window expired" may be overridden with a
 * written reason, which is kept with the facts.
 */

export const STAFF_INTAKE_CHANNELS = ["phone", "letter", "email", "counter"] as const;
export type StaffIntakeChannel = (typeof STAFF_INTAKE_CHANNELS)[number];

export const OVERRIDE_REASON_MIN = 10;
const OVERRIDE_REASON_MAX = 2000;

/** Which form field each eligibility input is typed in; a date's error goes to its day input. */
const ELIGIBILITY_FIELDS: Record<EligibilityError["field"], string> = {
  complainedToMunicipality: "complainedFirst",
  complaintReceivedOn: "receivedOn.day",
  answeredOn: "answeredOn.day",
  postponedUntil: "postponedUntil.day",
  handlingWeeks: "municipalityId",
  today: "receivedOn.day",
};

export type StaffIntakeReference = {
  today: IsoDate;
  municipalities: { id: string; name: string; handlingWeeks: number }[];
  holidays: Holiday[];
};

export async function loadStaffIntakeReference(services: Services): Promise<StaffIntakeReference> {
  const today = todayIn(services);
  const [rows, holidays] = await Promise.all([affiliatedMunicipalities(services.db, today), holidayTable(services.db)]);
  return { today, municipalities: rows.map((m) => ({ id: m.id, name: m.name, handlingWeeks: m.handlingWeeks })), holidays };
}

export type StaffAssessment = {
  result: EligibilityResult;
  explanation: HandlingDeadlineExplanation | null;
  handlingWeeks: number;
  today: IsoDate;
};

export type StaffRegistration = {
  channel: StaffIntakeChannel;
  municipalityId: string;
  topic: "conduct";
  /** The person the complaint is about; without their own contact details when a representative acts. */
  complainant: ContactDetails | RepresentedPerson;
  /** Whom the ombudsman contacts: the representative when there is one, otherwise the complainant. */
  contact: ContactDetails;
  byRepresentative: boolean;
  complaint: ComplaintDetails;
  facts: { complaintReceivedOn: IsoDate; answerStatus: AnswerStatus; answeredOn: IsoDate | null; postponedUntil: IsoDate | null };
  assessment: StaffAssessment;
  /** Set only when the outcome was "too early" or "window expired". */
  overrideReason: string | null;
  formId: string | null;
};

type Form = Record<string, unknown>;

const text = () => z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string());
const choice = <V extends string>(values: readonly V[], message: string) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.enum(values as unknown as [V, ...V[]], { error: message }));

/** The fields `<prefix>.<name>` of the page without their prefix: the shape a resident step posts. */
function fieldsUnder(form: Form, prefix: string): Form {
  const out: Form = {};
  for (const [key, value] of Object.entries(form)) if (key.startsWith(`${prefix}.`)) out[key.slice(prefix.length + 1)] = value;
  return out;
}

/**
 * A resident step's schema applied to the page's fields under `prefix` (the whole page when
 * null), only when `applies`; its output lands under `key`, and its issues keep the prefix,
 * so every message reaches its own field.
 */
function part<K extends string, O>(key: K, prefix: string | null, applies: (form: Form) => boolean, schema: z.ZodType<O>) {
  return z.record(z.string(), z.unknown()).transform((form, ctx): { [P in K]?: O } => {
    if (!applies(form)) return {};
    const result = schema.safeParse(prefix ? fieldsUnder(form, prefix) : form);
    if (result.success) return { [key]: result.data } as { [P in K]?: O };
    for (const issue of result.error.issues) {
      ctx.addIssue({ code: "custom", message: issue.message, path: prefix ? [prefix, ...issue.path] : issue.path });
    }
    return z.NEVER;
  });
}

// The resident schemas speak to the resident ("Vul uw straat in"); the handler reads the same
// checks in the third person. Built once per language, so the schemas' own cache keeps working.
const forHandlers = new WeakMap<Messages, Messages["intake"]>();
function handlerWording(m: Messages): Messages["intake"] {
  let t = forHandlers.get(m);
  if (!t) {
    const s = m.staffIntake;
    const e = s.fieldErrors;
    t = {
      ...m.intake,
      topic: { ...m.intake.topic, required: s.topic.required },
      court: { ...m.intake.court, required: s.court.required },
      firstLine: { ...m.intake.firstLine, required: s.firstLine.required },
      answer: { ...m.intake.answer, required: s.firstLineDates.answerRequired },
      contact: {
        ...m.intake.contact,
        nameRequired: e.nameRequired,
        streetRequired: e.streetRequired,
        houseNumberRequired: e.houseNumberRequired,
        postcodeRequired: e.postcodeRequired,
        cityRequired: e.cityRequired,
        preferredRequired: e.preferredRequired,
        preferredEmailMissing: e.preferredEmailMissing,
        preferredPhoneMissing: e.preferredPhoneMissing,
      },
      represented: { ...m.intake.represented, nameRequired: e.nameRequired },
      complaint: { ...m.intake.complaint, textTooLong: e.textTooLong },
    };
    forHandlers.set(m, t);
  }
  return t;
}

/** The one schema of the page: every field checked in one pass, so one submit shows every problem. */
export function StaffIntakeSchema(m: Messages, locale: Locale, ref: StaffIntakeReference) {
  const t = handlerWording(m);
  const s = m.staffIntake;
  const { today, holidays } = ref;
  const fmt = (iso: string) => formatDate(iso, locale);
  const weeksOf = new Map(ref.municipalities.map((mu) => [mu.id, mu.handlingWeeks]));
  const firstLineGiven = (f: Form) => f.complainedFirst !== "no";
  const represented = (f: Form) => f.hasRepresentative === "yes";

  const refusals: Record<string, string> = {
    decision: s.topic.decisionRefused,
    public_space: s.topic.publicSpaceRefused,
    damages: s.topic.damagesRefused,
    care_provider: s.topic.careProviderRefused,
  };
  const topic = TopicSchema(t).superRefine((v, ctx) => {
    if (v.topic && v.topic !== "conduct") ctx.addIssue({ code: "custom", path: ["topic"], message: refusals[v.topic] ?? s.topic.required });
  });
  const court = CourtSchema(t).superRefine((v, ctx) => {
    if (v.courtCase === "yes") ctx.addIssue({ code: "custom", path: ["courtCase"], message: s.court.refused });
  });
  const firstLine = FirstLineSchema(t).superRefine((v, ctx) => {
    if (v.complainedFirst === "no") ctx.addIssue({ code: "custom", path: ["complainedFirst"], message: s.firstLine.refused });
  });

  // With a representative, contact runs through them (as on the resident form): the complainant
  // gives a name and an address only, and no contact details are kept that nobody uses.
  const complainantOfRepresentative = RepresentedSchema(t).and(
    z
      .object({ email: text(), phone: text() })
      .superRefine((v, ctx) => {
        if (v.email) ctx.addIssue({ code: "custom", path: ["email"], message: s.complainant.contactViaRepresentative });
        if (v.phone) ctx.addIssue({ code: "custom", path: ["phone"], message: s.complainant.contactViaRepresentative });
      })
      .transform((): Partial<Answers> => ({})),
  );

  const facts = z
    .object({
      municipalityId: choice(
        ref.municipalities.map((mu) => mu.id),
        s.municipality.required,
      ),
      overrideReason: text().pipe(z.string().max(OVERRIDE_REASON_MAX, interpolate(s.override.tooLong, { max: OVERRIDE_REASON_MAX }))),
    })
    .and(firstLine)
    .and(part("answer", null, firstLineGiven, AnswerSchema(t)))
    .and(part("receivedOn", "receivedOn", firstLineGiven, ReceivedOnSchema(t, today)))
    // The order of the dates is left to assessEligibility, which knows the municipality's term.
    .and(part("answeredOn", "answeredOn", (f) => firstLineGiven(f) && f.answerStatus === "answered", AnswerDateSchema(t, today, undefined, fmt)))
    .and(part("postponedUntil", "postponedUntil", (f) => firstLineGiven(f) && f.answerStatus === "postponed", PostponedDateSchema(t, today, undefined, fmt)))
    .transform((v) => {
      const answerStatus = v.answer?.answerStatus;
      const complaintReceivedOn = v.receivedOn?.complaintReceivedOn;
      if (!answerStatus || !complaintReceivedOn) throw new Error("first-line facts missing after a successful parse");
      const handlingWeeks = weeksOf.get(v.municipalityId) ?? Number.NaN;
      const answeredOn = answerStatus === "answered" ? (v.answeredOn?.answeredOn ?? null) : null;
      const postponedUntil = answerStatus === "postponed" ? (v.postponedUntil?.postponedUntil ?? null) : null;
      // The same computation as the resident's check (assessAnswers): the municipality's own
      // term and the holiday table from the database.
      const result = assessEligibility(
        { complainedToMunicipality: true, complaintReceivedOn, answeredOn, postponedUntil, handlingWeeks, today },
        holidays,
      );
      let explanation: HandlingDeadlineExplanation | null = null;
      try {
        explanation = computeHandlingDeadline(complaintReceivedOn, handlingWeeks, holidays);
      } catch {
        explanation = null;
      }
      const assessment: StaffAssessment = { result, explanation, handlingWeeks, today };
      return {
        municipalityId: v.municipalityId,
        reason: v.overrideReason,
        facts: { complaintReceivedOn, answerStatus, answeredOn, postponedUntil },
        assessment,
      };
    })
    .superRefine(({ assessment: { result: r }, reason, facts: f }, ctx) => {
      if (r.outcome === "invalid") {
        for (const e of r.errors ?? []) {
          ctx.addIssue({ code: "custom", path: [ELIGIBILITY_FIELDS[e.field]], message: eligibilityMessage(e, r, f.complaintReceivedOn, m, fmt) });
        }
        return;
      }
      if (r.outcome !== "too_early" && r.outcome !== "window_expired") return;
      const length = countCharacters(reason);
      if (length >= OVERRIDE_REASON_MIN) return;
      const why =
        r.outcome === "too_early"
          ? interpolate(s.override.tooEarly, { deadline: fmt(r.handlingDeadline!), from: fmt(r.eligibleFrom!) })
          : interpolate(s.override.windowExpired, { date: fmt(r.windowEndsOn!) });
      const ask = interpolate(length === 0 ? s.override.required : s.override.tooShort, { min: OVERRIDE_REASON_MIN });
      ctx.addIssue({ code: "custom", path: ["overrideReason"], message: `${why} ${ask}` });
    });

  return z
    .object({
      channel: choice(STAFF_INTAKE_CHANNELS, s.channel.required),
      hasRepresentative: choice(["yes", "no"] as const, s.representative.required),
      formId: z.preprocess((v) => (typeof v === "string" && /^[0-9a-f-]{36}$/i.test(v) ? v : null), z.string().nullable()),
    })
    .and(topic)
    .and(court)
    .and(facts)
    .and(part("contactOfComplainant", "complainant", (f) => !represented(f), ContactSchema(t)))
    .and(part("complainant", "complainant", represented, complainantOfRepresentative))
    .and(part("representative", "representative", represented, ContactSchema(t)))
    .and(part("complaint", "complaint", () => true, ComplaintSchema(t, today)))
    .transform((v): StaffRegistration => {
      const byRepresentative = v.hasRepresentative === "yes";
      const contact = byRepresentative ? v.representative?.contact : v.contactOfComplainant?.contact;
      const complainant = byRepresentative ? v.complainant?.represented : contact;
      const complaint = v.complaint?.complaint;
      if (!contact || !complainant || !complaint) throw new Error("parties or complaint missing after a successful parse");
      const overridden = v.assessment.result.outcome === "too_early" || v.assessment.result.outcome === "window_expired";
      return {
        channel: v.channel,
        municipalityId: v.municipalityId,
        topic: "conduct",
        complainant,
        contact,
        byRepresentative,
        complaint,
        facts: v.facts,
        assessment: v.assessment,
        // A reason typed for an eligible complaint overrides nothing, so none is recorded.
        overrideReason: overridden ? v.reason : null,
        formId: v.formId,
      };
    });
}

function eligibilityMessage(e: EligibilityError, r: EligibilityResult, receivedOn: IsoDate, m: Messages, fmt: (iso: string) => string): string {
  const s = m.staffIntake.firstLineDates;
  const d = m.intake.date;
  switch (e.code) {
    case "before_receipt":
      return interpolate(s.beforeReceipt, { received: fmt(receivedOn) });
    case "not_after_term":
      // With the postponement in error, the deadline returned is the municipality's own term.
      return interpolate(s.notAfterTerm, { deadline: r.handlingDeadline ? fmt(r.handlingDeadline) : "" });
    case "in_future":
      return d.inFuture;
    case "invalid_weeks":
      return s.weeksInvalid;
    case "required":
      return d.required;
    case "invalid_date":
      return d.invalid;
  }
}

export type StaffIntakeResult =
  | { ok: true; number: string; created: boolean }
  | { ok: false; errors: FieldErrors; values: FormValues }
  /** Only staff register complaints (README › "Who sees and does what"). */
  | { ok: false; refused: "forbidden" };

/** Validates the page and, when it may become a dossier, creates it; the errors otherwise. */
export async function registerStaffComplaint(
  context: Pick<RequestContext, "services" | "clientIp" | "requestId">,
  user: SessionUser,
  formData: FormData,
  locale: Locale,
): Promise<StaffIntakeResult> {
  const { services } = context;
  if (!isStaff(user)) return { ok: false, refused: "forbidden" };
  const messages = messagesFor(locale);
  const reference = await loadStaffIntakeReference(services);
  const parsed = parseForm(StaffIntakeSchema(messages, locale, reference), formData);
  if (!parsed.success) return { ok: false, errors: parsed.errors, values: parsed.values };
  const municipality = reference.municipalities.find((mu) => mu.id === parsed.data.municipalityId);
  const created = await insertStaffDossier(context, user, parsed.data, municipality?.name ?? parsed.data.municipalityId, locale, messages);
  if (created.created) {
    if (created.mailQueued) services.wakeMailWorker();
    logger.info("dossier registered by staff", { dossierId: created.id, number: created.number, channel: parsed.data.channel });
  }
  return { ok: true, number: created.number, created: created.created };
}

/**
 * One transaction: the number (the year's counter row stays locked until the commit, so
 * numbers are unique and gapless), the dossier, its parties, the eligibility facts, the first
 * events, the confirmation mail and the audit entry. A form sent twice (a double click) finds
 * the dossier its first request made.
 *
 * Duplicates the shape of `insertDossier` in app/intake/submit.server.ts (numbering, parties,
 * eligibility row, mail); that one is a single prepared statement tied to a draft.
 */
async function insertStaffDossier(
  context: Pick<RequestContext, "services" | "clientIp" | "requestId">,
  user: SessionUser,
  reg: StaffRegistration,
  municipalityName: string,
  locale: Locale,
  messages: Messages,
): Promise<{ id: string; number: string; created: boolean; mailQueued: boolean }> {
  const { services } = context;
  const submittedAt = services.now();
  const today = reg.assessment.today;
  const year = Number(today.slice(0, 4));
  const due = contactDueOn(submittedAt);
  const r = reg.assessment.result;
  const explanation = reg.assessment.explanation;
  if (!r.handlingDeadline) throw new Error("an assessed complaint has a handling deadline");

  const scope = backOfficeScope(user);
  return services.db.transaction(async (tx) => {
    if (reg.formId) {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`staff-intake:${reg.formId}`}))`);
      const [existing] = await tx
        .select({ id: dossiers.id, number: dossiers.number })
        .from(dossierEvents)
        .innerJoin(dossiers, eq(dossiers.id, dossierEvents.dossierId))
        .where(
          and(
            eq(dossiers.assigneeId, user.id),
            eq(dossierEvents.type, "submitted"),
            sql`${dossierEvents.details}->>'formId' = ${reg.formId}`,
            scope.dossiers,
            scope.timeline,
          ),
        );
      if (existing) return { ...existing, created: false, mailQueued: false };
    }

    const { number, sequence } = await takeDossierNumber(tx, year);

    const [dossier] = await tx
      .insert(dossiers)
      .values({
        number,
        year,
        sequence,
        municipalityId: reg.municipalityId,
        status: "received",
        channel: reg.channel,
        locale,
        topic: reg.topic,
        complaintText: reg.complaint.text,
        incidentPlace: reg.complaint.place,
        incidentDate: reg.complaint.date,
        peopleInvolved: reg.complaint.people ?? null,
        desiredOutcome: reg.complaint.desiredOutcome ?? null,
        byRepresentative: reg.byRepresentative,
        submittedAt,
        contactDueOn: due,
        handlingDueOn: handlingTarget(today, services.env.handlingTargetWeeks),
        complainantName: reg.complainant.name,
        assigneeId: user.id,
      })
      .returning({ id: dossiers.id });
    if (!dossier) throw new Error("dossier insert returned nothing");

    const address = (p: RepresentedPerson) => ({ name: p.name, street: p.street, houseNumber: p.houseNumber, postcode: p.postcode, city: p.city });
    const reach = (c: ContactDetails) => ({ email: c.email ?? null, phone: c.phone ?? null, preferredChannel: c.preferredChannel });
    await tx.insert(dossierParties).values(
      reg.byRepresentative
        ? [
            { dossierId: dossier.id, role: "representative" as const, ...address(reg.contact), ...reach(reg.contact) },
            { dossierId: dossier.id, role: "complainant" as const, ...address(reg.complainant) },
          ]
        : [{ dossierId: dossier.id, role: "complainant" as const, ...address(reg.contact), ...reach(reg.contact) }],
    );

    await tx.insert(dossierEligibility).values({
      dossierId: dossier.id,
      complainedToMunicipality: true,
      complaintReceivedOn: reg.facts.complaintReceivedOn,
      answeredOn: reg.facts.answeredOn,
      postponedUntil: reg.facts.postponedUntil,
      handlingWeeks: reg.assessment.handlingWeeks,
      assessedOn: today,
      outcome: r.outcome,
      ground: r.ground ?? null,
      nominalDeadline: explanation?.nominal ?? r.handlingDeadline!,
      handlingDeadline: r.handlingDeadline!,
      eligibleFrom: r.eligibleFrom ?? null,
      windowEndsOn: r.windowEndsOn ?? null,
      skippedDays: explanation?.skipped ?? [],
      overrideReason: reg.overrideReason,
    });

    let outboxId: number | null = null;
    if (reg.contact.email) {
      const mail = confirmationMail(messages, locale, {
        name: reg.contact.name,
        number,
        municipality: municipalityName,
        submittedOn: today,
        contactDueOn: due,
      });
      const queued = await enqueueMail(tx, { ...mail, to: reg.contact.email, locale, kind: "intake_confirmation", subjectType: "dossier", subjectId: dossier.id });
      outboxId = queued.id;
    }

    const event = (type: string, details: Record<string, unknown>) => ({ dossierId: dossier.id, at: submittedAt, actorUserId: user.id, type, details });
    // One insert, in order, so the history reads "submitted", then the override, then the mail.
    await tx.insert(dossierEvents).values([
      event("submitted", { channel: reg.channel, registeredBy: user.id, ...(reg.formId ? { formId: reg.formId } : {}) }),
      ...(reg.overrideReason !== null
        ? [
            event("eligibility_overridden", {
              outcome: r.outcome,
              reason: reg.overrideReason,
              handlingDeadline: r.handlingDeadline,
              ...(r.eligibleFrom ? { eligibleFrom: r.eligibleFrom } : {}),
              ...(r.windowEndsOn ? { windowEndsOn: r.windowEndsOn } : {}),
            }),
          ]
        : []),
      ...(outboxId !== null ? [event("mail_queued", { kind: "intake_confirmation", outboxId })] : []),
    ]);

    await audit(tx, context, user, {
      action: "dossier.registered",
      subjectType: "dossier",
      subjectId: dossier.id,
      details: { number, channel: reg.channel, overridden: reg.overrideReason !== null },
    });

    return { id: dossier.id, number, created: true, mailQueued: outboxId !== null };
  });
}

/** A fresh id for one filled-in page, so the same page sent twice makes one dossier. */
export function newFormId(): string {
  return randomUUID();
}
