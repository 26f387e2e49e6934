import { redirect } from "@remix-run/node";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Messages } from "#app/i18n/catalogue.server";
import type { RequestContext } from "#app/utils/services.server";
import { audit } from "#app/utils/audit.server";
import { createSession, homeFor, safeRedirectPath } from "./session.server";
import { readCookie, serializeCookie } from "#app/utils/cookies.server";
import { users, type UserRole } from "#db/schema/index";
import { deviceCookie, deviceFor, readDevice, type KnownDevice } from "./device.server";
import { burnPasswordCheck, verifyPassword } from "./password.server";
import { sign, signatureMatches } from "./signing.server";
import { reserveAttempt, settleAttempt, throttleKeys } from "./throttle.server";
import { requireTotpSecret, sealTotpSecret, totpKeyring } from "./totp-secrets.server";
import { verifyTotp } from "./totp.server";

type Ctx = Pick<RequestContext, "services" | "clientIp" | "requestId">;

export function LoginSchema(t: Messages["login"]) {
  return z.object({
    email: z
      .string({ error: t.emailRequired })
      .trim()
      .toLowerCase()
      .min(1, t.emailRequired)
      // No address is longer; a longer one is simply not an account.
      .max(320, t.invalid),
    password: z.string({ error: t.passwordRequired }).min(1, t.passwordRequired),
    terug: z.string().optional(),
  });
}

/** The one field of the code step and of the set-up confirmation; apps show codes as "123 456". */
export function CodeSchema(t: Messages["account"]) {
  return z.object({
    code: z
      .string({ error: t.codeRequired })
      .transform((v) => v.replace(/\s/g, ""))
      .pipe(
        z
          .string()
          .min(1, t.codeRequired)
          .regex(/^\d{6}$/, t.codeFormat),
      ),
  });
}

/** Roles that may only work with a second factor in production: every role that sees case files. */
export const SECOND_FACTOR_ROLES = [
  "case_handler",
  "coordinator",
  "municipality_officer",
] as const satisfies readonly UserRole[];

export function secondFactorRequired(role: UserRole, isProduction: boolean): boolean {
  return isProduction && (SECOND_FACTOR_ROLES as readonly UserRole[]).includes(role);
}

export type LoginOutcome =
  | {
      ok: true;
      userId: string;
      role: UserRole;
      email: string;
      /** session: signed in; code: a TOTP code comes first; setup: TOTP must be set up first. */
      next: "session" | "code" | "setup";
    }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

/**
 * Checks a sign-in. The attempt is counted in its throttle buckets first (the account's and the
 * address's, or a known device's own), so a burst cannot get more checks than the throttle
 * allows; a refused attempt is not checked at all. Demo accounts never get in under production.
 */
export async function attemptLogin(
  context: Ctx,
  { email, password, device }: { email: string; password: string; device: KnownDevice | null },
): Promise<LoginOutcome> {
  const { db, env } = context.services;
  const now = context.services.now();
  const keys = throttleKeys({ email, clientIp: context.clientIp, deviceId: deviceFor(device, email) });
  const reservation = await reserveAttempt(db, keys, now);
  if (!reservation.ok) {
    await audit(db, context, null, { action: "login.throttled", details: { email } });
    return { ok: false, reason: "throttled", retryAfterMinutes: reservation.retryAfterMinutes };
  }
  const [user] = await db
    .select({
      id: users.id,
      role: users.role,
      passwordHash: users.passwordHash,
      active: users.active,
      totpSecret: users.totpSecret,
      demo: users.demo,
    })
    .from(users)
    .where(eq(users.email, email));
  let valid = false;
  if (user && user.active) valid = await verifyPassword(user.passwordHash, password);
  else await burnPasswordCheck(password);
  if (!valid || !user) {
    await audit(db, context, null, { action: "login.failed", details: { email } });
    return { ok: false, reason: "invalid" };
  }
  if (user.demo && env.isProduction) {
    // Answered like a wrong password (and counted as one): the demo passwords are published.
    await audit(db, context, null, {
      action: "login.demo_refused",
      subjectType: "user",
      subjectId: user.id,
      details: { email },
    });
    return { ok: false, reason: "invalid" };
  }
  const actor = { id: user.id, role: user.role };
  if (user.totpSecret) {
    await settleAttempt(db, keys, "passed", now);
    await audit(db, context, actor, { action: "login.code_requested", subjectType: "user", subjectId: user.id });
    return { ok: true, userId: user.id, role: user.role, email, next: "code" };
  }
  if (secondFactorRequired(user.role, env.isProduction)) {
    await settleAttempt(db, keys, "passed", now);
    await audit(db, context, actor, { action: "login.setup_required", subjectType: "user", subjectId: user.id });
    return { ok: true, userId: user.id, role: user.role, email, next: "setup" };
  }
  await settleAttempt(db, keys, "succeeded", now);
  await completeLogin(context, actor, false);
  return { ok: true, userId: user.id, role: user.role, email, next: "session" };
}

