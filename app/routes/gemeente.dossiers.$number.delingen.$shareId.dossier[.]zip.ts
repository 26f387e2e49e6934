import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/auth/session.server";
import { recordDeniedAccess } from "#app/dossiers/access.server";
import { caseFileDownload } from "#app/http/case-file-download.server";
import { getShareCaseFile } from "#app/portal/case-file.server";

/**
 * One share of a dossier as a ZIP: a tagged PDF summary and the share's documents the officer may
 * still see. A share of another municipality, a malformed or unknown id: the same 404, audited.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, ["municipality_officer"]);
  const { db } = context.services;
  const number = params.number ?? "";
  const caseFile = await getShareCaseFile(db, user, { number, shareId: params.shareId ?? "" });
  if (!caseFile) {
    await recordDeniedAccess(db, context, user, { route: "portal.case_file", number });
    throw new Response("Not Found", { status: 404 });
  }
  return caseFileDownload(context, user, caseFile);
}
