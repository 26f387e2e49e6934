import type { ActionFunctionArgs } from "@remix-run/node";
import { requireAnswerUploadScope } from "#app/portal/answer-uploads.server";
import { jsonError, registerCall } from "#app/uploads/api.server";

/** Step 1 of an officer's browser upload for an answer (app/portal/answer-uploads.server.ts). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "method_not_allowed");
  return registerCall(request, context, await requireAnswerUploadScope(request, context, params));
}
