import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Signed double-submit CSRF tokens: a random value in an httpOnly cookie, and in every
 * form the HMAC of that value under the session secret. A cross-site page can neither
 * read the cookie nor compute the token. The server also refuses cross-site posts by
 * their Origin / Sec-Fetch-Site headers (see csrfOriginGuard).
 */

export const CSRF_COOKIE = "oma_csrf";
export const CSRF_FIELD = "_csrf";

export function newCsrfSeed(): string {
  return randomBytes(32).toString("base64url");
}

export function csrfTokenFor(seed: string, secret: string): string {
  return createHmac("sha256", secret).update(`csrf:${seed}`).digest("base64url");
}

export function isValidCsrfToken(seed: string | undefined, token: unknown, secret: string): boolean {
  if (!seed || typeof token !== "string" || token.length === 0) return false;
  const expected = Buffer.from(csrfTokenFor(seed, secret));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Whether an unsafe request's browser-sent headers show it came from another site. */
export function isCrossSiteRequest(
  headers: { origin?: string; secFetchSite?: string; host?: string },
  allowedOrigins: string[],
): boolean {
  if (headers.secFetchSite && !["same-origin", "none"].includes(headers.secFetchSite)) return true;
  if (headers.origin && headers.origin !== "null") {
    const sameHost = headers.host ? [`http://${headers.host}`, `https://${headers.host}`] : [];
    return ![...allowedOrigins, ...sameHost].includes(headers.origin);
  }
  return headers.origin === "null";
}
