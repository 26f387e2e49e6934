import type { ActionFunctionArgs } from "@remix-run/node";
import { requireResidentUploadScope } from "#app/residents/uploads.server";
import { jsonError, verifyCall } from "#app/uploads/api.server";

/** Step 3 on the status page: the server looks at the bytes before the file can be added. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "method_not_allowed");
  return verifyCall(await requireResidentUploadScope(request, context), params.uploadId);
}
