/** `npm run db:migrate`: applies the committed migrations to the configured database. */
import { getEnv } from "#app/config/env.server";
import { openDatabase } from "#db/client";
import { migrate } from "#db/migrate";

const env = getEnv();
const handle = await openDatabase(env.database);
try {
  await migrate(handle);
  process.stdout.write(`Migrations applied (${env.database.kind}).\n`);
} finally {
  await handle.close();
}
