import type { ActionFunctionArgs } from "@remix-run/node";
import { jsonError, refusalResponse, requireUploadScope } from "#app/uploads/api.server";
import { ownUpload, verifiedAttachment, verifyUpload } from "#app/uploads/uploads.server";

/** Step 3: nothing counts until the server has looked at the bytes. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "method_not_allowed");
  const scope = await requireUploadScope(request, context);
  const upload = await ownUpload(scope, params.uploadId);
  if (!upload) return jsonError(404, "unknown_upload");
  // A retried request gets the same answer as the first, never "gone" for a file that was added.
  if (upload.status === "verified" && upload.attachmentId) {
    const attachment = await verifiedAttachment(scope, upload.attachmentId);
    if (attachment) return Response.json(attachment, { headers: { "Cache-Control": "no-store" } });
  }
  if (upload.status === "verifying")
    return refusalResponse(scope, { ok: false, status: 409, code: "verifying", fileName: upload.fileName });
  // A refused upload is gone for good: the resident adds the file again.
  if (upload.status !== "pending") return jsonError(404, "unknown_upload");
  const verified = await verifyUpload(scope, upload);
  if (!verified.ok) return refusalResponse(scope, verified);
  return Response.json(verified.attachment, { headers: { "Cache-Control": "no-store" } });
}
