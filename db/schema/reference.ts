import { sql } from "drizzle-orm";
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { holidayKind } from "./holidays";
import { users } from "./users";

/** One due date a holiday change moved, kept with the change so the coordinator can read back what moved. */
export type MovedDueDate = {
  subject: "request" | "question";
  id: string;
  dossierId: string;
  dossierNumber: string;
  from: string;
  to: string;
};

/**
 * The versions of the holiday table: every day a coordinator added or removed, by whom and when,
 * and the due dates the change moved. The identity is the version number.
 */
export const holidayChanges = pgTable(
  "holiday_changes",
  {
    version: bigint("version", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    change: text("change", { enum: ["added", "removed"] }).notNull(),
    day: date("day").notNull(),
    name: text("name").notNull(),
    kind: holidayKind("kind").notNull(),
    changedBy: uuid("changed_by")
      .notNull()
      .references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
    movedCount: integer("moved_count").notNull().default(0),
    moved: jsonb("moved")
      .$type<MovedDueDate[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [index("holiday_changes_day_idx").on(t.day)],
);

/** A coordinator's own wording of a standard mail text, per language; without a row the catalogue's text is used. */
export const standardTexts = pgTable(
  "standard_texts",
  {
    template: text("template").notNull(),
    locale: text("locale").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    updatedBy: uuid("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.template, t.locale] })],
);

export type HolidayChange = typeof holidayChanges.$inferSelect;
export type StandardText = typeof standardTexts.$inferSelect;
