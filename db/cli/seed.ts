/** `npm run db:seed`: migrates, then writes the reference data and (in embedded mode) the demo accounts. */
import { getEnv } from "#app/config/env.server";
import { openDatabase } from "#db/client";
import { migrate } from "#db/migrate";
import { seedDemoAccounts, seedReferenceData } from "#app/seed.server";

const env = getEnv();
const handle = await openDatabase(env.database);
try {
  await migrate(handle);
  await seedReferenceData(handle.db);
  if (env.seedDemoAccounts) {
    for (const a of await seedDemoAccounts(handle.db)) process.stdout.write(`${a.role}: ${a.email} / ${a.password}\n`);
  }
} finally {
  await handle.close();
}
