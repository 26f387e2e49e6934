import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { projectRoot } from "#app/config/paths.server";
import type { DatabaseHandle } from "./client";

export function migrationsFolder(): string {
  return path.join(projectRoot(), "db", "migrations");
}

/** Applies the committed SQL migrations in db/migrations; safe to run on every start. */
export async function migrate(handle: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder: migrationsFolder() };
  // Both migrators take the same drizzle instance; the cast picks the driver's signature.
  if (handle.kind === "pglite") await migratePglite(handle.db as never, config);
  else await migratePostgres(handle.db as never, config);
}

async function main(): Promise<void> {
  const { getEnv } = await import("#app/config/env.server");
  const { openDatabase } = await import("./client");
  const env = getEnv();
  const handle = await openDatabase(env.database);
  try {
    await migrate(handle);
    process.stdout.write(`Migrations applied (${env.database.kind}).\n`);
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