/** The last step before a session: the sign-in counts and is audited. */
export async function completeLogin(
  context: Ctx,
  actor: { id: string; role: UserRole },
  secondFactor: boolean,
): Promise<void> {
  const { db } = context.services;
  await db.update(users).set({ lastLoginAt: context.services.now() }).where(eq(users.id, actor.id));
  await audit(db, context, actor, {
    action: "login.succeeded",
    subjectType: "user",
    subjectId: actor.id,
    details: { secondFactor },
  });
}

export type CodeOutcome =
  | { ok: true; userId: string; role: UserRole; email: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number }
  /** The account was deactivated or lost its TOTP secret since the password step. */
  | { ok: false; reason: "restart" };

/**
 * Checks the code of a user whose password was just accepted, throttled in the same buckets as
 * the password (counted before the check), so the code cannot be guessed in a burst; an accepted
 * step is stored, so a code works once.
 */
export async function attemptCode(
  context: Ctx,
  userId: string,
  code: string,
  device: KnownDevice | null,
): Promise<CodeOutcome> {
  const { db, env } = context.services;
  const now = context.services.now();
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      role: users.role,
      active: users.active,
      demo: users.demo,
      totpSecret: users.totpSecret,
      totpLastStep: users.totpLastStep,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || !user.active || !user.totpSecret || (user.demo && env.isProduction))
    return { ok: false, reason: "restart" };
  const keys = throttleKeys({ email: user.email, clientIp: context.clientIp, deviceId: deviceFor(device, user.email) });
  const reservation = await reserveAttempt(db, keys, now);
  if (!reservation.ok) {
    await audit(db, context, null, { action: "login.throttled", details: { email: user.email, secondFactor: true } });
    return { ok: false, reason: "throttled", retryAfterMinutes: reservation.retryAfterMinutes };
  }
  const secret = requireTotpSecret(totpKeyring(env.totpEncryption), user.id, user.totpSecret);
  const step = verifyTotp(secret, code, { now, window: 1, lastStep: user.totpLastStep });
  // The step is claimed in the update itself, so two requests racing with one code cannot both win.
  const claimed =
    step !== null &&
    (
      await db
        .update(users)
        .set({ totpLastStep: step })
        .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
        .returning({ id: users.id })
    ).length === 1;
  if (!claimed) {
    await audit(db, context, null, { action: "login.failed", details: { email: user.email, secondFactor: true } });
    return { ok: false, reason: "invalid" };
  }
  await settleAttempt(db, keys, "succeeded", now);
  await completeLogin(context, { id: user.id, role: user.role }, true);
  return { ok: true, userId: user.id, role: user.role, email: user.email };
}

export type TotpAccount = {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  active: boolean;
  totpEnabled: boolean;
  totpEnabledAt: Date | null;
};

