import { eq, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { signInThrottle } from "#db/schema/index";
import { minutesUntil, release, reserve, THROTTLE_POLICY, type BucketKind } from "./throttle-policy";

/**
 * The sign-in throttle's storage: one row per bucket, read and written under its row lock, so
 * the count and the decision are one step however many attempts arrive at once.
 */

export type ThrottleKey = { kind: BucketKind; bucket: string };

/**
 * The buckets of an attempt. From a known device (its cookie names this account): only that
 * device's own bucket, so an attack on the account or from the same address does not keep its
 * owner out. Otherwise the account's and, when known, the client address's.
 */
export function throttleKeys({
  email,
  clientIp,
  deviceId,
}: {
  email: string;
  clientIp: string | null;
  deviceId: string | null;
}): ThrottleKey[] {
  if (deviceId) return [{ kind: "device", bucket: `device:${deviceId}` }];
  const keys: ThrottleKey[] = [{ kind: "account", bucket: `account:${email}` }];
  if (clientIp) keys.push({ kind: "address", bucket: `address:${clientIp}` });
  return keys;
}

export type Reservation = { ok: true; keys: ThrottleKey[] } | { ok: false; retryAfterMinutes: number };

/** Locks the rows in one order (by bucket), so two attempts sharing buckets never deadlock. */
async function lockBuckets(tx: Pick<Database, "insert">, keys: ThrottleKey[], now: Date) {
  const sorted = [...keys].sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0));
  // The no-op update takes the row lock and returns the latest committed state, new rows included.
  const rows = await tx
    .insert(signInThrottle)
    .values(sorted.map((k) => ({ bucket: k.bucket, failures: 0, nextAllowedAt: now, updatedAt: now })))
    .onConflictDoUpdate({ target: signInThrottle.bucket, set: { bucket: sql`excluded.bucket` } })
    .returning();
  return sorted.map((key) => ({ key, row: rows.find((r) => r.bucket === key.bucket)! }));
}

/**
 * Counts an attempt in its buckets before anything is checked, or refuses it. A refused attempt
 * must not be checked at all (no password hash, no code).
 */
export async function reserveAttempt(db: Database, keys: ThrottleKey[], now: Date): Promise<Reservation> {
  return db.transaction(async (tx) => {
    const locked = await lockBuckets(tx, keys, now);
    const decision = reserve(
      locked.map(({ key, row }) => ({
        kind: key.kind,
        state: { failures: row.failures, nextAllowedAt: row.nextAllowedAt },
      })),
      now,
    );
    if (!decision.allowed) return { ok: false, retryAfterMinutes: minutesUntil(decision.retryAt, now) };
    for (const [i, { key }] of locked.entries()) {
      const next = decision.next[i]!;
      await tx
        .update(signInThrottle)
        .set({ failures: next.failures, nextAllowedAt: next.nextAllowedAt, updatedAt: now })
        .where(eq(signInThrottle.bucket, key.bucket));
    }
    return { ok: true, keys };
  });
}

/**
 * What became of a reserved attempt. failed: it stays counted. passed: it was right but the
 * sign-in is not complete (a password before its code, the current password on the change
 * form): the count and any wait it started are given back. succeeded: a whole sign-in; the account's or device's bucket
 * starts afresh, the address's gets its count back (others may sign in from there too).
 */
export async function settleAttempt(
  db: Database,
  keys: ThrottleKey[],
  outcome: "failed" | "passed" | "succeeded",
  now: Date,
): Promise<void> {
  if (outcome === "failed") return;
  const reset = outcome === "succeeded" ? keys.filter((k) => k.kind !== "address") : [];
  const giveBack = keys.filter((k) => !reset.includes(k));
  if (reset.length > 0)
    await db.delete(signInThrottle).where(
      inArray(
        signInThrottle.bucket,
        reset.map((k) => k.bucket),
      ),
    );
  if (giveBack.length === 0) return;
  await db.transaction(async (tx) => {
    for (const { key, row } of await lockBuckets(tx, giveBack, now)) {
      const next = release({ failures: row.failures, nextAllowedAt: row.nextAllowedAt }, now);
      await tx
        .update(signInThrottle)
        .set({ failures: next.failures, nextAllowedAt: next.nextAllowedAt, updatedAt: now })
        .where(eq(signInThrottle.bucket, key.bucket));
    }
  });
}

/** Buckets the policy has forgotten anyway (quiet for a window after their wait). */
export async function pruneThrottle(db: Database, now: Date): Promise<number> {
  const before = new Date(now.getTime() - THROTTLE_POLICY.windowMinutes * 60_000);
  const deleted = await db
    .delete(signInThrottle)
    .where(lt(signInThrottle.nextAllowedAt, before))
    .returning({ bucket: signInThrottle.bucket });
  return deleted.length;
}

/** The state of one bucket, for tests and for an operator's look at an account under attack. */
export async function throttleState(db: Database, bucket: string) {
  const [row] = await db.select().from(signInThrottle).where(eq(signInThrottle.bucket, bucket));
  return row ?? null;
}
