import type { ActionFunctionArgs } from "@remix-run/node";
import { requireResidentUploadScope } from "#app/residents/uploads.server";
import { jsonError, signCall } from "#app/uploads/api.server";

/** Step 2 with S3 on the status page: one signed request for the bucket. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (!context.services.presign) return jsonError(404, "not_available");
  return signCall(request, context, await requireResidentUploadScope(request, context));
}
