import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { clearDraftCookie, getDraft, hasStaleDraftCookie } from "#app/intake/drafts.server";
import { resumePath } from "#app/routing/intake-paths";
import { assessAnswers, journeyContextOf } from "#app/intake/reference.server";

/** /klacht: start, or carry on where the resident left off. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  const draft = await getDraft(request, services);
  if (hasStaleDraftCookie(request, draft)) {
    throw redirect("/klacht/gemeente?verlopen=1", { headers: { "Set-Cookie": clearDraftCookie(services) } });
  }
  if (!draft) throw redirect("/klacht/gemeente");
  if (draft.submittedAt) throw redirect("/klacht/verzonden");
  const assessment = await assessAnswers(services, draft.answers);
  throw redirect(resumePath(draft.answers, journeyContextOf(assessment)));
}