/** What the set-up page needs to know about an account; never the secret itself. */
export async function getTotpAccount(
  context: Pick<RequestContext, "services">,
  userId: string,
): Promise<TotpAccount | null> {
  const [row] = await context.services.db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      totpEnabled: sql<boolean>`${users.totpSecret} is not null`,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

/**
 * Turns TOTP on once the user proved with a current code that their app holds the secret.
 * The step of that code counts as used. False for a wrong code or when TOTP was already on.
 */
export async function enableTotp(
  context: Ctx,
  actor: { id: string; role: UserRole },
  secret: string,
  code: string,
): Promise<boolean> {
  const { db } = context.services;
  const now = context.services.now();
  const step = verifyTotp(secret, code, { now, window: 1 });
  if (step === null) return false;
  const updated = await db
    .update(users)
    .set({
      totpSecret: sealTotpSecret(totpKeyring(context.services.env.totpEncryption), actor.id, secret),
      totpLastStep: step,
      totpEnabledAt: now,
    })
    .where(and(eq(users.id, actor.id), isNull(users.totpSecret)))
    .returning({ id: users.id });
  if (updated.length === 0) return false;
  await audit(db, context, actor, { action: "totp.enabled", subjectType: "user", subjectId: actor.id });
  return true;
}

/** Only in embedded and development mode: production requires the second factor. */
export async function disableTotp(context: Ctx, actor: { id: string; role: UserRole }): Promise<void> {
  const { db, env } = context.services;
  if (env.isProduction) throw new Response("Forbidden", { status: 403 });
  await db
    .update(users)
    .set({ totpSecret: null, totpLastStep: null, totpEnabledAt: null })
    .where(eq(users.id, actor.id));
  await audit(db, context, actor, { action: "totp.disabled", subjectType: "user", subjectId: actor.id });
}

// ---- Signed values: the pending sign-in cookie and the secret between set-up page and confirmation.

export const PENDING_LOGIN_COOKIE = "oma_login_pending";

export type PendingPurpose = "code" | "setup";

/**
 * How long a correct password stays good for the next step. Setting up may mean installing an
 * app first, so it gets longer than typing a code.
 */
export const PENDING_LIFETIME_MS: Record<PendingPurpose, number> = { code: 5 * 60_000, setup: 15 * 60_000 };

export type PendingLogin = { userId: string; purpose: PendingPurpose; terug: string; expiresAt: number };

const PendingPayload = z.object({
  u: z.string().min(1),
  p: z.enum(["code", "setup"]),
  t: z.string(),
  e: z.number().int(),
});

/**
 * A password that was accepted, waiting for its second step: not a session, just a signed,
 * short-lived, httpOnly cookie with the user id, the purpose, the expiry and where to go next.
 */
export function pendingLoginCookie(
  context: Pick<RequestContext, "services">,
  login: Omit<PendingLogin, "expiresAt">,
): string {
  const { env } = context.services;
  const lifetime = PENDING_LIFETIME_MS[login.purpose];
  const payload = Buffer.from(
    JSON.stringify({
      u: login.userId,
      p: login.purpose,
      t: login.terug,
      e: context.services.now().getTime() + lifetime,
    }),
  ).toString("base64url");
  const value = `${payload}.${sign("login-pending", payload, env.sessionSecret)}`;
  return serializeCookie(PENDING_LOGIN_COOKIE, value, {
    secure: env.isProduction,
    httpOnly: true,
    sameSite: "Lax",
    maxAgeSeconds: lifetime / 1000,
  });
}

export function clearPendingLoginCookie(context: Pick<RequestContext, "services">): string {
  return serializeCookie(PENDING_LOGIN_COOKIE, "", { secure: context.services.env.isProduction, maxAgeSeconds: 0 });
}

/**
 * The second step passed: a session replaces the pending sign-in, the browser becomes a known
 * device for this account, and the user goes where they were going.
 */
export async function finishPendingLogin(
  context: Pick<RequestContext, "services" | "clientIp">,
  request: Request,
  { userId, role, email, terug }: { userId: string; role: UserRole; email: string; terug: string | undefined | null },
): Promise<Response> {
  const session = await createSession(context, userId, request);
  const headers = new Headers();
  headers.append("Set-Cookie", session.cookie);
  headers.append("Set-Cookie", clearPendingLoginCookie(context));
  headers.append("Set-Cookie", deviceCookie(context, email, readDevice(request, context)));
  return redirect(safeRedirectPath(terug, homeFor(role)), { headers });
}

/** The pending sign-in for this purpose, or null when there is none, it expired or it was tampered with. */
export function readPendingLogin(
  request: Request,
  context: Pick<RequestContext, "services">,
  purpose: PendingPurpose,
): PendingLogin | null {
  const raw = readCookie(request.headers.get("cookie"), PENDING_LOGIN_COOKIE);
  if (!raw) return null;
  const [payload, signature, ...rest] = raw.split(".");
  if (!payload || !signature || rest.length > 0) return null;
  if (!signatureMatches("login-pending", payload, signature, context.services.env.sessionSecret)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = PendingPayload.safeParse(json);
  if (!parsed.success) return null;
  const { u, p, t, e } = parsed.data;
  if (p !== purpose || e <= context.services.now().getTime()) return null;
  return { userId: u, purpose: p, terug: t, expiresAt: e };
}

const SETUP_TOKEN_LIFETIME_MS = 30 * 60_000;

/**
 * The new secret travels to the confirmation in a hidden field, signed for this user and for a
 * limited time: a posted secret is never trusted unsigned.
 */
export function signSetupSecret(context: Pick<RequestContext, "services">, userId: string, secret: string): string {
  const expires = context.services.now().getTime() + SETUP_TOKEN_LIFETIME_MS;
  const value = `${userId}:${secret}:${expires}`;
  return `${secret}.${expires}.${sign("totp-setup", value, context.services.env.sessionSecret)}`;
}

export function openSetupSecret(
  context: Pick<RequestContext, "services">,
  userId: string,
  token: string,
): string | null {
  const [secret, expires, signature, ...rest] = token.split(".");
  if (!secret || !expires || !signature || rest.length > 0 || !/^\d+$/.test(expires)) return null;
  if (!signatureMatches("totp-setup", `${userId}:${secret}:${expires}`, signature, context.services.env.sessionSecret))
    return null;
  if (Number(expires) <= context.services.now().getTime()) return null;
  return secret;
}
