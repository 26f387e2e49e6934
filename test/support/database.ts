import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { parseEnv } from "#app/config/env.server";
import { openDatabase, type DatabaseHandle } from "#db/client";
import { adminUrlFor, databaseUrl } from "./database-names";

export type TestDatabase = DatabaseHandle & { url?: string; destroy(): Promise<void> };

/**
 * A fresh, migrated and seeded database for one test file: a PGlite instance restored from
 * the run's template, or a new database on the PostgreSQL server named by DATABASE_URL.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject("databaseTemplate");
  if (template.kind === "pglite") {
    const loadDataDir = new Blob([fs.readFileSync(template.file)]);
    const handle = await openDatabase({ kind: "pglite", loadDataDir });
    return { ...handle, destroy: () => handle.close() };
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("DATABASE_URL disappeared during the run");
  const name = `oma_test_${randomBytes(6).toString("hex")}`;
  const admin = await openDatabase({ kind: "postgres", url: adminUrlFor(serverUrl), poolSize: 1 });
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template.name}"`);
      break;
    } catch (err) {
      // Two files copying the template at the same moment can collide; the copy is retried.
      if (attempt >= 10 || !String(err).includes("being accessed by other users")) throw err;
      await new Promise((r) => setTimeout(r, 100 + attempt * 100));
    }
  }
  const url = databaseUrl(serverUrl, name);
  // The app's default timeouts, so that every test on PostgreSQL runs through the response guard.
  const settings = parseEnv({ NODE_ENV: "test", DATABASE_URL: url }).database;
  const timeouts = settings.kind === "postgres" ? settings.timeouts : undefined;
  const handle = await openDatabase({ kind: "postgres", url, poolSize: 20, timeouts });
  return {
    ...handle,
    url,
    destroy: async () => {
      await handle.close();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.close();
    },
  };
}
