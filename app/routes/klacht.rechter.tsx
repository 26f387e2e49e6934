import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useT } from "#app/i18n/i18n";
import { loadChoiceStep } from "#app/intake/choice-step.server";
import { CourtSchema } from "#app/intake/schemas.server";
import { handleStepPost } from "#app/intake/step.server";
import { ChoiceStep } from "#app/components/intake/choice-step";
import { useYesNo } from "#app/components/intake/ui";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.court"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.court.title);

export function loader(args: LoaderFunctionArgs) {
  return loadChoiceStep("court", "courtCase", args);
}

export function action(args: ActionFunctionArgs) {
  return handleStepPost("court", args, (s) => CourtSchema(s.t));
}

export default function CourtStep() {
  const t = useT().intake.court;
  const yesNo = useYesNo();
  return <ChoiceStep step="court" name="courtCase" question={t.title} hint={t.hint} choices={yesNo} />;
}
