import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { EligibilityResult, HandlingDeadlineExplanation } from "#app/intake/eligibility";
import type { Holiday } from "#app/intake/holidays";
import type { AnswerStatus, ComplaintDetails, ContactDetails, RepresentedPerson } from "#app/intake/journey";
import { affiliatedMunicipalities, holidayTable, todayIn } from "#app/intake/reference.server";
import { audit } from "#app/utils/audit.server";
import type { IsoDate } from "#app/utils/calendar-date";
import { logger } from "#app/utils/logger.server";
import type { RequestContext, Services } from "#app/utils/services.server";
import { dossierEvents, dossiers } from "#db/schema/index";
import { needsApproval } from "./approvals";
import { insertApproval } from "./casework/approval-request.server";
import { registerInTransaction, type Registration } from "./register.server";
import { backOfficeScope, isStaff, type UserActor } from "./scope.server";

/**
 * A handler registers a complaint that came in by phone, letter, e-mail or at the counter. The
 * page's schema (staff-intake-form.server.ts) checks it with the resident form's step schemas and
 * the same `assessEligibility`, except that "too early" and "window expired" may be overridden
 * with a written reason, which is kept with the facts. This module takes the typed result and
 * answers with a code; the route turns codes into responses and words.
 */

export const STAFF_INTAKE_CHANNELS = ["phone", "letter", "email", "counter"] as const;
export type StaffIntakeChannel = (typeof STAFF_INTAKE_CHANNELS)[number];

export const OVERRIDE_REASON_MIN = 10;
export const OVERRIDE_REASON_MAX = 2000;

export type StaffIntakeReference = {
  today: IsoDate;
  municipalities: { id: string; name: string; handlingWeeks: number }[];
  holidays: Holiday[];
};

export async function loadStaffIntakeReference(services: Services): Promise<StaffIntakeReference> {
  const today = todayIn(services);
  const [rows, holidays] = await Promise.all([affiliatedMunicipalities(services.db, today), holidayTable(services.db)]);
  return {
    today,
    municipalities: rows.map((m) => ({ id: m.id, name: m.name, handlingWeeks: m.handlingWeeks })),
    holidays,
  };
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
  municipalityName: string;
  topic: "conduct";
  /** The person the complaint is about; without their own contact details when a representative acts. */
  complainant: ContactDetails | RepresentedPerson;
  /** Whom the ombudsman contacts: the representative when there is one, otherwise the complainant. */
  contact: ContactDetails;
  byRepresentative: boolean;
  complaint: ComplaintDetails;
  facts: {
    complaintReceivedOn: IsoDate;
    answerStatus: AnswerStatus;
    answeredOn: IsoDate | null;
    postponedUntil: IsoDate | null;
  };
  assessment: StaffAssessment;
  /** Set only when the outcome was "too early" or "window expired". */
  overrideReason: string | null;
  formId: string | null;
};

export type StaffIntakeResult =
  | { ok: true; number: string; created: boolean }
  /** Only staff register complaints (README › "Who sees and does what"). */
  | { ok: false; code: "forbidden" };

/**
 * One transaction: the registration (app/dossiers/register.server.ts: number, dossier, parties,
 * eligibility facts, first events, confirmation mail) and the audit entry. A form sent twice (a
 * double click) finds the dossier its first request made.
 */
export async function registerStaffComplaint(
  context: Pick<RequestContext, "services" | "clientIp" | "requestId">,
  user: UserActor,
  reg: StaffRegistration,
  locale: Registration["locale"],
): Promise<StaffIntakeResult> {
  if (!isStaff(user)) return { ok: false, code: "forbidden" };
  const { services } = context;
  const r = reg.assessment.result;
  const scope = backOfficeScope(user);
  // Four eyes: a case handler's override is registered, and waits for a coordinator's approval,
  // which records `eligibility_overridden` (app/dossiers/casework/approval.server.ts).
  const awaitsApproval =
    reg.overrideReason !== null &&
    needsApproval({ fourEyes: services.env.fourEyes, role: user.role, change: { kind: "override" } });
  const override = {
    outcome: r.outcome,
    reason: reg.overrideReason,
    handlingDeadline: r.handlingDeadline,
    ...(r.eligibleFrom ? { eligibleFrom: r.eligibleFrom } : {}),
    ...(r.windowEndsOn ? { windowEndsOn: r.windowEndsOn } : {}),
  };
  const created = await services.db.transaction(async (tx) => {
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

    const dossier = await registerInTransaction(tx, {
      channel: reg.channel,
      locale,
      municipalityId: reg.municipalityId,
      municipalityName: reg.municipalityName,
      topic: reg.topic,
      complaint: reg.complaint,
      contact: reg.contact,
      represented: reg.byRepresentative ? reg.complainant : null,
      facts: {
        complaintReceivedOn: reg.facts.complaintReceivedOn,
        answeredOn: reg.facts.answeredOn,
        postponedUntil: reg.facts.postponedUntil,
      },
      assessment: reg.assessment,
      overrideReason: reg.overrideReason,
      submittedAt: services.now(),
      today: reg.assessment.today,
      handlingTargetWeeks: services.env.handlingTargetWeeks,
      registeredBy: user.id,
      submittedDetails: { registeredBy: user.id, ...(reg.formId ? { formId: reg.formId } : {}) },
      laterEvents:
        reg.overrideReason === null
          ? []
          : [
              awaitsApproval
                ? { type: "approval_requested", details: { kind: "override", ...override } }
                : { type: "eligibility_overridden", details: override },
            ],
      attachmentNames: null,
      publicUrl: services.env.publicUrl,
      draftId: null,
    });

    if (awaitsApproval) {
      const approvalId = await insertApproval(tx, {
        dossierId: dossier.id,
        kind: "override",
        proposal: { ...override, handlingDeadline: override.handlingDeadline ?? null },
        askedBy: user.id,
        askedAt: services.now(),
      });
      await audit(tx, context, user, {
        action: "dossier.approval_requested",
        subjectType: "dossier",
        subjectId: dossier.id,
        details: { number: dossier.number, approvalId, kind: "override" },
      });
    }
    await audit(tx, context, user, {
      action: "dossier.registered",
      subjectType: "dossier",
      subjectId: dossier.id,
      details: { number: dossier.number, channel: reg.channel, overridden: reg.overrideReason !== null },
    });
    return { id: dossier.id, number: dossier.number, created: true, mailQueued: dossier.outboxId !== null };
  });
  if (created.created) {
    if (created.mailQueued) services.wakeMailWorker();
    logger.info("dossier registered by staff", { dossierId: created.id, number: created.number, channel: reg.channel });
  }
  return { ok: true, number: created.number, created: created.created };
}

/** A fresh id for one filled-in page, so the same page sent twice makes one dossier. */
export function newFormId(): string {
  return randomUUID();
}
