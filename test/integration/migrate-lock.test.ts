import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { describe, expect, it } from "vitest";
import { openDatabase } from "#db/client";
import { migrationsFolder } from "#db/migrate";
import { adminUrlFor, databaseUrl } from "#test/support/database-names";

const serverUrl = process.env.DATABASE_URL;

describe.runIf(Boolean(serverUrl))(
  "migrations on PostgreSQL (PGlite belongs to one process, so there is no one to race)",
  () => {
    it("two `db:migrate` processes started at the same moment on an empty database both succeed, and apply each migration once", async () => {
      const admin = await openDatabase({ kind: "postgres", url: adminUrlFor(serverUrl!), poolSize: 1 });
      const name = `oma_test_migrate_${randomBytes(6).toString("hex")}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      const url = databaseUrl(serverUrl!, name);
      try {
        // Both wait for the same instant after start-up, so that their migrations overlap.
        const startAt = String(Date.now() + 3000);
        const migrator = () =>
          promisify(execFile)(
            process.execPath,
            ["--import", "tsx", "--import", "./test/support/start-at.ts", "db/cli/migrate.ts"],
            {
              env: { PATH: process.env.PATH, NODE_ENV: "test", DATABASE_URL: url, START_AT: startAt },
            },
          );
        const results = await Promise.allSettled([migrator(), migrator()]);
        expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);

        const files = readMigrationFiles({ migrationsFolder: migrationsFolder() });
        const outputs = results.map((r) => (r.status === "fulfilled" ? r.value.stdout : "")).sort();
        expect(outputs).toEqual([
          `Applied ${files.length} migrations (postgres).\n`,
          "Schema up to date; nothing to apply (postgres).\n",
        ]);

        const db = await openDatabase({ kind: "postgres", url, poolSize: 1 });
        try {
          const recorded = await db.query<{ hash: string; times: number }>(
            "select hash, count(*)::int as times from drizzle.__drizzle_migrations group by hash",
          );
          expect(recorded.map((r) => r.times)).toEqual(files.map(() => 1));
          expect(recorded.map((r) => r.hash).sort()).toEqual(files.map((f) => f.hash).sort());
          // Released after use: a third migrator would otherwise wait for good.
          const [lock] = await db.query<{ held: number }>(
            "select count(*)::int as held from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())",
          );
          expect(lock?.held).toBe(0);
        } finally {
          await db.close();
        }
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.close();
      }
    }, 60_000);
  },
);
