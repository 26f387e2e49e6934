import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "#app/i18n/i18n";
import { CourtSchema } from "#app/intake/schemas.server";
import { handleStepPost, loadStep, type StepActionData } from "#app/intake/step.server";
import { RadioQuestion, StepPage, useYesNo } from "#app/intake/ui";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.court"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.court.title);

export async function loader(args: LoaderFunctionArgs) {
  const s = await loadStep("court", args);
  return { value: s.answers.courtCase, backPath: s.backPath, changing: s.changing, errors: s.pendingErrors };
}

export async function action(args: ActionFunctionArgs) {
  return handleStepPost("court", args, (s) => CourtSchema(s.t));
}

export default function CourtStep() {
  const t = useT().intake.court;
  const yesNo = useYesNo();
  const { value, backPath, changing, errors: pending } = useLoaderData<typeof loader>();
  const result = useActionData<StepActionData>();
  const errors = result?.errors ?? pending;
  return (
    <StepPage step="court" backPath={backPath} errors={errors} changing={changing}>
      <RadioQuestion name="courtCase" question={t.title} hint={t.hint} value={(result?.values.courtCase as string | undefined) ?? value} error={errors?.courtCase} choices={yesNo} />
    </StepPage>
  );
}
