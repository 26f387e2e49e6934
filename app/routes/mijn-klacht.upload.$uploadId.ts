import type { ActionFunctionArgs } from "@remix-run/node";
import { requireResidentUploadScope } from "#app/residents/uploads.server";
import { jsonError, transferCall } from "#app/uploads/api.server";

/** Step 2 with local storage on the status page: the file's bytes, streamed. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PUT") return jsonError(405, "method_not_allowed");
  if (context.services.presign) return jsonError(404, "not_available");
  return transferCall(request, await requireResidentUploadScope(request, context), params.uploadId);
}
