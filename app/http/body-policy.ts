import { stepPath } from "#app/routing/intake-paths";

/**
 * Which request bodies each kind of route takes, and how many bytes of them. The HTTP layer
 * applies this before anything is buffered; routes never see a body outside it.
 */

export type MediaType = "urlencoded" | "multipart" | "json" | "other";

export type BodyLimits = {
  /** The resident's steps, sign-in and the account pages. */
  form: number;
  /** The back office's forms: a mail body alone may hold 10,000 characters. */
  staffForm: number;
  /** The uploader's register, sign and verify calls. */
  json: number;
  /** One post of the no-JavaScript upload steps: as much as a draft may still hold. */
  residentUpload: number;
  /** One document added by staff. */
  staffDocument: number;
  /** A municipality's answer to a request: its text and up to three documents. */
  portalAnswer: number;
};

const KB = 1024;
/** Room for the parts' headers and the small fields (CSRF token, intent, category) beside the files. */
const MULTIPART_OVERHEAD = 64 * KB;
/** The files one answer of a municipality may carry (ANSWER_SLOTS in app/dossiers/requests.ts). */
const PORTAL_ANSWER_FILES = 3;

export function bodyLimitsFor(uploads: { maxFileBytes: number; maxTotalBytes: number }): BodyLimits {
  return {
    // The longest resident step (complaint, 2,000 + 1,000 + 600 characters) is 32 KB even when
    // every character takes nine bytes urlencoded; 10,000 characters of mail body take 90 KB.
    form: 64 * KB,
    staffForm: 256 * KB,
    json: 16 * KB,
    residentUpload: uploads.maxTotalBytes + MULTIPART_OVERHEAD,
    staffDocument: uploads.maxFileBytes + MULTIPART_OVERHEAD,
    portalAnswer: PORTAL_ANSWER_FILES * uploads.maxFileBytes + MULTIPART_OVERHEAD,
  };
}

export type BodyPolicy = {
  /** How a refusal is answered: a page for forms, `{ error }` for the uploader's calls. */
  answer: "page" | "json";
  /**
   * Bytes accepted per media type; a type that is not listed is refused (415). `null`: the route
   * counts the bytes itself (the local upload transfer, whose refusal marks the upload).
   */
  accepts: Partial<Record<MediaType, number | null>>;
};

export function mediaTypeOf(contentType: string | null | undefined): MediaType | null {
  if (!contentType) return null;
  const essence = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  if (essence === "application/x-www-form-urlencoded") return "urlencoded";
  if (essence === "multipart/form-data") return "multipart";
  if (essence === "application/json") return "json";
  return "other";
}

const UPLOAD_STEPS = new Set([stepPath("attachments"), stepPath("mandate")]);
const UPLOAD_TRANSFER = /^\/klacht\/upload\/[^/]+$/;
const UPLOAD_API = /^\/klacht\/upload\/(?:aanmelden|ondertekenen|[^/]+\/controleren)$/;
const RESIDENT_UPLOAD_TRANSFER = /^\/mijn-klacht\/upload\/[^/]+$/;
const RESIDENT_UPLOAD_API = /^\/mijn-klacht\/upload\/(?:aanmelden|ondertekenen|[^/]+\/(?:controleren|verwijderen))$/;
const STAFF_DOSSIER = /^\/behandelaar\/dossiers\/[^/]+$/;
const STAFF = /^\/behandelaar(?:\/|$)/;
const PORTAL_REQUEST = /^\/gemeente\/dossiers\/[^/]+\/verzoeken\/[^/]+$/;
const PORTAL_UPLOAD = /^\/gemeente\/dossiers\/[^/]+\/verzoeken\/[^/]+\/upload\//;
const PORTAL_UPLOAD_TRANSFER = /^\/gemeente\/dossiers\/[^/]+\/verzoeken\/[^/]+\/upload\/[^/]+$/;
const PORTAL_UPLOAD_API =
  /^\/gemeente\/dossiers\/[^/]+\/verzoeken\/[^/]+\/upload\/(?:aanmelden|ondertekenen|[^/]+\/(?:controleren|verwijderen))$/;

/**
 * The path as Remix matches it: each segment decoded (an encoded slash stays inside its
 * segment), case-insensitive, without a trailing slash, and without the `.data` suffix of a
 * single-fetch call (`/_root.data` is the index route).
 */
export function routePath(pathname: string): string {
  let path = pathname
    .split("/")
    .map((segment) => {
      try {
        return decodeURIComponent(segment).replace(/\//g, "%2F");
      } catch {
        return segment;
      }
    })
    .join("/");
  path = path.toLowerCase();
  if (path === "/_root.data") return "/";
  if (path.endsWith(".data")) path = path.slice(0, -".data".length);
  if (path.length > 1 && path.endsWith("/")) path = path.replace(/\/+$/, "") || "/";
  return path;
}

/** The uploader's calls (the resident's on a draft or the status page, or an officer's for an answer): JSON, and the raw bytes of the local transfer. */
function uploadPolicy(method: string, path: string, transfer: RegExp, api: RegExp, limits: BodyLimits): BodyPolicy {
  if (method === "PUT" && transfer.test(path)) {
    return { answer: "json", accepts: { other: null, json: null, urlencoded: null, multipart: null } };
  }
  if (api.test(path)) return { answer: "json", accepts: { json: limits.json } };
  return { answer: "json", accepts: {} };
}

export function bodyPolicyFor(method: string, pathname: string, limits: BodyLimits): BodyPolicy {
  const path = routePath(pathname);
  if (path.startsWith("/klacht/upload/")) return uploadPolicy(method, path, UPLOAD_TRANSFER, UPLOAD_API, limits);
  if (path.startsWith("/mijn-klacht/upload/"))
    return uploadPolicy(method, path, RESIDENT_UPLOAD_TRANSFER, RESIDENT_UPLOAD_API, limits);
  if (PORTAL_UPLOAD.test(path)) return uploadPolicy(method, path, PORTAL_UPLOAD_TRANSFER, PORTAL_UPLOAD_API, limits);
  if (UPLOAD_STEPS.has(path)) return { answer: "page", accepts: { multipart: limits.residentUpload } };
  if (STAFF_DOSSIER.test(path))
    return { answer: "page", accepts: { urlencoded: limits.staffForm, multipart: limits.staffDocument } };
  if (STAFF.test(path)) return { answer: "page", accepts: { urlencoded: limits.staffForm } };
  // The resident's status page: its forms, and one document added later.
  if (path === "/mijn-klacht/dossier")
    return { answer: "page", accepts: { urlencoded: limits.form, multipart: limits.staffDocument } };
  if (PORTAL_REQUEST.test(path))
    return { answer: "page", accepts: { urlencoded: limits.staffForm, multipart: limits.portalAnswer } };
  return { answer: "page", accepts: { urlencoded: limits.form } };
}

/** The limit for a body of this type under the policy: a number, `null` (the route counts), or `undefined` (refused). */
export function limitFor(policy: BodyPolicy, type: MediaType | null): number | null | undefined {
  return policy.accepts[type ?? "other"];
}
