import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/auth/session.server";
import { DOSSIER_URL_ROLES, recordDeniedAccess } from "#app/dossiers/access.server";
import { closingLetterDownload, closingLetterFor } from "#app/http/closing-letter.server";

/** The closing letter of a closed dossier, as a tagged PDF for the handler to post. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, DOSSIER_URL_ROLES);
  const number = params.number ?? "";
  const facts = await closingLetterFor(context, { number, actor: user });
  if (!facts) {
    await recordDeniedAccess(context.services.db, context, user, { route: "closing_letter", number });
    throw new Response("Not Found", { status: 404 });
  }
  return closingLetterDownload(context, user, facts);
}
