import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { DateStep } from "#app/components/intake/date-step";
import { useT } from "#app/i18n/i18n";
import { loadDateStep, type DateStepSchema } from "#app/intake/date-step.server";
import { handlingTermFor } from "#app/intake/reference.server";
import { PostponedDateSchema } from "#app/intake/schemas.server";
import { handleStepPost } from "#app/intake/step.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.postponedDate"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.postponedDate.title);

// A postponement must lie after the municipality's own (rolled-forward) term.
const schema: DateStepSchema = async (s) => {
  const term = await handlingTermFor(s.services, s.answers);
  return PostponedDateSchema(s.t, s.today, term?.deadline, s.fmt);
};

export function loader(args: LoaderFunctionArgs) {
  return loadDateStep("postponedDate", "postponedUntil", args, schema);
}

export function action(args: ActionFunctionArgs) {
  return handleStepPost("postponedDate", args, schema);
}

export default function PostponedDateStep() {
  const t = useT().intake.postponedDate;
  return <DateStep step="postponedDate" legend={t.title} hint={t.hint} />;
}
