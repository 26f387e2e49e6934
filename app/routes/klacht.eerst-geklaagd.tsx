import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useT } from "#app/i18n/i18n";
import { loadChoiceStep } from "#app/intake/choice-step.server";
import { FirstLineSchema } from "#app/intake/schemas.server";
import { handleStepPost } from "#app/intake/step.server";
import { ChoiceStep } from "#app/components/intake/choice-step";
import { useYesNo } from "#app/components/intake/ui";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.firstLine"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.firstLine.title);

export function loader(args: LoaderFunctionArgs) {
  return loadChoiceStep("firstLine", "complainedFirst", args);
}

export function action(args: ActionFunctionArgs) {
  return handleStepPost("firstLine", args, (s) => FirstLineSchema(s.t));
}

export default function FirstLineStep() {
  const t = useT().intake.firstLine;
  const yesNo = useYesNo();
  return <ChoiceStep step="firstLine" name="complainedFirst" question={t.title} hint={t.hint} choices={yesNo} />;
}
