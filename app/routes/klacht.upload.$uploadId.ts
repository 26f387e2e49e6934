import type { ActionFunctionArgs } from "@remix-run/node";
import { jsonError, requireUploadScope, transferCall } from "#app/uploads/api.server";

/** Step 2 with local storage on the resident's draft: the file's bytes, streamed. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PUT") return jsonError(405, "method_not_allowed");
  if (context.services.presign) return jsonError(404, "not_available");
  return transferCall(request, await requireUploadScope(request, context), params.uploadId);
}
