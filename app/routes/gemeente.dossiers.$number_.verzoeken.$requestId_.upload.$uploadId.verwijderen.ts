import type { ActionFunctionArgs } from "@remix-run/node";
import { requireAnswerUploadScope } from "#app/portal/answer-uploads.server";
import { jsonError, removeCall } from "#app/uploads/api.server";

/** The officer takes a checked file off the answer before sending it. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "method_not_allowed");
  return removeCall(await requireAnswerUploadScope(request, context, params), params.uploadId);
}
