import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { municipalities } from "./municipalities";

export const userRole = pgEnum("user_role", ["case_handler", "coordinator", "municipality_officer"]);
export type UserRole = (typeof userRole.enumValues)[number];

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: userRole("role").notNull(),
    municipalityId: text("municipality_id").references(() => municipalities.id),
    passwordHash: text("password_hash").notNull(),
    /** AES-256-GCM under the TOTP key ring (app/auth/totp-secrets.server.ts), never the plain secret. */
    totpSecret: text("totp_secret"),
    /** The last 30-second step a code was accepted for: a code works once. */
    totpLastStep: integer("totp_last_step"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    active: boolean("active").notNull().default(true),
    /** A demo sign-in from the seed: refused under NODE_ENV=production, whatever the database. */
    demo: boolean("demo").notNull().default(false),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A municipality officer always belongs to exactly one municipality; staff never do.
    check(
      "users_municipality_matches_role",
      sql`(${t.role} = 'municipality_officer') = (${t.municipalityId} IS NOT NULL)`,
    ),
    check("users_email_lowercase", sql`${t.email} = lower(${t.email})`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    /** sha256 of the cookie's random value: the table alone cannot be used to take over a session. */
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/**
 * One row per throttle bucket (an account, a known device or a client address): the failures
 * counted so far and when the next attempt may be checked (app/auth/throttle-policy.ts).
 */
export const signInThrottle = pgTable(
  "sign_in_throttle",
  {
    bucket: text("bucket").primaryKey(),
    failures: integer("failures").notNull().default(0),
    nextAllowedAt: timestamp("next_allowed_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sign_in_throttle_next_allowed_idx").on(t.nextAllowedAt)],
);

/** One morning digest per handler per day, even with several app processes. */
export const digestLog = pgTable(
  "digest_log",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
