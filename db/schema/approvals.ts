import { sql } from "drizzle-orm";
import { index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { APPROVAL_KINDS, APPROVAL_STATES } from "./values";
import { dossiers } from "./dossiers";
import { users } from "./users";

export const approvalKind = pgEnum("approval_kind", APPROVAL_KINDS);
export const approvalState = pgEnum("approval_state", APPROVAL_STATES);

/**
 * Four eyes (issue 14): a case handler's override of the first-line check, or closing as not
 * taken up or referred, waits here for a coordinator. `proposal` holds the change as the command
 * would have made it (outcome, detail, explanation; or the override's outcome and reason), so
 * that approving applies exactly that; the row is kept after the decision as its record.
 */
export const dossierApprovals = pgTable(
  "dossier_approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id, { onDelete: "cascade" }),
    kind: approvalKind("kind").notNull(),
    proposal: jsonb("proposal").$type<Record<string, string | null>>().notNull(),
    askedBy: uuid("asked_by")
      .notNull()
      .references(() => users.id),
    askedAt: timestamp("asked_at", { withTimezone: true }).notNull(),
    state: approvalState("state").notNull().default("pending"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** Why it was sent back (required then); optional words with an approval. */
    reason: text("reason"),
  },
  (t) => [
    index("dossier_approvals_dossier_idx").on(t.dossierId, t.askedAt),
    // One question to a coordinator at a time per dossier; the queue of them reads this index.
    uniqueIndex("dossier_approvals_one_pending_idx")
      .on(t.dossierId)
      .where(sql`state = 'pending'`),
  ],
);

export type DossierApproval = typeof dossierApprovals.$inferSelect;
