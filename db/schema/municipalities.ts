import { date, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Municipalities affiliated with the ombudsman; reference data a coordinator maintains. */
export const municipalities = pgTable("municipalities", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  joinedOn: date("joined_on").notNull(),
  leftOn: date("left_on"),
  website: text("website").notNull(),
  complaintsUrl: text("complaints_url").notNull(),
  // Where the exits send a resident whose question is not a complaint (see the README's exits).
  objectionUrl: text("objection_url").notNull(),
  publicSpaceReportUrl: text("public_space_report_url").notNull(),
  damagesUrl: text("damages_url").notNull(),
  handlingWeeks: integer("handling_weeks").notNull().default(6),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

export type Municipality = typeof municipalities.$inferSelect;
