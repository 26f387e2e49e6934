import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { DateStep } from "#app/components/intake/date-step";
import { useT } from "#app/i18n/i18n";
import { loadDateStep, type DateStepSchema } from "#app/intake/date-step.server";
import { AnswerDateSchema } from "#app/intake/schemas.server";
import { handleStepPost } from "#app/intake/step.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.answerDate"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.answerDate.title);

const schema: DateStepSchema = (s) => AnswerDateSchema(s.t, s.today, s.answers.complaintReceivedOn, s.fmt);

export function loader(args: LoaderFunctionArgs) {
  return loadDateStep("answerDate", "answeredOn", args, schema);
}

export function action(args: ActionFunctionArgs) {
  return handleStepPost("answerDate", args, schema);
}

export default function AnswerDateStep() {
  const t = useT().intake.answerDate;
  return <DateStep step="answerDate" legend={t.title} hint={t.hint} />;
}
