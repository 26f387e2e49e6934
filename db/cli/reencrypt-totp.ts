/**
 * `npm run totp:reencrypt`: re-encrypts every TOTP secret under TOTP_ENCRYPTION_KEY (from a key
 * in TOTP_ENCRYPTION_KEY_PREVIOUS, the development key, or unencrypted), as every app process
 * also does at start-up. Exit code 1 when a secret opens with none of the keys.
 */
import { resealTotpSecrets, totpKeyring } from "#app/auth/totp-secrets.server";
import { getEnv } from "#app/config/env.server";
import { openDatabase } from "#db/client";
import { migrate } from "#db/migrate";

const env = getEnv();
const handle = await openDatabase(env.database);
try {
  await migrate(handle);
  const keyring = totpKeyring(env.totpEncryption);
  const report = await resealTotpSecrets(handle.db, keyring);
  process.stdout.write(
    `key ${keyring.current.id}: ${report.resealed} re-encrypted, ${report.current} already current, ${report.unreadable.length} unreadable\n`,
  );
  if (report.unreadable.length > 0) {
    process.stderr.write(`no configured key opens the TOTP secret of users: ${report.unreadable.join(", ")}\n`);
    process.exitCode = 1;
  }
} finally {
  await handle.close();
}
