import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { projectRoot } from "#db/project-root";
import type { DatabaseHandle } from "./client";

export function migrationsFolder(): string {
  return path.join(projectRoot(), "db", "migrations");
}

// pg_advisory_lock key reserved for this app's migrations (any fixed number; it only has to be the
// same in every process and unused by anything else on the server).
const MIGRATION_LOCK = 7_231_865_001;

type Query = DatabaseHandle["query"];

/**
 * Applies the committed SQL migrations in db/migrations; safe to run on every start. On PostgreSQL
 * it holds an advisory lock on one connection of its own throughout, so that replicas starting
 * together apply each migration once: the others wait, then find nothing left to do.
 */
export async function migrate(handle: DatabaseHandle): Promise<{ applied: number }> {
  const config = { migrationsFolder: migrationsFolder() };
  // Both migrators take the same drizzle instance; the cast picks the driver's signature.
  if (handle.kind === "pglite" || !handle.withDedicatedConnection) {
    // One process owns an embedded database, so there is no one to wait for.
    const before = await appliedCount(handle.query);
    await migratePglite(handle.db as never, config);
    return { applied: (await appliedCount(handle.query)) - before };
  }
  return handle.withDedicatedConnection(async ({ db, query }) => {
    // On failure the lock goes with the connection, which withDedicatedConnection closes.
    await query(`select pg_advisory_lock(${MIGRATION_LOCK})`);
    const before = await appliedCount(query);
    await migratePostgres(db as never, config);
    const applied = (await appliedCount(query)) - before;
    const [lock] = await query<{ released: boolean }>(`select pg_advisory_unlock(${MIGRATION_LOCK}) as released`);
    // False only when the connection dropped and postgres.js quietly opened a new one mid-way.
    if (!lock?.released)
      throw new Error(
        "the migration lock was lost on the way (the connection dropped); check the schema and run the migration again",
      );
    return { applied };
  });
}

/** Migrations in db/migrations that the database has not recorded yet. */
export async function pendingMigrations(handle: DatabaseHandle): Promise<number> {
  const files = readMigrationFiles({ migrationsFolder: migrationsFolder() });
  if (!(await hasMigrationsTable(handle.query))) return files.length;
  const [latest] = await handle.query<{ at: string | null }>(
    "select max(created_at)::text as at from drizzle.__drizzle_migrations",
  );
  const at = Number(latest?.at ?? 0);
  return files.filter((m) => m.folderMillis > at).length;
}

async function hasMigrationsTable(query: Query): Promise<boolean> {
  const [table] = await query<{ name: string | null }>(
    "select to_regclass('drizzle.__drizzle_migrations')::text as name",
  );
  return Boolean(table?.name);
}

async function appliedCount(query: Query): Promise<number> {
  if (!(await hasMigrationsTable(query))) return 0;
  const [row] = await query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
  return row?.n ?? 0;
}
