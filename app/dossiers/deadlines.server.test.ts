import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { afterAll, describe, expect, it } from "vitest";
import { pauseDays, type ClockPause } from "./deadlines";
import { pauseDaysSql } from "./deadlines.server";

const pg = new PGlite();
const dialect = new PgDialect();
afterAll(() => pg.close());

async function inSql(pause: ClockPause, today: string): Promise<number> {
  const expression = pauseDaysSql(
    {
      startedOn: sql`${pause.startedOn}::date`,
      endedOn: pause.endedOn === null ? sql`null::date` : sql`${pause.endedOn}::date`,
    },
    today,
  );
  const query = dialect.sqlToQuery(sql`select (${expression})::int as days`);
  const result = await pg.query<{ days: number }>(query.sql, query.params);
  return result.rows[0]!.days;
}

describe("the paused days in SQL", () => {
  const today = "2026-03-10";
  const cases: ClockPause[] = [
    { startedOn: "2026-03-03", endedOn: "2026-03-10" },
    { startedOn: "2026-03-03", endedOn: "2026-03-03" },
    { startedOn: "2026-03-03", endedOn: null },
    { startedOn: "2026-03-10", endedOn: null },
    // Started in the future (a date typed ahead), running or already given an end.
    { startedOn: "2026-03-12", endedOn: null },
    { startedOn: "2026-03-12", endedOn: "2026-03-11" },
    // Over the change to summer time and a leap day.
    { startedOn: "2026-03-25", endedOn: "2026-04-02" },
    { startedOn: "2028-02-27", endedOn: "2028-03-02" },
    { startedOn: "2025-12-20", endedOn: null },
  ];

  it("counts the same days as the TypeScript rule, for ended, running and future pauses", async () => {
    for (const pause of cases) expect(await inSql(pause, today), JSON.stringify(pause)).toBe(pauseDays(pause, today));
    expect(cases.map((p) => pauseDays(p, today))).toEqual([7, 0, 7, 0, 0, 0, 8, 4, 80]);
  });
});
