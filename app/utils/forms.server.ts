import type { z } from "zod";
import { mediaTypeOf } from "#app/http/body-policy";
import { refusalError } from "#app/http/refusal.server";
import { CSRF_COOKIE, CSRF_FIELD, isValidCsrfToken } from "#app/security/csrf.server";
import { readCookie } from "#app/utils/cookies.server";
import type { RequestContext } from "#app/utils/services.server";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

export type ParseResult<T> = { success: true; data: T } | { success: false; errors: FieldErrors; values: FormValues };

/**
 * Reads a posted form and checks its CSRF token; every action starts here. A missing or
 * wrong token is a 403, never a silent success. The HTTP layer has already limited the body
 * and removed control characters (app/http/); a body of another type is a 415 here too, for
 * callers that come in another way.
 */
export async function readForm(request: Request, context: Pick<RequestContext, "services">): Promise<FormData> {
  let formData = new FormData();
  if (request.body !== null) {
    if (mediaTypeOf(request.headers.get("content-type")) !== "urlencoded") {
      throw refusalError(request, "unsupported_type", "this form takes application/x-www-form-urlencoded");
    }
    try {
      formData = await request.formData();
    } catch {
      throw refusalError(request, "bad_request", "the form could not be read");
    }
  }
  assertCsrf(request, formData.get(CSRF_FIELD), context);
  return formData;
}

/** The answer to a post without a valid CSRF token. */
export function csrfForbidden(): Response {
  return new Response("Forbidden: invalid or missing CSRF token", { status: 403, statusText: "CSRF" });
}

export function assertCsrf(request: Request, token: unknown, context: Pick<RequestContext, "services">): void {
  const seed = readCookie(request.headers.get("cookie"), CSRF_COOKIE);
  if (!isValidCsrfToken(seed, token, context.services.env.sessionSecret)) {
    throw csrfForbidden();
  }
}

/** FormData as a plain object: repeated names become arrays, the CSRF field is dropped. */
export function formDataToObject(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const out: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key === CSRF_FIELD) continue;
    const all = formData.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

/** Validates a form against its one Zod schema; errors are keyed by field name, first message wins. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData | Record<string, string | undefined>,
): ParseResult<z.infer<S>> {
  const raw = formData instanceof FormData ? formDataToObject(formData) : formData;
  const result = schema.safeParse(raw);
  if (result.success) return { success: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    errors[key] ??= issue.message;
  }
  const values: FormValues = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === "string") values[key] = value;
    else if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === "string");
  }
  return { success: false, errors, values };
}
