import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "#app/i18n/i18n";
import { AnswerDateSchema, dateValues } from "#app/intake/schemas.server";
import { handleStepPost, loadStep, type StepActionData } from "#app/intake/step.server";
import { DateInput, StepPage } from "#app/components/intake/ui";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.answerDate"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.answerDate.title);

export async function loader(args: LoaderFunctionArgs) {
  const s = await loadStep("answerDate", args);
  return {
    values: dateValues(s.answers.answeredOn),
    backPath: s.backPath,
    changing: s.changing,
    errors: s.pendingErrors,
  };
}

export async function action(args: ActionFunctionArgs) {
  return handleStepPost("answerDate", args, (s) =>
    AnswerDateSchema(s.t, s.today, s.answers.complaintReceivedOn, s.fmt),
  );
}

export default function AnswerDateStep() {
  const t = useT().intake.answerDate;
  const { values, backPath, changing, errors: pending } = useLoaderData<typeof loader>();
  const result = useActionData<StepActionData>();
  const errors = result?.errors ?? pending;
  return (
    <StepPage step="answerDate" backPath={backPath} errors={errors} changing={changing}>
      <DateInput
        legend={t.title}
        asHeading
        hint={t.hint}
        error={errors?.day}
        values={(result?.values as typeof values | undefined) ?? values}
      />
    </StepPage>
  );
}
