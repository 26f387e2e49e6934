import { and, eq, sql } from "drizzle-orm";
import type { Messages } from "#app/i18n/catalogue.server";
import { formatDate, interpolate, type Locale } from "#app/i18n/i18n";
import { enqueueMail } from "#app/mail/outbox.server";
import { contactDueOn } from "#app/dossiers/deadlines";
import { parseForm, type FieldErrors } from "#app/utils/forms.server";
import { logger } from "#app/utils/logger.server";
import type { Services } from "#app/utils/services.server";
import type { Transaction } from "#db/client";
import {
  dossierAttachments,
  dossierCounters,
  dossierEligibility,
  dossierEvents,
  dossierParties,
  dossiers,
  draftAttachments,
  intakeDrafts,
} from "#db/schema/index";
import { confirmationMail } from "./confirmation-mail.server";
import { listDraftAttachments, type Draft } from "./drafts.server";
import { journey, type Answers, type StepId } from "./journey";
import { assessAnswers, getMunicipality, isAffiliated, todayIn, type DraftAssessment } from "./reference.server";
import {
  AnswerDateSchema,
  ComplaintSchema,
  ContactSchema,
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

function formFrom(values: Record<string, string | undefined>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) form.set(key, value ?? "");
  return form;
}

/** Every problem with the draft, per step, in the order of the journey. */
export async function checkDraft(services: Services, draft: Draft, t: Messages["intake"], locale: Locale): Promise<StepErrors[] | ReadyDraft> {
  const a = draft.answers;
  const today = todayIn(services);
  const fmt = (iso: string) => formatDate(iso, locale);
  const problems: StepErrors[] = [];
  const add = (step: StepId, errors: FieldErrors) => problems.push({ step, errors });

  const municipality = a.municipalityId ? await getMunicipality(services.db, a.municipalityId) : null;
  if (!municipality || !isAffiliated(municipality, today)) {
    add("municipality", { municipalityId: municipality ? interpolate(t.municipality.notAffiliated, { name: municipality.name }) : t.municipality.required });
  }

  const received = parseForm(ReceivedOnSchema(t, today), formFrom(dateValues(a.complaintReceivedOn)));
  if (!received.success) add("receivedOn", received.errors);
  if (a.answerStatus === "answered") {
    const answered = parseForm(AnswerDateSchema(t, today, a.complaintReceivedOn, fmt), formFrom(dateValues(a.answeredOn)));
    if (!answered.success) add("answerDate", answered.errors);
  }
  const assessment = await assessAnswers(services, a);
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
  const files = await listDraftAttachments(services.db, draft.id);
  const at = t.attachments;
  const attachmentErrors: FieldErrors = {};
  const mandateErrors: FieldErrors = {};
  const limit = services.env.uploads.maxFileBytes;
  for (const file of files) {
    const target = file.category === "mandate" ? mandateErrors : attachmentErrors;
    const info = await services.storage.head(file.storageKey);
    const message = !info
      ? interpolate(at.missingFile, { name: file.fileName })
      : info.size !== file.size || file.size > limit
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

/**
 * One transaction: number, dossier, parties, eligibility facts, attachments, first history
 * event and confirmation mail; the draft is consumed. The draft row is locked first, so a
 * double click or a retried request finds the dossier the first one made.
 */
export async function submitDraft(services: Services, draft: Draft, ready: ReadyDraft, locale: Locale, t: Messages): Promise<SubmittedDossier> {
  const submittedAt = services.now();
  const result = await services.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(intakeDrafts).where(eq(intakeDrafts.id, draft.id)).for("update");
    if (!locked) throw new Error("draft vanished during submit");
    if (locked.dossierId) {
      const [existing] = await tx.select().from(dossiers).where(eq(dossiers.id, locked.dossierId));
      if (!existing) throw new Error("submitted draft points to a missing dossier");
      return { id: existing.id, number: existing.number, contactDueOn: existing.contactDueOn, created: false };
    }
    return createDossier(tx, services, draft, ready, submittedAt, locale, t);
  });
  if (result.created) {
    services.wakeMailWorker();
    logger.info("dossier submitted", { dossierId: result.id, number: result.number });
  }
  return result;
}

