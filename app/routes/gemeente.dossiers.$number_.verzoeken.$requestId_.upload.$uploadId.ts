import type { ActionFunctionArgs } from "@remix-run/node";
import { requireAnswerUploadScope } from "#app/portal/answer-uploads.server";
import { jsonError, transferCall } from "#app/uploads/api.server";

/** Step 2 with local storage for an answer: the file's bytes, streamed. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PUT") return jsonError(405, "method_not_allowed");
  if (context.services.presign) return jsonError(404, "not_available");
  return transferCall(request, await requireAnswerUploadScope(request, context, params), params.uploadId);
}
