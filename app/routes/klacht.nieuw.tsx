import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { clearDraftCookie, getDraft } from "#app/intake/drafts.server";

/** Starts a fresh complaint after a submitted one; an unfinished draft is kept and resumed instead. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const draft = await getDraft(request, context.services);
  if (draft && !draft.submittedAt) throw redirect("/klacht");
  throw redirect("/klacht/gemeente", { headers: { "Set-Cookie": clearDraftCookie(context.services) } });
}
