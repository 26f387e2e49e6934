import type { ActionFunctionArgs } from "@remix-run/node";
import { requireAnswerUploadScope } from "#app/portal/answer-uploads.server";
import { jsonError, verifyCall } from "#app/uploads/api.server";

/** Step 3 for an answer: the server looks at the bytes before the file can go with the answer. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "method_not_allowed");
  return verifyCall(await requireAnswerUploadScope(request, context, params), params.uploadId);
}
