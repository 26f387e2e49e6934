import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { DateStep } from "#app/components/intake/date-step";
import { useT } from "#app/i18n/i18n";
import { loadDateStep, type DateStepSchema } from "#app/intake/date-step.server";
import { ReceivedOnSchema } from "#app/intake/schemas.server";
import { handleStepPost } from "#app/intake/step.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.receivedOn"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.receivedOn.title);

const schema: DateStepSchema = (s) => ReceivedOnSchema(s.t, s.today);

export function loader(args: LoaderFunctionArgs) {
  return loadDateStep("receivedOn", "complaintReceivedOn", args, schema);
}

export function action(args: ActionFunctionArgs) {
  return handleStepPost("receivedOn", args, schema);
}

export default function ReceivedOnStep() {
  const t = useT().intake.receivedOn;
  return <DateStep step="receivedOn" legend={t.title} hint={t.hint} />;
}
