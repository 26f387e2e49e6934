import type { ActionFunctionArgs } from "@remix-run/node";
import { jsonError, requireUploadScope, signCall } from "#app/uploads/api.server";

/** Step 2 with S3 on the resident's draft: one signed request for the bucket. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (!context.services.presign) return jsonError(404, "not_available");
  return signCall(request, context, await requireUploadScope(request, context));
}
