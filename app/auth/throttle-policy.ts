/**
 * The sign-in throttle's rule, without I/O. Every attempt (password or second-step code) is
 * counted in its buckets *before* it is checked, as if it failed; a right one then gives its
 * count back. A bucket has a number of free failures, after which each attempt has to wait:
 * 1 minute, then twice as long after each further failure, at most 30 minutes. No hard lock:
 * the owner always gets in after the wait, and a known device has a bucket of its own. A bucket
 * that stays quiet for a window after its wait is forgotten.
 */

export type BucketKind = "account" | "device" | "address";

export const THROTTLE_POLICY = {
  freeFailures: { account: 5, device: 5, address: 30 } satisfies Record<BucketKind, number>,
  windowMinutes: 15,
  firstDelayMinutes: 1,
  maxDelayMinutes: 30,
} as const;

export type BucketState = { failures: number; nextAllowedAt: Date };

const MINUTE = 60_000;

/** The state as it counts now: forgotten once the bucket was quiet for a window after its wait. */
export function effectiveState(state: BucketState | null, now: Date): BucketState {
  const forgetAt = state ? state.nextAllowedAt.getTime() + THROTTLE_POLICY.windowMinutes * MINUTE : 0;
  if (!state || now.getTime() >= forgetAt) return { failures: 0, nextAllowedAt: now };
  return state;
}

/** How long the next attempt waits after this many failures in a bucket of this kind. */
export function delayMinutes(kind: BucketKind, failures: number): number {
  const free = THROTTLE_POLICY.freeFailures[kind];
  if (failures < free) return 0;
  return Math.min(THROTTLE_POLICY.maxDelayMinutes, THROTTLE_POLICY.firstDelayMinutes * 2 ** (failures - free));
}

export type Bucket = { kind: BucketKind; state: BucketState | null };

export type Decision = { allowed: true; next: BucketState[] } | { allowed: false; retryAt: Date };

/**
 * One attempt over all its buckets: refused when any of them still waits (nothing is counted
 * then), else counted in each.
 */
export function reserve(buckets: Bucket[], now: Date): Decision {
  const states = buckets.map((b) => effectiveState(b.state, now));
  // Under its free failures a bucket never waits, even when another process's clock ran ahead.
  const waiting = states.filter(
    (s, i) => s.failures >= THROTTLE_POLICY.freeFailures[buckets[i]!.kind] && s.nextAllowedAt.getTime() > now.getTime(),
  );
  if (waiting.length > 0)
    return { allowed: false, retryAt: new Date(Math.max(...waiting.map((s) => s.nextAllowedAt.getTime()))) };
  return {
    allowed: true,
    next: states.map((s, i) => {
      const failures = s.failures + 1;
      return { failures, nextAllowedAt: new Date(now.getTime() + delayMinutes(buckets[i]!.kind, failures) * MINUTE) };
    }),
  };
}

/**
 * A reserved attempt turned out right: its count is given back, and so is any wait. Its
 * reservation was allowed, so the bucket was not waiting before it; and while a wait it started
 * lasts, no other attempt in the bucket can have been counted.
 */
export function release(state: BucketState, now: Date): BucketState {
  return {
    failures: Math.max(0, state.failures - 1),
    nextAllowedAt: state.nextAllowedAt > now ? now : state.nextAllowedAt,
  };
}

/** Whole minutes to wait, for the message; at least 1. */
export function minutesUntil(at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - now.getTime()) / MINUTE));
}
