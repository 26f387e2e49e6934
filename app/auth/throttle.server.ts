import { and, count, eq, gt, min } from "drizzle-orm";
import type { Queryable } from "#db/client";
import { loginAttempts } from "#db/schema/index";

/** Failed sign-ins allowed per account and per address in the window before a temporary lock. */
export const THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 30 } as const;

export type ThrottleState = { locked: false } | { locked: true; retryAfterMinutes: number };

export async function loginThrottle(db: Queryable, email: string, ip: string | null, now = new Date()): Promise<ThrottleState> {
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const failed = and(eq(loginAttempts.success, false), gt(loginAttempts.at, since));
  const [byAccount] = await db
    .select({ n: count(), first: min(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(failed, eq(loginAttempts.email, email)));
  const [byAddress] = ip
    ? await db.select({ n: count(), first: min(loginAttempts.at) }).from(loginAttempts).where(and(failed, eq(loginAttempts.ip, ip)))
    : [undefined];
  const hit = [
    byAccount && byAccount.n >= THROTTLE.perAccount ? byAccount.first : null,
    byAddress && byAddress.n >= THROTTLE.perAddress ? byAddress.first : null,
  ].filter((d): d is Date => d instanceof Date);
  if (hit.length === 0) return { locked: false };
  const unlockAt = Math.max(...hit.map((d) => d.getTime())) + THROTTLE.windowMinutes * 60_000;
  return { locked: true, retryAfterMinutes: Math.max(1, Math.ceil((unlockAt - now.getTime()) / 60_000)) };
}

export async function recordLoginAttempt(db: Queryable, email: string, ip: string | null, success: boolean): Promise<void> {
  await db.insert(loginAttempts).values({ email, ip, success });
}
