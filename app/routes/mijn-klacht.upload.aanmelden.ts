import type { ActionFunctionArgs } from "@remix-run/node";
import { requireResidentUploadScope } from "#app/residents/uploads.server";
import { jsonError, registerCall } from "#app/uploads/api.server";

/** Step 1 of a resident's browser upload on the status page (app/residents/uploads.server.ts). */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "method_not_allowed");
  return registerCall(request, context, await requireResidentUploadScope(request, context));
}
