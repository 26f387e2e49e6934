import type { ActionFunctionArgs } from "@remix-run/node";
import { jsonError, requireUploadScope, verifyCall } from "#app/uploads/api.server";

/** Step 3 on the resident's draft: the server looks at the bytes before the file counts. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "method_not_allowed");
  return verifyCall(await requireUploadScope(request, context), params.uploadId);
}
