/**
 * The status page's address as every mail to a resident gives it: the page that asks for a link,
 * with the dossier number filled in (not a secret: the resident still needs their address, and
 * the link goes only there). A sign-in link itself is never put in a stored mail body, which staff
 * can read on the dossier page. A dossier number (OMA-2026-00042) needs no escaping in a query.
 */
export const statusPageUrl = (publicUrl: string, number: string) => `${publicUrl}/mijn-klacht?nummer=${number}`;

/** The number the status page's link carries, when it looks like one. */
export function numberFromQuery(url: URL): string {
  const n = (url.searchParams.get("nummer") ?? "").trim().toUpperCase();
  return /^OMA-\d{4}-\d{5}$/.test(n) ? n : "";
}

/** Where the status page's uploader sends its calls (register, sign, transfer, verify, remove). */
export const RESIDENT_UPLOAD_PATH = "/mijn-klacht/upload";
