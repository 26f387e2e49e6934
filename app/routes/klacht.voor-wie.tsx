import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "#app/i18n/i18n";
import { ForWhomSchema } from "#app/intake/schemas.server";
import { handleStepPost, loadStep, type StepActionData } from "#app/intake/step.server";
import { RadioQuestion, StepPage } from "#app/intake/ui";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.forWhom"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.forWhom.title);

export async function loader(args: LoaderFunctionArgs) {
  const s = await loadStep("forWhom", args);
  return { value: s.answers.forWhom, backPath: s.backPath, changing: s.changing, errors: s.pendingErrors };
}

export async function action(args: ActionFunctionArgs) {
  return handleStepPost("forWhom", args, (s) => ForWhomSchema(s.t));
}

export default function ForWhomStep() {
  const t = useT().intake.forWhom;
  const { value, backPath, changing, errors: pending } = useLoaderData<typeof loader>();
  const result = useActionData<StepActionData>();
  const errors = result?.errors ?? pending;
  return (
    <StepPage step="forWhom" backPath={backPath} errors={errors} changing={changing}>
      <RadioQuestion
        name="forWhom"
        question={t.title}
        value={(result?.values.forWhom as string | undefined) ?? value}
        error={errors?.forWhom}
        choices={[
          { value: "self", label: t.self },
          { value: "other", label: t.other, hint: t.otherHint },
        ]}
      />
    </StepPage>
  );
}
