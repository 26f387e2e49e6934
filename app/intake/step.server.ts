import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { messagesFor, type Locale, type Messages } from "#app/i18n/catalogue.server";
import { formatDate } from "#app/i18n/format";
import { getLocale } from "#app/i18n/locale.server";
import { parseForm, readForm, type FieldErrors, type FormValues } from "#app/utils/forms.server";
import type { Services } from "#app/utils/services.server";
import type { z } from "zod";
import { createDraft, draftExpiry, getDraft, saveAnswers, type Draft } from "./drafts.server";
import { offerResumeLink } from "./resume-mail.server";
import { canVisit, journey, previousStep, type Answers, type JourneyContext, type StepId } from "./journey";
import { resumePath, REVIEW_RETURN, stepPath } from "#app/routing/intake-paths";
import { assessAnswers, journeyContextOf, todayIn, type DraftAssessment } from "./reference.server";

export type StepArgs = { request: Request; context: AppLoadContext };

export type LoadedStep = {
  step: StepId;
  services: Services;
  draft: Draft | null;
  answers: Answers;
  assessment: DraftAssessment | null;
  journeyContext: JourneyContext;
  locale: Locale;
  t: Messages["intake"];
  today: string;
  changing: boolean;
  backPath: string;
  fmt: (iso: string) => string;
  /** Errors the final check at submit found on this step. */
  pendingErrors: FieldErrors | null;
};

export { REVIEW_RETURN };

/**
 * The guard every step's loader and action start with: finds the browser's draft, computes
 * the first-line check, and sends the resident to where they belong when this step is not
 * (yet) theirs to visit.
 */
export async function loadStep(
  step: StepId,
  { request, context }: StepArgs,
  options: { guard?: boolean; withAttachments?: boolean } = {},
): Promise<LoadedStep> {
  const services = context.services;
  const locale = getLocale(request);
  const draft = await getDraft(request, services, { withAttachments: options.withAttachments });
  if (draft?.submittedAt) throw redirect("/klacht/verzonden");
  if (!draft && step !== "municipality") throw redirect("/klacht");
  const answers = draft?.answers ?? {};
  const assessment = await assessAnswers(services, answers, draft ?? undefined);
  const journeyContext: JourneyContext = journeyContextOf(assessment);
  if (options.guard !== false && !canVisit(step, answers, journeyContext))
    throw redirect(resumePath(answers, journeyContext));
  const changing = new URL(request.url).searchParams.get("terug") === REVIEW_RETURN;
  const previous = previousStep(step, answers);
  return {
    step,
    services,
    draft,
    answers,
    assessment,
    journeyContext,
    locale,
    t: messagesFor(locale).intake,
    today: todayIn(services),
    changing,
    backPath: changing ? stepPath("review") : previous ? stepPath(previous) : "/",
    fmt: (iso) => formatDate(iso, locale),
    pendingErrors: draft?.reviewErrors?.find((e) => e.step === step)?.errors ?? null,
  };
}

/** Saves a step's answers and redirects to wherever the journey now leads. */
export async function completeStep(loaded: LoadedStep, patch: Partial<Answers>): Promise<Response> {
  const { services, locale } = loaded;
  const headers = new Headers();
  let draft = loaded.draft;
  if (!draft) {
    const created = await createDraft(services, locale);
    draft = created.draft;
    headers.append("Set-Cookie", created.cookie);
  }
  const answers = await saveAnswers(services, draft, patch, locale, loaded.step);
  // Once the form knows the resident's address, a link to finish later (once per address).
  const email = patch.contact?.email;
  if (email) await offerResumeLink(services, { id: draft.id, expiresAt: draftExpiry(services) }, email, locale);
  const assessment = await assessAnswers(services, answers);
  const ctx = journeyContextOf(assessment);
  const state = journey(answers, ctx);
  let target = resumePath(answers, ctx);
  if (loaded.changing && !state.exit && state.next !== "review") target += `?terug=${REVIEW_RETURN}`;
  return redirect(target, { headers });
}

export type StepActionData = { errors: FieldErrors; values: FormValues };

/** The common action: check the CSRF token and the guard, validate with the step's one schema, save. */
export async function handleStepPost(
  step: StepId,
  args: StepArgs,
  schema: (loaded: LoadedStep) => z.ZodType<Partial<Answers>> | Promise<z.ZodType<Partial<Answers>>>,
) {
  const formData = await readForm(args.request, args.context);
  const loaded = await loadStep(step, args);
  const parsed = parseForm(await schema(loaded), formData);
  if (!parsed.success) return data<StepActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  return completeStep(loaded, parsed.data);
}
