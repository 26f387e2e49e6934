import { describe, expect, it } from "vitest";
import { DEV_TOTP_ENCRYPTION_KEY } from "#app/config/env.server";
import {
  openTotpSecret,
  requireTotpSecret,
  sealTotpSecret,
  totpKeyring,
  UnreadableTotpSecret,
} from "./totp-secrets.server";
import { generateSecret } from "./totp.server";

const OLD = Buffer.alloc(32, 1);
const NEW = Buffer.alloc(32, 2);
const USER = "0b9f0d7e-3c1a-4f59-9a59-0c2f3f0e6a11";

describe("TOTP secrets at rest", () => {
  it("seals a secret so that the stored value does not contain it and opens only for its user", () => {
    const ring = totpKeyring({ key: NEW, previous: [] });
    const secret = generateSecret();
    const sealed = sealTotpSecret(ring, USER, secret);
    expect(sealed).not.toContain(secret);
    expect(sealed.startsWith(`v1.${ring.current.id}.`)).toBe(true);
    expect(sealSecretTwice(ring, secret)).toBe(false);
    expect(openTotpSecret(ring, USER, sealed)).toEqual({ secret, keyId: ring.current.id });
    expect(openTotpSecret(ring, "another-user", sealed)).toBeNull();
  });

  it("refuses a tampered value and one under a key it does not have", () => {
    const ring = totpKeyring({ key: NEW, previous: [] });
    const sealed = sealTotpSecret(ring, USER, generateSecret());
    const [v, id, iv, body] = sealed.split(".");
    const flipped = Buffer.from(body!, "base64url");
    flipped[0]! ^= 1;
    expect(openTotpSecret(ring, USER, [v, id, iv, flipped.toString("base64url")].join("."))).toBeNull();
    expect(openTotpSecret(ring, USER, "v1.short")).toBeNull();
    const elsewhere = sealTotpSecret(totpKeyring({ key: OLD, previous: [] }), USER, generateSecret());
    expect(openTotpSecret(ring, USER, elsewhere)).toBeNull();
    expect(() => requireTotpSecret(ring, USER, elsewhere)).toThrow(UnreadableTotpSecret);
  });

  it("reads values under a previous key, the development key and legacy plaintext, and names which key opened them", () => {
    const secret = generateSecret();
    const underOld = sealTotpSecret(totpKeyring({ key: OLD, previous: [] }), USER, secret);
    const underDev = sealTotpSecret(totpKeyring({ key: DEV_TOTP_ENCRYPTION_KEY, previous: [] }), USER, secret);
    const rotated = totpKeyring({ key: NEW, previous: [OLD] });
    expect(openTotpSecret(rotated, USER, underOld)).toEqual({
      secret,
      keyId: totpKeyring({ key: OLD, previous: [] }).current.id,
    });
    expect(openTotpSecret(rotated, USER, underDev)?.secret).toBe(secret);
    expect(openTotpSecret(rotated, USER, secret)).toEqual({ secret, keyId: null });
  });
});

/** Two seals of one secret differ (a fresh IV each time). */
function sealSecretTwice(ring: ReturnType<typeof totpKeyring>, secret: string): boolean {
  return sealTotpSecret(ring, USER, secret) === sealTotpSecret(ring, USER, secret);
}
