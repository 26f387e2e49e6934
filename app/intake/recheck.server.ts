import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Messages } from "#app/i18n/catalogue.server";
import { formatDate, interpolate, type Locale } from "#app/i18n/format";
import { parseForm, type FieldErrors } from "#app/utils/forms.server";
import type { Services } from "#app/utils/services.server";
import { intakeDrafts } from "#db/schema/index";
import { listDraftAttachments, type Draft } from "./drafts.server";
import { journey, type Answers, type StepId } from "./journey";
import {
  assessAnswers,
  getMunicipality,
  isAffiliated,
  journeyContextOf,
  todayIn,
  type DraftAssessment,
} from "./reference.server";
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
 * looked up in storage. Only then does `submitDraft` (submit.server.ts) turn the draft into a
 * dossier. Each step's own form schema judges its stored answers again, so a problem is told in
 * the words that step would use (an edge module, like the schemas).
 */

export type StepErrors = { step: StepId; errors: FieldErrors };

export type ReadyDraft = {
  answers: Required<
    Pick<
      Answers,
      "municipalityId" | "topic" | "complaintReceivedOn" | "answerStatus" | "forWhom" | "contact" | "complaint"
    >
  > &
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
    draft.municipality?.id === a.municipalityId
      ? draft.municipality
      : a.municipalityId
        ? await getMunicipality(services.db, a.municipalityId)
        : null;
  if (!municipality || !isAffiliated(municipality, today)) {
    add("municipality", {
      municipalityId: municipality
        ? interpolate(t.municipality.notAffiliated, { name: municipality.name })
        : t.municipality.required,
    });
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
    const answered = parseForm(
      AnswerDateSchema(t, today, a.complaintReceivedOn, fmt),
      formFrom(dateValues(a.answeredOn)),
    );
    if (!answered.success) add("answerDate", answered.errors);
  }
  const assessment = known ? known.assessment : await assessAnswers(services, a);
  if (a.answerStatus === "postponed") {
    const postponed = parseForm(
      PostponedDateSchema(t, today, assessment?.explanation?.deadline, fmt),
      formFrom(dateValues(a.postponedUntil)),
    );
    if (!postponed.success) add("postponedDate", postponed.errors);
  }

  const contact = parseForm(
    ContactSchema(t),
    formFrom({ ...a.contact, email: a.contact?.email, phone: a.contact?.phone }),
  );
  if (!contact.success) add("contact", contact.errors);
  if (a.forWhom === "other") {
    const represented = parseForm(RepresentedSchema(t), formFrom({ ...a.represented }));
    if (!represented.success) add("represented", represented.errors);
  }
  const c = a.complaint;
  const complaint = parseForm(
    ComplaintSchema(t, today),
    formFrom({
      text: c?.text,
      place: c?.place,
      people: c?.people,
      desiredOutcome: c?.desiredOutcome,
      ...dateValues(c?.date),
    }),
  );
  if (!complaint.success) add("complaint", complaint.errors);

  problems.push(...(await checkFiles(services, draft, t)));
  if (problems.length > 0) return problems;

  // The answers are valid; they must also still lead to the review (no exit, still eligible).
  const state = journey(a, journeyContextOf(assessment));
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
