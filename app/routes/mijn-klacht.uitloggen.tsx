import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearResidentCookie, endResidentSession, getResidentSession } from "#app/residents/access.server";
import { readForm } from "#app/utils/forms.server";

/** Ends the resident's session (POST only; a GET goes back to the link form). */
export async function action({ request, context }: ActionFunctionArgs) {
  await readForm(request, context);
  const state = await getResidentSession(request, context);
  if (state.session) await endResidentSession(context.services.db, state.session.sessionId);
  return redirect("/mijn-klacht?uitgelogd=1", { headers: { "Set-Cookie": clearResidentCookie(context) } });
}

export const loader = () => redirect("/mijn-klacht");
