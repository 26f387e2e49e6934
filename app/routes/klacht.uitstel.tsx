import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "#app/i18n/i18n";
import { handlingTermFor } from "#app/intake/reference.server";
import { dateValues, PostponedDateSchema } from "#app/intake/schemas.server";
import { handleStepPost, loadStep, type StepActionData } from "#app/intake/step.server";
import { DateInput, StepPage } from "#app/components/intake/ui";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.postponedDate"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.postponedDate.title);

export async function loader(args: LoaderFunctionArgs) {
  const s = await loadStep("postponedDate", args);
  return {
    values: dateValues(s.answers.postponedUntil),
    backPath: s.backPath,
    changing: s.changing,
    errors: s.pendingErrors,
  };
}

export async function action(args: ActionFunctionArgs) {
  return handleStepPost("postponedDate", args, async (s) => {
    const term = await handlingTermFor(s.services, s.answers);
    return PostponedDateSchema(s.t, s.today, term?.deadline, s.fmt);
  });
}

export default function PostponedDateStep() {
  const t = useT().intake.postponedDate;
  const { values, backPath, changing, errors: pending } = useLoaderData<typeof loader>();
  const result = useActionData<StepActionData>();
  const errors = result?.errors ?? pending;
  return (
    <StepPage step="postponedDate" backPath={backPath} errors={errors} changing={changing}>
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
