import { pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * A staff member's own named filter sets for the work queue: the query string of the queue's URL
 * (normalised by the queue's filter schema when saved), listed only for the user who saved it.
 */
export const savedQueueViews = pgTable(
  "saved_queue_views",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** "?status=intake&sorteer=nummer", or "" for the default queue. */
    query: text("query").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The unique pair also serves the look-up by user.
  (t) => [unique("saved_queue_views_user_name_unique").on(t.userId, t.name)],
);

export type SavedQueueView = typeof savedQueueViews.$inferSelect;
