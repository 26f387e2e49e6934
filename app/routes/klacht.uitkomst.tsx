import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { AppForm } from "#app/components/forms";
import { Alert, Button, Heading, Paragraph } from "#app/components/ui";
import { OMBUDSMAN_PHONE } from "#app/config/contact";
import { formatDate, interpolate, useI18n } from "#app/i18n/i18n";
import { describeSkippedDays } from "#app/intake/explain";
import { stepPath } from "#app/routing/intake-paths";
import { completeStep, loadStep } from "#app/intake/step.server";
import { StepPage } from "#app/components/intake/ui";
import { readForm } from "#app/utils/forms.server";
import { rootMessages } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.outcome"] };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const t = rootMessages(matches);
  if (!t || !data) return [{ title: "Ombudsman Metropool Amsterdam" }];
  const title =
    data.outcome === "eligible"
      ? t.intake.outcome.titleEligible
      : data.outcome === "too_early"
        ? t.intake.outcome.titleTooEarly
        : t.intake.outcome.titleExpired;
  return [{ title: `${title} - ${t.meta.titleSuffix}` }];
};

export async function loader(args: LoaderFunctionArgs) {
  const s = await loadStep("outcome", args);
  const a = s.assessment;
  if (!a || a.result.outcome === "invalid" || a.result.outcome === "first_line_required") {
    // The dates no longer add up (say, the holiday table changed): ask for them again.
    throw redirect(stepPath("receivedOn"));
  }
  return {
    outcome: a.result.outcome,
    ground: a.result.ground ?? null,
    receivedOn: s.answers.complaintReceivedOn!,
    answeredOn: s.answers.answerStatus === "answered" ? (s.answers.answeredOn ?? null) : null,
    postponedUntil: s.answers.answerStatus === "postponed" ? (s.answers.postponedUntil ?? null) : null,
    handlingWeeks: a.handlingWeeks,
    handlingDeadline: a.result.handlingDeadline!,
    nominal: a.explanation?.nominal ?? a.result.handlingDeadline!,
    computedTerm: a.explanation?.deadline ?? a.result.handlingDeadline!,
    skipped: (a.explanation?.skipped ?? []).map((d) => ({
      ...d,
      equated: a.holidays.some((h) => h.day === d.day && h.kind === "equated"),
    })),
    // The tense follows the date: a term that has passed "eindigde", one still to come "eindigt".
    termPassed: (a.explanation?.deadline ?? a.result.handlingDeadline!) < a.today,
    eligibleFrom: a.result.eligibleFrom ?? null,
    windowEndsOn: a.result.windowEndsOn ?? null,
    backPath: s.backPath,
  };
}

export async function action(args: ActionFunctionArgs) {
  await readForm(args.request, args.context);
  const s = await loadStep("outcome", args);
  if (s.assessment?.result.outcome !== "eligible") throw redirect(stepPath("outcome"));
  return completeStep(s, { outcomeAcknowledged: true });
}

export default function OutcomeStep() {
  const { messages, locale } = useI18n();
  const t = messages.intake.outcome;
  const d = useLoaderData<typeof loader>();
  const date = (iso: string) => formatDate(iso, locale, true);
  const termSentence =
    d.skipped.length > 0
      ? interpolate(d.termPassed ? t.termMovedPast : t.termMoved, {
          weeks: d.handlingWeeks,
          nominal: date(d.nominal),
          skipped: describeSkippedDays(d.skipped, t, locale),
          date: date(d.computedTerm),
        })
      : interpolate(d.termPassed ? t.termPast : t.term, { weeks: d.handlingWeeks, date: date(d.computedTerm) });
  const facts = (
    <>
      <Paragraph>{interpolate(t.received, { date: date(d.receivedOn) })}</Paragraph>
      <Paragraph>{termSentence}</Paragraph>
      {d.postponedUntil ? <Paragraph>{interpolate(t.postponed, { date: date(d.postponedUntil) })}</Paragraph> : null}
      {d.answeredOn ? <Paragraph>{interpolate(t.answered, { date: date(d.answeredOn) })}</Paragraph> : null}
    </>
  );

  if (d.outcome === "eligible") {
    return (
      <StepPage step="outcome" backPath={d.backPath} noForm>
        <Heading level={1}>{t.titleEligible}</Heading>
        {facts}
        <Alert type="ok">
          <Paragraph>{d.ground === "answered" ? t.groundAnswered : t.groundNoAnswer}</Paragraph>
          {d.windowEndsOn ? <Paragraph>{interpolate(t.window, { date: date(d.windowEndsOn) })}</Paragraph> : null}
        </Alert>
        <AppForm>
          <Button>{messages.intake.continue}</Button>
        </AppForm>
      </StepPage>
    );
  }

  const tooEarly = d.outcome === "too_early";
  return (
    <StepPage step="outcome" backPath={d.backPath} noForm>
      <Heading level={1}>{tooEarly ? t.titleTooEarly : t.titleExpired}</Heading>
      {facts}
      <Alert type="warning">
        {tooEarly ? (
          <>
            <Paragraph>
              {interpolate(t.tooEarly, {
                deadline: date(d.handlingDeadline),
                from: date(d.eligibleFrom ?? d.handlingDeadline),
              })}
            </Paragraph>
            <Paragraph>{t.tooEarlyTip}</Paragraph>
          </>
        ) : (
          <>
            <Paragraph>{interpolate(t.expired, { date: date(d.windowEndsOn ?? d.handlingDeadline) })}</Paragraph>
            <Paragraph>{d.ground === "answered" ? t.expiredWhyAnswered : t.expiredWhyNoAnswer}</Paragraph>
            <Paragraph>{interpolate(t.expiredException, { phone: OMBUDSMAN_PHONE })}</Paragraph>
          </>
        )}
      </Alert>
      <ul className="oma-link-list">
        <li>
          <RemixLink className="utrecht-link" to={stepPath("receivedOn")}>
            {t.changeAnswers}
          </RemixLink>
        </li>
        <li>
          <RemixLink className="utrecht-link" to="/">
            {t.backToStart}
          </RemixLink>
        </li>
      </ul>
    </StepPage>
  );
}
