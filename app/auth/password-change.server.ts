import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Messages } from "#app/i18n/catalogue.server";
import { interpolate } from "#app/i18n/format";
import { audit } from "#app/utils/audit.server";
import type { RequestContext } from "#app/utils/services.server";
import { sessions, users } from "#db/schema/index";
import { hashPassword, verifyPassword } from "./password.server";
import type { SessionUser } from "./session.server";
import { reserveAttempt, settleAttempt, throttleKeys } from "./throttle.server";

/** Long rather than complicated (NCSC, NIST 800-63B): no rules about digits or signs. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

type T = Messages["account"]["password"];

export function PasswordChangeSchema(t: T) {
  return z
    .object({
      current: z.string({ message: t.currentRequired }).min(1, t.currentRequired),
      next: z
        .string({ message: t.nextRequired })
        .min(1, t.nextRequired)
        .min(PASSWORD_MIN_LENGTH, interpolate(t.nextTooShort, { min: PASSWORD_MIN_LENGTH }))
        .max(PASSWORD_MAX_LENGTH, interpolate(t.nextTooLong, { max: PASSWORD_MAX_LENGTH })),
      repeat: z.string().default(""),
    })
    .superRefine((v, ctx) => {
      if (v.next && v.next === v.current) ctx.addIssue({ code: "custom", path: ["next"], message: t.sameAsCurrent });
      if (v.repeat !== v.next)
        ctx.addIssue({ code: "custom", path: ["repeat"], message: v.repeat ? t.repeatMismatch : t.repeatRequired });
    });
}

export type PasswordChangeOutcome =
  | { ok: true; otherSessionsEnded: number }
  | { ok: false; reason: "wrong_current" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

/**
 * Changes the signed-in user's password after checking the current one. A wrong current
 * password counts as a failed sign-in, so this form cannot be used to guess it past the
 * throttle. On success every other session of the user ends (a stolen session does not
 * survive the change); this one stays.
 */
export async function changePassword(
  context: Pick<RequestContext, "services" | "clientIp" | "requestId">,
  user: SessionUser,
  input: { current: string; next: string },
): Promise<PasswordChangeOutcome> {
  const { db } = context.services;
  const actor = { id: user.id, role: user.role };
  const now = context.services.now();
  const keys = throttleKeys({ email: user.email, clientIp: context.clientIp, deviceId: null });
  const reservation = await reserveAttempt(db, keys, now);
  if (!reservation.ok) return { ok: false, reason: "throttled", retryAfterMinutes: reservation.retryAfterMinutes };

  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row || !(await verifyPassword(row.passwordHash, input.current))) {
    await audit(db, context, actor, { action: "password.change_failed", subjectType: "user", subjectId: user.id });
    return { ok: false, reason: "wrong_current" };
  }
  await settleAttempt(db, keys, "passed", now);

  const passwordHash = await hashPassword(input.next);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, user.id), ne(sessions.id, user.sessionId)))
      .returning({ id: sessions.id });
    await audit(tx, context, actor, {
      action: "password.changed",
      subjectType: "user",
      subjectId: user.id,
      details: { otherSessionsEnded: ended.length },
    });
    return { ok: true, otherSessionsEnded: ended.length };
  });
}
