import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index";

/** One type for both drivers: queries are written once and run on PGlite and on a PostgreSQL server. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** A database handle or an open transaction; query functions accept either. */
export type Queryable = Database | Transaction;

export type DatabaseConfig =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dir?: string; loadDataDir?: Blob };

export type DatabaseHandle = {
  db: Database;
  kind: DatabaseConfig["kind"];
  /**
   * Runs raw SQL with positional parameters; returns the rows on both drivers. `prepare` keeps
   * the parsed statement on the server connection, for statements run many times.
   */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], options?: { prepare?: boolean }): Promise<T[]>;
  close(): Promise<void>;
  /** The embedded engine, when that is what runs (dumps for test templates). */
  pglite?: PGlite;
};

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.kind === "postgres") {
    const client = postgres(config.url, {
      max: config.poolSize ?? 10,
      onnotice: () => {},
      connection: { TimeZone: "UTC" },
    });
    const db = drizzlePostgres({ client, schema }) as unknown as Database;
    return {
      db,
      kind: "postgres",
      query: async <T>(text: string, params: unknown[] = [], options: { prepare?: boolean } = {}) =>
        (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: options.prepare ?? false })) as unknown as T[],
      close: () => client.end({ timeout: 5 }),
    };
  }

  if (config.dir) fs.mkdirSync(config.dir, { recursive: true });
  const client = await PGlite.create({
    dataDir: config.dir,
    loadDataDir: config.loadDataDir,
  });
  await client.exec("SET TIME ZONE 'UTC'");
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    query: async <T>(text: string, params: unknown[] = []) => (await client.query<T>(text, params)).rows,
    close: () => client.close(),
    pglite: client,
  };
}

export { schema };
