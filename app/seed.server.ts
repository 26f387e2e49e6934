import { eq } from "drizzle-orm";
import type { Queryable } from "#db/client";
import { HOLIDAY_YEARS, MUNICIPALITIES } from "#db/reference-data";
import { municipalities, publicHolidays, users, type UserRole } from "#db/schema/index";
import { insertUser } from "#app/auth/users.server";
import { holidayTable } from "#app/intake/holidays";

/** Inserts the municipalities and the holiday table; rows that exist are left as a coordinator edited them. */
export async function seedReferenceData(db: Queryable): Promise<void> {
  await db.insert(municipalities).values(MUNICIPALITIES).onConflictDoNothing();
  const holidays = holidayTable(HOLIDAY_YEARS.from, HOLIDAY_YEARS.to);
  await db.insert(publicHolidays).values(holidays).onConflictDoNothing();
}

export type DemoAccount = { role: UserRole; email: string; password: string; municipalityId?: string };

// No TOTP secret: in embedded mode the second factor is optional, so the README's demo sign-in
// works with the password alone. Flagged `demo`: under NODE_ENV=production they never sign in.
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { role: "case_handler", email: "behandelaar@ombudsman.localhost", password: "behandelaar-demo-2026" },
  { role: "coordinator", email: "coordinator@ombudsman.localhost", password: "coordinator-demo-2026" },
  {
    role: "municipality_officer",
    email: "klachten@amsterdam.localhost",
    password: "gemeente-demo-2026",
    municipalityId: "amsterdam",
  },
  {
    role: "municipality_officer",
    email: "klachten@zaanstad.localhost",
    password: "gemeente-demo-2026",
    municipalityId: "zaanstad",
  },
];

const DEMO_NAMES: Record<UserRole, string> = {
  case_handler: "Sanne Behandelaar",
  coordinator: "Karim Coördinator",
  municipality_officer: "Petra Klachtencoördinator",
};

/** Creates one demo account per role when it does not exist yet (embedded mode only), flagged as a demo. */
export async function seedDemoAccounts(db: Queryable): Promise<DemoAccount[]> {
  for (const account of DEMO_ACCOUNTS) {
    const existing = await db
      .update(users)
      .set({ demo: true })
      .where(eq(users.email, account.email))
      .returning({ id: users.id });
    if (existing.length === 0) {
      const { role, email, password, municipalityId } = account;
      await insertUser(db, {
        role,
        email,
        password,
        name: DEMO_NAMES[role],
        municipalityId: municipalityId ?? null,
        demo: true,
      });
    }
  }
  return DEMO_ACCOUNTS;
}
