import { z } from "zod";
import type { Locale, Messages } from "#app/i18n/catalogue.server";
import { formatDate, interpolate } from "#app/i18n/format";
import {
  assessEligibility,
  computeHandlingDeadline,
  type EligibilityError,
  type EligibilityResult,
  type HandlingDeadlineExplanation,
} from "#app/intake/eligibility";
import type { Answers } from "#app/intake/journey";
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
import type { IsoDate } from "#app/utils/calendar-date";
import {
  OVERRIDE_REASON_MAX,
  OVERRIDE_REASON_MIN,
  STAFF_INTAKE_CHANNELS,
  type StaffAssessment,
  type StaffIntakeReference,
  type StaffRegistration,
} from "./staff-intake.server";

/**
 * The staff intake page's one schema, in the handler's words: validated in one pass, composed of
 * the resident form's step schemas, with the same `assessEligibility`. Its output is the typed
 * input of `registerStaffComplaint`.
 */

/** Which form field each eligibility input is typed in; a date's error goes to its day input. */
const ELIGIBILITY_FIELDS: Record<EligibilityError["field"], string> = {
  complainedToMunicipality: "complainedFirst",
  complaintReceivedOn: "receivedOn.day",
  answeredOn: "answeredOn.day",
  postponedUntil: "postponedUntil.day",
  handlingWeeks: "municipalityId",
  today: "receivedOn.day",
};

type Form = Record<string, unknown>;

const text = () => z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string());
const choice = <V extends string>(values: readonly V[], message: string) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.enum(values as unknown as [V, ...V[]], { error: message }));

/** The fields `<prefix>.<name>` of the page without their prefix: the shape a resident step posts. */
function fieldsUnder(form: Form, prefix: string): Form {
  const out: Form = {};
  for (const [key, value] of Object.entries(form))
    if (key.startsWith(`${prefix}.`)) out[key.slice(prefix.length + 1)] = value;
  return out;
}

/**
 * A resident step's schema applied to the page's fields under `prefix` (the whole page when
 * null), only when `applies`; its output lands under `key`, and its issues keep the prefix,
 * so every message reaches its own field.
 */
function part<K extends string, O>(
  key: K,
  prefix: string | null,
  applies: (form: Form) => boolean,
  schema: z.ZodType<O>,
) {
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
  const nameOf = new Map(ref.municipalities.map((mu) => [mu.id, mu.name]));
  const firstLineGiven = (f: Form) => f.complainedFirst !== "no";
  const represented = (f: Form) => f.hasRepresentative === "yes";

  const refusals: Record<string, string> = {
    decision: s.topic.decisionRefused,
    public_space: s.topic.publicSpaceRefused,
    damages: s.topic.damagesRefused,
    care_provider: s.topic.careProviderRefused,
  };
  const topic = TopicSchema(t).superRefine((v, ctx) => {
    if (v.topic && v.topic !== "conduct")
      ctx.addIssue({ code: "custom", path: ["topic"], message: refusals[v.topic] ?? s.topic.required });
  });
  const court = CourtSchema(t).superRefine((v, ctx) => {
    if (v.courtCase === "yes") ctx.addIssue({ code: "custom", path: ["courtCase"], message: s.court.refused });
  });
  const firstLine = FirstLineSchema(t).superRefine((v, ctx) => {
    if (v.complainedFirst === "no")
      ctx.addIssue({ code: "custom", path: ["complainedFirst"], message: s.firstLine.refused });
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
      overrideReason: text().pipe(
        z.string().max(OVERRIDE_REASON_MAX, interpolate(s.override.tooLong, { max: OVERRIDE_REASON_MAX })),
      ),
    })
    .and(firstLine)
    .and(part("answer", null, firstLineGiven, AnswerSchema(t)))
    .and(part("receivedOn", "receivedOn", firstLineGiven, ReceivedOnSchema(t, today)))
    // The order of the dates is left to assessEligibility, which knows the municipality's term.
    .and(
      part(
        "answeredOn",
        "answeredOn",
        (f) => firstLineGiven(f) && f.answerStatus === "answered",
        AnswerDateSchema(t, today, undefined, fmt),
      ),
    )
    .and(
      part(
        "postponedUntil",
        "postponedUntil",
        (f) => firstLineGiven(f) && f.answerStatus === "postponed",
        PostponedDateSchema(t, today, undefined, fmt),
      ),
    )
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
          ctx.addIssue({
            code: "custom",
            path: [ELIGIBILITY_FIELDS[e.field]],
            message: eligibilityMessage(e, r, f.complaintReceivedOn, m, fmt),
          });
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
      formId: z.preprocess(
        (v) => (typeof v === "string" && /^[0-9a-f-]{36}$/i.test(v) ? v : null),
        z.string().nullable(),
      ),
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
      if (!contact || !complainant || !complaint)
        throw new Error("parties or complaint missing after a successful parse");
      const overridden =
        v.assessment.result.outcome === "too_early" || v.assessment.result.outcome === "window_expired";
      return {
        channel: v.channel,
        municipalityId: v.municipalityId,
        municipalityName: nameOf.get(v.municipalityId) ?? v.municipalityId,
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

function eligibilityMessage(
  e: EligibilityError,
  r: EligibilityResult,
  receivedOn: IsoDate,
  m: Messages,
  fmt: (iso: string) => string,
): string {
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
