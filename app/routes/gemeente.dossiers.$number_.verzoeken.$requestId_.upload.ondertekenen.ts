import type { ActionFunctionArgs } from "@remix-run/node";
import { requireAnswerUploadScope } from "#app/portal/answer-uploads.server";
import { jsonError, signCall } from "#app/uploads/api.server";

/** Step 2 with S3 for an answer: one signed request for the bucket. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (!context.services.presign) return jsonError(404, "not_available");
  return signCall(request, context, await requireAnswerUploadScope(request, context, params));
}
