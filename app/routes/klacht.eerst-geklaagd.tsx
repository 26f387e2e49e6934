import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "#app/i18n/i18n";
import { FirstLineSchema } from "#app/intake/schemas.server";
import { handleStepPost, loadStep, type StepActionData } from "#app/intake/step.server";
import { RadioQuestion, StepPage, useYesNo } from "#app/intake/ui";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.firstLine"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.firstLine.title);

export async function loader(args: LoaderFunctionArgs) {
  const s = await loadStep("firstLine", args);
  return { value: s.answers.complainedFirst, backPath: s.backPath, changing: s.changing, errors: s.pendingErrors };
}

export async function action(args: ActionFunctionArgs) {
  return handleStepPost("firstLine", args, (s) => FirstLineSchema(s.t));
}

export default function FirstLineStep() {
  const t = useT().intake.firstLine;
  const yesNo = useYesNo();
  const { value, backPath, changing, errors: pending } = useLoaderData<typeof loader>();
  const result = useActionData<StepActionData>();
  const errors = result?.errors ?? pending;
  return (
    <StepPage step="firstLine" backPath={backPath} errors={errors} changing={changing}>
      <RadioQuestion name="complainedFirst" question={t.title} hint={t.hint} value={(result?.values.complainedFirst as string | undefined) ?? value} error={errors?.complainedFirst} choices={yesNo} />
    </StepPage>
  );
}
