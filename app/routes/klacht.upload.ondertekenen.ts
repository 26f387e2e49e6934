import type { ActionFunctionArgs } from "@remix-run/node";
import { jsonError, readJson, requireUploadScope, UppyRequestSchema } from "#app/uploads/api.server";
import { uppyRequestToPresign } from "#app/uploads/uploads.server";

/**
 * Step 2 with S3: signs one request for the bucket, only for the key the server gave this
 * draft's pending upload. Part numbers are bounded by the declared size.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (!context.services.presign) return jsonError(404, "not_available");
  const scope = await requireUploadScope(request, context);
  const parsed = UppyRequestSchema.safeParse(await readJson(request));
  if (!parsed.success) return jsonError(400, "invalid_request");
  const signable = await uppyRequestToPresign(scope, parsed.data);
  if (!signable) return jsonError(403, "not_allowed");
  const signed = await context.services.presign(signable);
  return Response.json({ ...signed, key: signable.key }, { headers: { "Cache-Control": "no-store" } });
}
