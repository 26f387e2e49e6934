import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useT } from "#app/i18n/i18n";
import { loadChoiceStep } from "#app/intake/choice-step.server";
import { TopicSchema } from "#app/intake/schemas.server";
import { handleStepPost } from "#app/intake/step.server";
import { ChoiceStep } from "#app/components/intake/choice-step";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.topic"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.topic.title);

export function loader(args: LoaderFunctionArgs) {
  return loadChoiceStep("topic", "topic", args);
}

export function action(args: ActionFunctionArgs) {
  return handleStepPost("topic", args, (s) => TopicSchema(s.t));
}

export default function TopicStep() {
  const t = useT().intake.topic;
  return (
    <ChoiceStep
      step="topic"
      name="topic"
      question={t.title}
      choices={[
        { value: "conduct", label: t.conduct, hint: t.conductHint },
        { value: "decision", label: t.decision, hint: t.decisionHint },
        { value: "public_space", label: t.publicSpace, hint: t.publicSpaceHint },
        { value: "damages", label: t.damages },
        { value: "care_provider", label: t.careProvider },
      ]}
    />
  );
}
