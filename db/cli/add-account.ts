/**
 * `npm run account:add -- --email <address> --name "<name>" --role <role> [--municipality <id>] [--without-totp]`
 *
 * Makes an account on the configured database (migrated first) and prints its password and the
 * second factor's secret and otpauth:// address, once: hand them to the owner in person or by two
 * separate channels. The secret is stored encrypted under TOTP_ENCRYPTION_KEY. Roles: case_handler, coordinator, municipality_officer (with
 * --municipality, the municipality's id such as amsterdam).
 */
import { parseArgs } from "node:util";
import { AccountError, addAccount } from "#app/auth/accounts.server";
import { totpKeyring } from "#app/auth/totp-secrets.server";
import { formatSecret } from "#app/auth/totp.server";
import { getEnv } from "#app/config/env.server";
import { openDatabase } from "#db/client";
import { migrate } from "#db/migrate";
import { seedReferenceData } from "#app/seed.server";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    municipality: { type: "string" },
    "without-totp": { type: "boolean", default: false },
  },
});

const env = getEnv();
const handle = await openDatabase(env.database);
try {
  await migrate(handle);
  // The municipalities an officer belongs to, as the app's start-up would write them.
  await seedReferenceData(handle.db);
  const account = await addAccount(
    handle.db,
    {
      email: values.email ?? "",
      name: values.name ?? "",
      role: (values.role ?? "") as never,
      municipality: values.municipality,
      withoutTotp: values["without-totp"],
    },
    { keyring: totpKeyring(env.totpEncryption) },
  );
  const lines = [`account ${account.email} (${account.role}) created`, `password: ${account.password}`];
  if (account.totp)
    lines.push(
      `authenticator secret: ${formatSecret(account.totp.secret)}`,
      `authenticator address: ${account.totp.uri}`,
    );
  process.stdout.write(`${lines.join("\n")}\n`);
} catch (err) {
  if (!(err instanceof AccountError)) throw err;
  process.stderr.write(`account not created: ${err.message}\n`);
  process.exitCode = 2;
} finally {
  await handle.close();
}
