import { date, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const holidayKind = pgEnum("holiday_kind", ["statutory", "equated"]);

/**
 * Days on which a statutory term cannot end (Algemene termijnenwet art. 3, plus days
 * equated by decree). Kept as data so a coordinator can add a newly decreed day.
 */
export const publicHolidays = pgTable("public_holidays", {
  day: date("day").primaryKey(),
  name: text("name").notNull(),
  kind: holidayKind("kind").notNull(),
  source: text("source").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type PublicHoliday = typeof publicHolidays.$inferSelect;
