import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Messages } from "#app/i18n/catalogue.server";
import type { RequestContext } from "#app/utils/services.server";
import { audit } from "#app/utils/audit.server";
import { users } from "#db/schema/index";
import { burnPasswordCheck, verifyPassword } from "./password.server";
import { loginThrottle, recordLoginAttempt } from "./throttle.server";

export function LoginSchema(t: Messages["login"]) {
  return z.object({
    email: z
      .string({ error: t.emailRequired })
      .trim()
      .toLowerCase()
      .min(1, t.emailRequired),
    password: z.string({ error: t.passwordRequired }).min(1, t.passwordRequired),
    terug: z.string().optional(),
  });
}

export type LoginOutcome =
  | { ok: true; userId: string; role: (typeof users.$inferSelect)["role"] }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

/** Checks a sign-in, throttled per account and per address; every attempt is recorded. */
export async function attemptLogin(
  context: Pick<RequestContext, "services" | "clientIp" | "requestId">,
  email: string,
  password: string,
): Promise<LoginOutcome> {
  const { db } = context.services;
  const throttle = await loginThrottle(db, email, context.clientIp);
  if (throttle.locked) {
    await audit(db, context, null, { action: "login.throttled", details: { email } });
    return { ok: false, reason: "throttled", retryAfterMinutes: throttle.retryAfterMinutes };
  }
  const [user] = await db
    .select({ id: users.id, role: users.role, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(users.email, email));
  let valid = false;
  if (user && user.active) valid = await verifyPassword(user.passwordHash, password);
  else await burnPasswordCheck(password);
  await recordLoginAttempt(db, email, context.clientIp, valid);
  if (!valid || !user) {
    await audit(db, context, null, { action: "login.failed", details: { email } });
    return { ok: false, reason: "invalid" };
  }
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  await audit(db, context, { id: user.id, role: user.role }, { action: "login.succeeded", subjectType: "user", subjectId: user.id });
  return { ok: true, userId: user.id, role: user.role };
}
