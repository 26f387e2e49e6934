import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "#app/i18n/i18n";
import { TopicSchema } from "#app/intake/schemas.server";
import { handleStepPost, loadStep, type StepActionData } from "#app/intake/step.server";
import { RadioQuestion, StepPage } from "#app/intake/ui";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.topic"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.topic.title);

export async function loader(args: LoaderFunctionArgs) {
  const s = await loadStep("topic", args);
  return { value: s.answers.topic, backPath: s.backPath, changing: s.changing, errors: s.pendingErrors };
}

export async function action(args: ActionFunctionArgs) {
  return handleStepPost("topic", args, (s) => TopicSchema(s.t));
}

export default function TopicStep() {
  const t = useT().intake.topic;
  const { value, backPath, changing, errors: pending } = useLoaderData<typeof loader>();
  const result = useActionData<StepActionData>();
  const errors = result?.errors ?? pending;
  return (
    <StepPage step="topic" backPath={backPath} errors={errors} changing={changing}>
      <RadioQuestion
        name="topic"
        question={t.title}
        value={(result?.values.topic as string | undefined) ?? value}
        error={errors?.topic}
        choices={[
          { value: "conduct", label: t.conduct, hint: t.conductHint },
          { value: "decision", label: t.decision, hint: t.decisionHint },
          { value: "public_space", label: t.publicSpace, hint: t.publicSpaceHint },
          { value: "damages", label: t.damages },
          { value: "care_provider", label: t.careProvider },
        ]}
      />
    </StepPage>
  );
}
