import type { ActionFunctionArgs } from "@remix-run/node";
import { requireResidentUploadScope } from "#app/residents/uploads.server";
import { jsonError, removeCall } from "#app/uploads/api.server";

/** The resident takes a checked file off the form before adding it. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "method_not_allowed");
  return removeCall(await requireResidentUploadScope(request, context), params.uploadId);
}
