import path from "node:path";
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
