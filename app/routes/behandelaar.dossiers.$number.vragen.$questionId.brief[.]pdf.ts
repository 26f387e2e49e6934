import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/auth/session.server";
import { DOSSIER_URL_ROLES, recordDeniedAccess } from "#app/dossiers/access.server";
import { questionLetterDownload } from "#app/http/question-letter.server";
import { questionLetterFor } from "#app/residents/questions.server";

/** The letter with a question to the resident, as a tagged PDF for the handler to send by post. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, DOSSIER_URL_ROLES);
  const number = params.number ?? "";
  const questionId = params.questionId ?? "";
  const letter = await questionLetterFor(context.services.db, { number, questionId, actor: user });
  if (!letter) {
    await recordDeniedAccess(context.services.db, context, user, { route: "question_letter", number, questionId });
    throw new Response("Not Found", { status: 404 });
  }
  return questionLetterDownload(context, user, letter);
}
