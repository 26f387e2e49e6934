import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { RequestContext } from "#app/utils/services.server";
import { readCookie, serializeCookie } from "#app/utils/cookies.server";
import { sign, signatureMatches } from "./signing.server";

/**
 * Device cookies (OWASP): after a whole sign-in the browser gets a signed cookie naming the
 * account and a random device id. Attempts that carry it for that account are throttled in the
 * device's own bucket, so someone guessing at the account from elsewhere cannot keep its owner
 * out of their usual browser.
 */

export const DEVICE_COOKIE = "oma_device";
const LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

const Payload = z.object({ d: z.string().min(16).max(64), e: z.string().min(1).max(320), x: z.number().int() });

export type KnownDevice = { id: string; email: string };

type Ctx = Pick<RequestContext, "services">;

/** A cookie for this browser and account; an existing device id for the same account is kept. */
export function deviceCookie(context: Ctx, email: string, known: KnownDevice | null): string {
  const { env } = context.services;
  const id = known && known.email === email ? known.id : randomBytes(18).toString("base64url");
  const payload = Buffer.from(
    JSON.stringify({ d: id, e: email, x: context.services.now().getTime() + LIFETIME_MS }),
  ).toString("base64url");
  return serializeCookie(DEVICE_COOKIE, `${payload}.${sign("device", payload, env.sessionSecret)}`, {
    secure: env.isProduction,
    httpOnly: true,
    sameSite: "Lax",
    maxAgeSeconds: LIFETIME_MS / 1000,
  });
}

/** The device this browser proved to be, or null (none, expired, tampered). */
export function readDevice(request: Request, context: Ctx): KnownDevice | null {
  const raw = readCookie(request.headers.get("cookie"), DEVICE_COOKIE);
  const [payload, signature, ...rest] = raw?.split(".") ?? [];
  if (!payload || !signature || rest.length > 0) return null;
  if (!signatureMatches("device", payload, signature, context.services.env.sessionSecret)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = Payload.safeParse(json);
  if (!parsed.success || parsed.data.x <= context.services.now().getTime()) return null;
  return { id: parsed.data.d, email: parsed.data.e };
}

/** The device's id when its cookie was issued for this account. */
export function deviceFor(device: KnownDevice | null, email: string): string | null {
  return device && device.email === email ? device.id : null;
}