async function createDossier(
  tx: Transaction,
  services: Services,
  draft: Draft,
  { answers: a, assessment }: ReadyDraft,
  submittedAt: Date,
  locale: Locale,
  t: Messages,
): Promise<SubmittedDossier> {
  const today = todayIn(services);
  const year = Number(today.slice(0, 4));
  const [counter] = await tx
    .insert(dossierCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: dossierCounters.year, set: { last: sql`${dossierCounters.last} + 1` } })
    .returning();
  if (!counter) throw new Error("no dossier number");
  const number = `OMA-${year}-${String(counter.last).padStart(5, "0")}`;
  const due = contactDueOn(submittedAt);

  const [dossier] = await tx
    .insert(dossiers)
    .values({
      number,
      year,
      sequence: counter.last,
      municipalityId: a.municipalityId,
      channel: "online",
      locale,
      topic: a.topic,
      complaintText: a.complaint.text,
      incidentPlace: a.complaint.place,
      incidentDate: a.complaint.date,
      peopleInvolved: a.complaint.people ?? null,
      desiredOutcome: a.complaint.desiredOutcome ?? null,
      byRepresentative: a.forWhom === "other",
      submittedAt,
      contactDueOn: due,
      sourceDraftId: draft.id,
    })
    .returning();
  if (!dossier) throw new Error("dossier insert returned nothing");

  const contact = a.contact;
  const contactParty = {
    dossierId: dossier.id,
    name: contact.name,
    street: contact.street,
    houseNumber: contact.houseNumber,
    postcode: contact.postcode,
    city: contact.city,
    email: contact.email ?? null,
    phone: contact.phone ?? null,
    preferredChannel: contact.preferredChannel,
  };
  if (a.forWhom === "other" && a.represented) {
    await tx.insert(dossierParties).values([
      { ...contactParty, role: "representative" },
      { dossierId: dossier.id, role: "complainant", ...a.represented },
    ]);
  } else {
    await tx.insert(dossierParties).values({ ...contactParty, role: "complainant" });
  }

  const r = assessment.result;
  await tx.insert(dossierEligibility).values({
    dossierId: dossier.id,
    complainedToMunicipality: true,
    complaintReceivedOn: a.complaintReceivedOn,
    answeredOn: a.answerStatus === "answered" ? (a.answeredOn ?? null) : null,
    postponedUntil: a.answerStatus === "postponed" ? (a.postponedUntil ?? null) : null,
    handlingWeeks: assessment.handlingWeeks,
    assessedOn: assessment.today,
    outcome: r.outcome,
    ground: r.ground ?? null,
    nominalDeadline: assessment.explanation?.nominal ?? r.handlingDeadline!,
    handlingDeadline: r.handlingDeadline!,
    eligibleFrom: r.eligibleFrom ?? null,
    windowEndsOn: r.windowEndsOn ?? null,
    skippedDays: assessment.explanation?.skipped ?? [],
  });

  // The files move from the draft to the dossier; their objects stay where they are.
  const files = await tx.delete(draftAttachments).where(eq(draftAttachments.draftId, draft.id)).returning();
  if (files.length > 0) {
    await tx.insert(dossierAttachments).values(
      files.map((f) => ({
        dossierId: dossier.id,
        category: f.category,
        storageKey: f.storageKey,
        fileName: f.fileName,
        contentType: f.contentType,
        size: f.size,
        sha256: f.sha256,
        uploadedAt: f.createdAt,
      })),
    );
  }

  await tx.insert(dossierEvents).values({
    dossierId: dossier.id,
    at: submittedAt,
    type: "submitted",
    details: { channel: "online", attachments: files.length, locale },
  });

  if (contact.email) {
    const municipality = await getMunicipality(tx, a.municipalityId);
    const mail = confirmationMail(t, locale, {
      name: contact.name,
      number,
      municipality: municipality?.name ?? a.municipalityId,
      submittedOn: today,
      contactDueOn: due,
    });
    const queued = await enqueueMail(tx, {
      to: contact.email,
      ...mail,
      locale,
      kind: "intake_confirmation",
      subjectType: "dossier",
      subjectId: dossier.id,
    });
    await tx.insert(dossierEvents).values({ dossierId: dossier.id, at: submittedAt, type: "mail_queued", details: { kind: "intake_confirmation", outboxId: queued.id } });
  }

  // The answers leave the draft with it: the dossier is now the only copy of the personal data.
  await tx
    .update(intakeDrafts)
    .set({ submittedAt, dossierId: dossier.id, answers: {}, reviewErrors: null })
    .where(and(eq(intakeDrafts.id, draft.id)));

  return { id: dossier.id, number, contactDueOn: due, created: true };
}
