import { createHmac, timingSafeEqual } from "node:crypto";

/** HMAC-SHA256 of a value for one purpose, so a value signed for one use is worthless for another. */
export function sign(purpose: string, value: string, key: string): string {
  return createHmac("sha256", key).update(`${purpose}:${value}`).digest("base64url");
}

export function signatureMatches(purpose: string, value: string, signature: string, key: string): boolean {
  const expected = Buffer.from(sign(purpose, value, key));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
