import { and, asc, count, eq } from "drizzle-orm";
import type { Database } from "#db/client";
import { savedQueueViews } from "#db/schema/index";
import { isStaff, type UserActor } from "./scope.server";

/**
 * A staff member's saved queue views. Every query has the user in its `where`: nobody lists,
 * opens or deletes another person's views (a foreign id is simply not found).
 */

export const SAVED_VIEWS_MAX = 20;
export const SAVED_VIEW_NAME_MAX = 60;

export type SavedView = { id: string; name: string; query: string };
export type SaveViewResult = "saved" | "replaced" | "too-many" | "not-staff";

export async function listSavedViews(db: Database, { actor }: { actor: UserActor }): Promise<SavedView[]> {
  if (!isStaff(actor)) return [];
  return db
    .select({ id: savedQueueViews.id, name: savedQueueViews.name, query: savedQueueViews.query })
    .from(savedQueueViews)
    .where(eq(savedQueueViews.userId, actor.id))
    .orderBy(asc(savedQueueViews.name));
}

/** Saves `query` (a normalised queue query string) under `name`; the same name again replaces it. */
export async function saveView(
  db: Database,
  { actor, name, query }: { actor: UserActor; name: string; query: string },
): Promise<SaveViewResult> {
  if (!isStaff(actor)) return "not-staff";
  return db.transaction(async (tx) => {
    const mine = eq(savedQueueViews.userId, actor.id);
    const [existing] = await tx
      .select({ id: savedQueueViews.id })
      .from(savedQueueViews)
      .where(and(mine, eq(savedQueueViews.name, name)));
    if (existing) {
      await tx
        .update(savedQueueViews)
        .set({ query })
        .where(and(mine, eq(savedQueueViews.id, existing.id)));
      return "replaced";
    }
    const [held] = await tx.select({ n: count() }).from(savedQueueViews).where(mine);
    if ((held?.n ?? 0) >= SAVED_VIEWS_MAX) return "too-many";
    await tx.insert(savedQueueViews).values({ userId: actor.id, name, query });
    return "saved";
  });
}

/** Deletes one of the actor's own views; false when they have none with that id. */
export async function deleteSavedView(db: Database, { actor, id }: { actor: UserActor; id: string }) {
  if (!isStaff(actor)) return false;
  const deleted = await db
    .delete(savedQueueViews)
    .where(and(eq(savedQueueViews.id, id), eq(savedQueueViews.userId, actor.id)))
    .returning({ id: savedQueueViews.id });
  return deleted.length > 0;
}
