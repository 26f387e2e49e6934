import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { guardedSocket } from "./guarded-socket";
import * as schema from "./schema/index";

/** One type for both drivers: queries are written once and run on PGlite and on a PostgreSQL server. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** A database handle or an open transaction; query functions accept either. */
export type Queryable = Database | Transaction;

/** How long a PostgreSQL connection may take before its caller gets an error; 0 turns a limit off. */
export type DatabaseTimeouts = {
  /** Opening a connection: TCP, TLS, authentication. */
  connectMs: number;
  /** Per statement, enforced by the server (the `statement_timeout` connection parameter). */
  statementMs: number;
  /** The server owes an answer and has sent nothing for this long: the connection is dropped. */
  responseMs: number;
};

export type DatabaseConfig =
  | { kind: "postgres"; url: string; poolSize?: number; timeouts?: DatabaseTimeouts }
  | { kind: "pglite"; dir?: string; loadDataDir?: Blob };

type QueryFn = <T = Record<string, unknown>>(
  text: string,
  params?: unknown[],
  options?: { prepare?: boolean },
) => Promise<T[]>;

export type DatabaseHandle = {
  db: Database;
  kind: DatabaseConfig["kind"];
  /**
   * Runs raw SQL with positional parameters; returns the rows on both drivers. `prepare` keeps
   * the parsed statement on the server connection, for statements run many times.
   */
  query: QueryFn;
  close(): Promise<void>;
  /**
   * PostgreSQL only: runs `fn` on one connection of its own, without statement timeout or response
   * guard, so that session state (an advisory lock) holds from its first statement to its last.
   */
  withDedicatedConnection?<T>(fn: (connection: { db: Database; query: QueryFn }) => Promise<T>): Promise<T>;
  /** The embedded engine, when that is what runs (dumps for test templates). */
  pglite?: PGlite;
  /** PostgreSQL only: the pool's configured size (postgres.js does not say how many connections are busy). */
  stats?(): { poolSize: number };
};

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.kind === "postgres") {
    const { url, timeouts } = config;
    const poolSize = config.poolSize ?? 10;
    const client = postgres(url, {
      ...connectionOptions(timeouts),
      max: poolSize,
      connection: {
        TimeZone: "UTC",
        ...(timeouts?.statementMs ? { statement_timeout: timeouts.statementMs } : {}),
      },
      ...(timeouts?.responseMs ? { socket: guardedSocket(timeouts.responseMs) } : {}),
    });
    return {
      ...postgresHandle(client),
      stats: () => ({ poolSize }),
      async withDedicatedConnection(fn) {
        const single = postgres(url, {
          ...connectionOptions(timeouts),
          max: 1,
          idle_timeout: 0,
          max_lifetime: 0,
          connection: { TimeZone: "UTC" },
        });
        try {
          // Also over a statement timeout set for the role: waiting for a lock may take a while.
          await single.unsafe("set statement_timeout = 0");
          return await fn(postgresHandle(single));
        } finally {
          await single.end({ timeout: 5 });
        }
      },
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

function connectionOptions(timeouts: DatabaseTimeouts | undefined) {
  return {
    onnotice: () => {},
    ...(timeouts?.connectMs ? { connect_timeout: timeouts.connectMs / 1000 } : {}),
    // postgres.js waits up to 20 s before reconnecting after repeated failures, and a request waits
    // with it; a second at most keeps the answer to a page quick during an outage and after it.
    backoff: (retries: number) => Math.min(0.02 * 2 ** retries, 1) * (0.5 + Math.random() / 2),
  };
}

function postgresHandle(client: postgres.Sql) {
  return {
    db: drizzlePostgres({ client, schema }) as unknown as Database,
    kind: "postgres" as const,
    query: async <T>(text: string, params: unknown[] = [], options: { prepare?: boolean } = {}) =>
      (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], {
        prepare: options.prepare ?? false,
      })) as unknown as T[],
    close: () => client.end({ timeout: 5 }),
  };
}

export { schema };
