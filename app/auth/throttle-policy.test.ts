import { describe, expect, it } from "vitest";
import { delayMinutes, effectiveState, minutesUntil, release, reserve, type BucketState } from "./throttle-policy";

const T0 = new Date("2026-12-01T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** Attempts one after the other on one account bucket, each reserved and left as a failure. */
function failAt(times: number[], start: BucketState | null = null) {
  let state = start;
  const outcomes: Array<"checked" | "refused"> = [];
  for (const t of times) {
    const decision = reserve([{ kind: "account", state }], at(t));
    outcomes.push(decision.allowed ? "checked" : "refused");
    if (decision.allowed) state = decision.next[0]!;
  }
  return { state: state!, outcomes };
}

describe("the throttle's rule", () => {
  it("lets five failures through at once, then makes the next attempt wait 1 minute", () => {
    const { state, outcomes } = failAt([0, 0, 0, 0, 0, 0, 0]);
    expect(outcomes).toEqual(["checked", "checked", "checked", "checked", "checked", "refused", "refused"]);
    expect(state).toEqual({ failures: 5, nextAllowedAt: at(1) });
  });

  it("doubles the wait after each further failure, up to 30 minutes", () => {
    expect([4, 5, 6, 7, 8, 9, 10, 11, 40].map((n) => delayMinutes("account", n))).toEqual([
      0, 1, 2, 4, 8, 16, 30, 30, 30,
    ]);
    // The address bucket is shared by everyone behind one address, so it has more room.
    expect([29, 30, 31].map((n) => delayMinutes("address", n))).toEqual([0, 1, 2]);
    const { state, outcomes } = failAt([0, 0, 0, 0, 0, 1, 3, 6.9, 7]);
    expect(outcomes).toEqual([
      "checked",
      "checked",
      "checked",
      "checked",
      "checked",
      "checked",
      "checked",
      "refused",
      "checked",
    ]);
    expect(state).toEqual({ failures: 8, nextAllowedAt: at(7 + 8) });
  });

  it("refuses while any bucket of the attempt waits, and then counts in none of them", () => {
    const waiting = { failures: 30, nextAllowedAt: at(1) };
    const fresh = { failures: 1, nextAllowedAt: at(0) };
    expect(
      reserve(
        [
          { kind: "account", state: fresh },
          { kind: "address", state: waiting },
        ],
        at(0.5),
      ),
    ).toEqual({ allowed: false, retryAt: at(1) });
    const later = reserve(
      [
        { kind: "account", state: fresh },
        { kind: "address", state: waiting },
      ],
      at(1),
    );
    expect(later).toEqual({
      allowed: true,
      next: [
        { failures: 2, nextAllowedAt: at(1) },
        { failures: 31, nextAllowedAt: at(3) },
      ],
    });
  });

  it("forgets a bucket that stayed quiet for 15 minutes after its wait", () => {
    const { state } = failAt([0, 0, 0, 0, 0, 1, 3]);
    expect(state.nextAllowedAt).toEqual(at(7));
    expect(effectiveState(state, at(21.9))).toBe(state);
    expect(effectiveState(state, at(22))).toEqual({ failures: 0, nextAllowedAt: at(22) });
  });

  it("never makes a bucket under its free failures wait, even when another process's clock ran ahead", () => {
    const ahead = { failures: 3, nextAllowedAt: at(2) };
    expect(reserve([{ kind: "account", state: ahead }], at(0)).allowed).toBe(true);
  });

  it("gives a right attempt's count back, and the wait it started", () => {
    const { state } = failAt([0, 0, 0, 0, 0]);
    expect(state).toEqual({ failures: 5, nextAllowedAt: at(1) });
    expect(release(state, at(0))).toEqual({ failures: 4, nextAllowedAt: at(0) });
    // After a wait: the sixth attempt starts a 2-minute wait; when it was right, the next step need not wait.
    const sixth = reserve([{ kind: "account", state }], at(1));
    if (!sixth.allowed) throw new Error("expected the sixth attempt to be checked");
    expect(sixth.next[0]).toEqual({ failures: 6, nextAllowedAt: at(3) });
    expect(release(sixth.next[0]!, at(1))).toEqual({ failures: 5, nextAllowedAt: at(1) });
    expect(release({ failures: 0, nextAllowedAt: at(0) }, at(0))).toEqual({ failures: 0, nextAllowedAt: at(0) });
  });

  it("rounds the wait up to whole minutes for the message", () => {
    expect(minutesUntil(at(0.2), at(0))).toBe(1);
    expect(minutesUntil(at(1.01), at(0))).toBe(2);
    expect(minutesUntil(at(0), at(0))).toBe(1);
  });
});
