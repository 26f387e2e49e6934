import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useT } from "#app/i18n/i18n";
import { loadChoiceStep } from "#app/intake/choice-step.server";
import { AnswerSchema } from "#app/intake/schemas.server";
import { handleStepPost } from "#app/intake/step.server";
import { ChoiceStep } from "#app/components/intake/choice-step";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.answer"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.answer.title);

export function loader(args: LoaderFunctionArgs) {
  return loadChoiceStep("answer", "answerStatus", args);
}

export function action(args: ActionFunctionArgs) {
  return handleStepPost("answer", args, (s) => AnswerSchema(s.t));
}

export default function AnswerStep() {
  const t = useT().intake.answer;
  return (
    <ChoiceStep
      step="answer"
      name="answerStatus"
      question={t.title}
      choices={[
        { value: "answered", label: t.answered, hint: t.answeredHint },
        { value: "not_answered", label: t.notAnswered },
        { value: "postponed", label: t.postponed, hint: t.postponedHint },
      ]}
    />
  );
}
