/**
 * `npm run db:migrate`: applies the committed migrations to the configured database. Fit for a
 * deployment job that runs before the app (with MIGRATE_ON_START=false): it waits for any other
 * migrator, exits 0 once the schema is current and 1 with the reason otherwise.
 */
import { ConfigError, getEnv } from "#app/config/env.server";
import { openDatabase } from "#db/client";
import { migrate } from "#db/migrate";

try {
  const env = getEnv();
  const handle = await openDatabase(env.database);
  try {
    const { applied } = await migrate(handle);
    process.stdout.write(
      applied > 0
        ? `Applied ${applied} migration${applied === 1 ? "" : "s"} (${env.database.kind}).\n`
        : `Schema up to date; nothing to apply (${env.database.kind}).\n`,
    );
  } finally {
    await handle.close();
  }
} catch (err) {
  // Drizzle's error names the statement; the driver's, in `cause`, says what was wrong with it.
  const cause = err instanceof Error && err.cause instanceof Error ? `\n${err.cause.message}` : "";
  const reason =
    err instanceof ConfigError
      ? err.message
      : `Migration failed: ${err instanceof Error ? err.message : String(err)}${cause}`;
  process.stderr.write(`${reason}\n`);
  process.exitCode = 1;
}
