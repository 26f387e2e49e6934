import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "#app/i18n/i18n";
import { AnswerSchema } from "#app/intake/schemas.server";
import { handleStepPost, loadStep, type StepActionData } from "#app/intake/step.server";
import { RadioQuestion, StepPage } from "#app/intake/ui";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.answer"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.answer.title);

export async function loader(args: LoaderFunctionArgs) {
  const s = await loadStep("answer", args);
  return { value: s.answers.answerStatus, backPath: s.backPath, changing: s.changing, errors: s.pendingErrors };
}

export async function action(args: ActionFunctionArgs) {
  return handleStepPost("answer", args, (s) => AnswerSchema(s.t));
}

export default function AnswerStep() {
  const t = useT().intake.answer;
  const { value, backPath, changing, errors: pending } = useLoaderData<typeof loader>();
  const result = useActionData<StepActionData>();
  const errors = result?.errors ?? pending;
  return (
    <StepPage step="answer" backPath={backPath} errors={errors} changing={changing}>
      <RadioQuestion
        name="answerStatus"
        question={t.title}
        value={(result?.values.answerStatus as string | undefined) ?? value}
        error={errors?.answerStatus}
        choices={[
          { value: "answered", label: t.answered, hint: t.answeredHint },
          { value: "not_answered", label: t.notAnswered },
          { value: "postponed", label: t.postponed, hint: t.postponedHint },
        ]}
      />
    </StepPage>
  );
}
