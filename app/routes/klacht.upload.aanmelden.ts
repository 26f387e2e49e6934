import type { ActionFunctionArgs } from "@remix-run/node";
import { jsonError, readJson, refusalResponse, RegisterSchema, requireUploadScope } from "#app/uploads/api.server";
import { registerUpload } from "#app/uploads/uploads.server";

/** Step 1 of a browser upload: the server checks the file's name, type and size and chooses where it goes. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "method_not_allowed");
  const scope = await requireUploadScope(request, context);
  const parsed = RegisterSchema.safeParse(await readJson(request));
  if (!parsed.success) return jsonError(400, "invalid_request");
  const registered = await registerUpload(scope, parsed.data);
  if (!registered.ok) return refusalResponse(scope, registered);
  const { upload } = registered;
  return Response.json(
    {
      id: upload.id,
      key: upload.storageKey,
      contentType: upload.declaredType,
      transport: context.services.presign ? "s3" : "local",
      endpoint: context.services.presign ? null : `/klacht/upload/${upload.id}`,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
