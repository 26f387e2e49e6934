import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { holidayTable } from "#app/intake/holidays";
import type { Queryable } from "./client";
import { createUser } from "./factories";
import { HOLIDAY_YEARS, MUNICIPALITIES } from "./reference-data";
import { municipalities, publicHolidays, users, type UserRole } from "./schema/index";

/** Inserts the municipalities and the holiday table; rows that exist are left as a coordinator edited them. */
export async function seedReferenceData(db: Queryable): Promise<void> {
  await db.insert(municipalities).values(MUNICIPALITIES).onConflictDoNothing();
  const holidays = holidayTable(HOLIDAY_YEARS.from, HOLIDAY_YEARS.to);
  await db.insert(publicHolidays).values(holidays).onConflictDoNothing();
}

export type DemoAccount = { role: UserRole; email: string; password: string; municipalityId?: string };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { role: "case_handler", email: "behandelaar@ombudsman.localhost", password: "behandelaar-demo-2026" },
  { role: "coordinator", email: "coordinator@ombudsman.localhost", password: "coordinator-demo-2026" },
  {
    role: "municipality_officer",
    email: "klachten@amsterdam.localhost",
    password: "gemeente-demo-2026",
    municipalityId: "amsterdam",
  },
];

/** Creates one demo account per role when it does not exist yet (embedded mode only). */
export async function seedDemoAccounts(db: Queryable): Promise<DemoAccount[]> {
  for (const account of DEMO_ACCOUNTS) {
    const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, account.email));
    if (existing.length === 0) await createUser(db, account);
  }
  return DEMO_ACCOUNTS;
}

async function main(): Promise<void> {
  const { getEnv } = await import("#app/config/env.server");
  const { openDatabase } = await import("./client");
  const { migrate } = await import("./migrate");
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
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
