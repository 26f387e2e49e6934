import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import QRCode from "qrcode";

/**
 * Time-based one-time codes (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps, 6 digits,
 * the settings every authenticator app understands. No I/O here: the sign-in flow stores
 * the secret and the last accepted step.
 */

export const TOTP_ISSUER = "Ombudsman Metropool Amsterdam";
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const SECRET_BYTES = 20;

const BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 without padding, as authenticator apps expect it. */
export function base32Encode(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, forgiving case, spaces and padding; null for anything else. */
export function base32Decode(text: string): Buffer | null {
  const clean = text.replace(/[\s=]/g, "").toUpperCase();
  if (clean.length === 0) return null;
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value === -1) return null;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

/** A new shared secret: 20 random bytes (the HMAC-SHA1 block RFC 4226 recommends), base32. */
export function generateSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES));
}

/** The secret as people copy it: groups of four characters. */
export function formatSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/** The 30-second step an instant falls in. */
export function totpStep(now: Date | number): number {
  const ms = typeof now === "number" ? now : now.getTime();
  return Math.floor(ms / 1000 / TOTP_PERIOD_SECONDS);
}

/** RFC 4226 HOTP: the dynamically truncated HMAC-SHA1 of the counter, as a zero-padded decimal. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return binary.toString().padStart(digits, "0");
}

/** The code an authenticator app shows for a base32 secret at a step. */
export function totpCode(secret: string, step: number, digits = TOTP_DIGITS): string {
  const key = base32Decode(secret);
  if (!key) throw new Error("TOTP secret is not valid base32");
  return hotp(key, step, digits);
}

export type VerifyOptions = {
  now?: Date | number;
  /** Steps of clock drift tolerated either side of now. */
  window?: number;
  /** The last step a code was accepted for; that step and earlier ones are refused. */
  lastStep?: number | null;
};

/**
 * The step a code belongs to when it is valid now, else null. A step at or before `lastStep`
 * is refused, so an overheard code cannot be used a second time.
 */
export function verifyTotp(secret: string, code: string, options: VerifyOptions = {}): number | null {
  const given = normaliseCode(code);
  const key = base32Decode(secret);
  if (given === null || !key) return null;
  const current = totpStep(options.now ?? Date.now());
  const window = options.window ?? 1;
  const lastStep = options.lastStep ?? -1;
  let matched: number | null = null;
  // Every candidate is compared, so timing does not tell which step matched.
  for (let step = current - window; step <= current + window; step++) {
    if (step < 0) continue;
    const expected = Buffer.from(hotp(key, step));
    if (timingSafeEqual(expected, Buffer.from(given)) && step > lastStep && matched === null) matched = step;
  }
  return matched;
}

/** Six digits once spaces are removed (apps show "123 456"); null for anything else. */
export function normaliseCode(code: string): string | null {
  const digits = code.replace(/\s/g, "");
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(digits) ? digits : null;
}

/** The Key URI Format link that authenticator apps read from a QR code or a tap. */
export function otpauthUri({
  secret,
  account,
  issuer = TOTP_ISSUER,
}: {
  secret: string;
  account: string;
  issuer?: string;
}): string {
  // encodeURIComponent, not URLSearchParams: some apps show a "+" for a space.
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = [
    `secret=${secret}`,
    `issuer=${encodeURIComponent(issuer)}`,
    "algorithm=SHA1",
    `digits=${TOTP_DIGITS}`,
    `period=${TOTP_PERIOD_SECONDS}`,
  ].join("&");
  return `otpauth://totp/${label}?${query}`;
}

/** The otpauth link as an SVG QR code in a data: URI (the CSP allows data: images, not inline SVG styles). */
export async function otpauthQrDataUri(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
