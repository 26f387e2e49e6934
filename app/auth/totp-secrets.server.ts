import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { and, eq, isNotNull } from "drizzle-orm";
import { DEV_TOTP_ENCRYPTION_KEY, type Env } from "#app/config/env.server";
import type { Queryable } from "#db/client";
import { users } from "#db/schema/index";

/**
 * TOTP secrets at rest: AES-256-GCM, stored as `v1.<key id>.<iv>.<ciphertext+tag>` (base64url),
 * with the user's id as associated data, so a value copied onto another account does not open.
 * The key id is derived from the key itself (no setting to keep in step); a value under any
 * key of the ring opens, and `resealTotpSecrets` moves every value to the current key.
 */

export type TotpKey = { id: string; key: Buffer };
export type TotpKeyring = { current: TotpKey; readable: TotpKey[] };

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Unencrypted secrets of development databases from before encryption: base32 as the apps read it. */
const LEGACY_PLAINTEXT = /^[A-Z2-7]+=*$/;

function keyId(key: Buffer): string {
  return createHash("sha256").update("oma-totp-key:").update(key).digest("base64url").slice(0, 8);
}

function toKey(key: Buffer): TotpKey {
  return { id: keyId(key), key };
}

/**
 * The ring of the settings. The published development key is always readable: what it sealed
 * was never secret, and reading it lets a development database move to a real key.
 */
export function totpKeyring(settings: Env["totpEncryption"]): TotpKeyring {
  const current = toKey(settings.key);
  const readable = [current, ...[...settings.previous, DEV_TOTP_ENCRYPTION_KEY].map(toKey)].filter(
    (k, i, all) => all.findIndex((o) => o.id === k.id) === i,
  );
  return { current, readable };
}

export function sealTotpSecret(keyring: TotpKeyring, userId: string, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyring.current.key, iv);
  cipher.setAAD(Buffer.from(`totp:${userId}`));
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, keyring.current.id, iv.toString("base64url"), sealed.toString("base64url")].join(".");
}

export type OpenedSecret = { secret: string; keyId: string | null } | null;

/** The plain secret (keyId null for a legacy plaintext value), or null: unknown key, tampered, or another user's. */
export function openTotpSecret(keyring: TotpKeyring, userId: string, stored: string): OpenedSecret {
  if (LEGACY_PLAINTEXT.test(stored)) return { secret: stored, keyId: null };
  const [version, id, iv, body, ...rest] = stored.split(".");
  if (version !== VERSION || !id || !iv || !body || rest.length > 0) return null;
  const key = keyring.readable.find((k) => k.id === id);
  if (!key) return null;
  const data = Buffer.from(body, "base64url");
  if (data.length <= TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(`totp:${userId}`));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]);
    return { secret: plain.toString("utf8"), keyId: id };
  } catch {
    return null;
  }
}

export class UnreadableTotpSecret extends Error {
  override name = "UnreadableTotpSecret";
  constructor(userId: string) {
    super(
      `the TOTP secret of user ${userId} opens with none of the configured keys (TOTP_ENCRYPTION_KEY, TOTP_ENCRYPTION_KEY_PREVIOUS)`,
    );
  }
}

/** For the sign-in: a stored secret that no key opens is a configuration fault, not a wrong code. */
export function requireTotpSecret(keyring: TotpKeyring, userId: string, stored: string): string {
  const opened = openTotpSecret(keyring, userId, stored);
  if (!opened) throw new UnreadableTotpSecret(userId);
  return opened.secret;
}

export type ResealReport = { resealed: number; current: number; unreadable: string[] };

/**
 * Re-encrypts every secret that is not under the current key (older keys, legacy plaintext).
 * Each row is replaced only if it still holds what was read, so processes starting together
 * do no harm; secrets no key opens are left and reported by user id.
 */
export async function resealTotpSecrets(db: Queryable, keyring: TotpKeyring): Promise<ResealReport> {
  const rows = await db
    .select({ id: users.id, stored: users.totpSecret })
    .from(users)
    .where(isNotNull(users.totpSecret));
  const report: ResealReport = { resealed: 0, current: 0, unreadable: [] };
  for (const row of rows) {
    const stored = row.stored!;
    const opened = openTotpSecret(keyring, row.id, stored);
    if (!opened) {
      report.unreadable.push(row.id);
      continue;
    }
    if (opened.keyId === keyring.current.id) {
      report.current++;
      continue;
    }
    const updated = await db
      .update(users)
      .set({ totpSecret: sealTotpSecret(keyring, row.id, opened.secret) })
      .where(and(eq(users.id, row.id), eq(users.totpSecret, stored)))
      .returning({ id: users.id });
    if (updated.length === 1) report.resealed++;
  }
  return report;
}
