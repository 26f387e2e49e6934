import type { ActionFunctionArgs } from "@remix-run/node";
import { jsonError, refusalResponse, requireUploadScope } from "#app/uploads/api.server";
import { pendingUpload, receiveBytes, refuseTooLarge } from "#app/uploads/uploads.server";

/**
 * Step 2 with local storage: the file's bytes, streamed from the request straight into
 * storage (never held in memory), cut off at the size limit.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PUT") return jsonError(405, "method_not_allowed");
  if (context.services.presign) return jsonError(404, "not_available");
  const scope = await requireUploadScope(request, context);
  const upload = await pendingUpload(scope, { id: params.uploadId });
  if (!upload) return jsonError(404, "unknown_upload");
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > context.services.env.uploads.maxFileBytes) {
    // Refused before reading: the browser learns at once instead of after sending 25 MB too many.
    const refused = await refuseTooLarge(scope, upload);
    return refusalResponse(scope, refused);
  }
  if (!request.body) return jsonError(400, "empty_body");
  const received = await receiveBytes(scope, upload, request.body as unknown as AsyncIterable<Uint8Array>);
  if (!received.ok) return refusalResponse(scope, received);
  return Response.json({ id: upload.id }, { headers: { "Cache-Control": "no-store" } });
}
