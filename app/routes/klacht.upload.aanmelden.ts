import type { ActionFunctionArgs } from "@remix-run/node";
import { jsonError, registerCall, requireUploadScope } from "#app/uploads/api.server";

/** Step 1 of a browser upload on the resident's draft (app/uploads/api.server.ts). */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "method_not_allowed");
  return registerCall(request, context, await requireUploadScope(request, context));
}
