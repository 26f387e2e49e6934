import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc } from "drizzle-orm";
import { municipalities, publicHolidays } from "#db/schema/index";
import { createUser } from "#test/support/factories";
import { createTestDatabase, type TestDatabase } from "#test/support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

describe("migrated and seeded database", () => {
  it("holds the eight affiliated municipalities with Amstelveen's joining date", async () => {
    const rows = await database.db.select().from(municipalities).orderBy(asc(municipalities.name));
    expect(rows.map((r) => r.name)).toEqual([
      "Almere",
      "Amstelveen",
      "Amsterdam",
      "Diemen",
      "Landsmeer",
      "Ouder-Amstel",
      "Waterland",
      "Zaanstad",
    ]);
    expect(rows.find((r) => r.id === "amstelveen")?.joinedOn).toBe("2016-07-01");
    expect(rows.every((r) => r.handlingWeeks === 6)).toBe(true);
  });

  it("holds 5 May as a holiday every year, not only in lustrum years", async () => {
    const rows = await database.db.select({ day: publicHolidays.day }).from(publicHolidays);
    const days = new Set(rows.map((r) => r.day));
    for (const year of [2026, 2027, 2029, 2030]) expect(days.has(`${year}-05-05`)).toBe(true);
  });

  it("refuses a municipality officer without a municipality", async () => {
    await expect(
      database.query(
        "insert into users (email, name, role, password_hash) values ('x@example.test', 'X', 'municipality_officer', 'h')",
      ),
    ).rejects.toThrow(/users_municipality_matches_role/);
  });

  it("stores e-mail addresses in lower case through the factory", async () => {
    const user = await createUser(database.db, { role: "case_handler", email: "Mixed.Case@Example.test" });
    expect(user.email).toBe("mixed.case@example.test");
  });
});
