import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useT } from "#app/i18n/i18n";
import { loadChoiceStep } from "#app/intake/choice-step.server";
import { ForWhomSchema } from "#app/intake/schemas.server";
import { handleStepPost } from "#app/intake/step.server";
import { ChoiceStep } from "#app/components/intake/choice-step";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.forWhom"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.forWhom.title);

export function loader(args: LoaderFunctionArgs) {
  return loadChoiceStep("forWhom", "forWhom", args);
}

export function action(args: ActionFunctionArgs) {
  return handleStepPost("forWhom", args, (s) => ForWhomSchema(s.t));
}

export default function ForWhomStep() {
  const t = useT().intake.forWhom;
  return (
    <ChoiceStep
      step="forWhom"
      name="forWhom"
      question={t.title}
      choices={[
        { value: "self", label: t.self },
        { value: "other", label: t.other, hint: t.otherHint },
      ]}
    />
  );
}
