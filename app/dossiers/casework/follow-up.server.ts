import { and, asc, eq, isNull } from "drizzle-orm";
import type { IsoDate } from "#app/utils/calendar-date";
import type { Queryable } from "#db/client";
import { dossierFollowUps, users } from "#db/schema/index";
import { closed, issue, OK, runCommand, type CommandScope } from "./command.server";

export const FOLLOW_UP_NOTE_MAX = 500;
export type FollowUpInput = { followUpOn: IsoDate; followUpNote: string };
export type FollowUpDoneInput = { followUpId: string };

/**
 * A handler sets themselves a date to look at the dossier again, with a note: from that day it is
 * in their morning digest and in the queue's "to follow up" view until someone marks it done.
 */
export function setFollowUp(scope: CommandScope, input: FollowUpInput) {
  return runCommand(scope, async ({ tx, dossier, record, today }) => {
    if (dossier.status === "closed") return closed("followUpOn");
    if (input.followUpOn < today) return issue("followUpOn", "follow-up-past");
    const [row] = await tx
      .insert(dossierFollowUps)
      .values({ dossierId: dossier.id, ownerId: scope.actor.id, dueOn: input.followUpOn, note: input.followUpNote })
      .returning({ id: dossierFollowUps.id });
    const facts = { followUpId: row!.id, dueOn: input.followUpOn };
    await record("follow_up_set", { ...facts, note: input.followUpNote }, facts);
    return OK;
  });
}

/** The follow-up is done (by its owner or a colleague covering): it leaves the digest and the queue. */
export function completeFollowUp(scope: CommandScope, input: FollowUpDoneInput) {
  return runCommand(scope, async ({ tx, dossier, record, now }) => {
    const [done] = await tx
      .update(dossierFollowUps)
      .set({ doneAt: now })
      .where(
        and(
          eq(dossierFollowUps.id, input.followUpId),
          eq(dossierFollowUps.dossierId, dossier.id),
          isNull(dossierFollowUps.doneAt),
        ),
      )
      .returning({ id: dossierFollowUps.id, dueOn: dossierFollowUps.dueOn, note: dossierFollowUps.note });
    if (!done) return issue(`follow-up-${input.followUpId}`, "follow-up-gone");
    const facts = { followUpId: done.id, dueOn: done.dueOn };
    await record("follow_up_done", { ...facts, note: done.note }, facts);
    return OK;
  });
}

/** A dossier's open follow-ups, the earliest first (the caller has checked the reader may see the dossier). */
export function openFollowUps(db: Queryable, dossierId: string) {
  return db
    .select({ id: dossierFollowUps.id, dueOn: dossierFollowUps.dueOn, note: dossierFollowUps.note, owner: users.name })
    .from(dossierFollowUps)
    .innerJoin(users, eq(users.id, dossierFollowUps.ownerId))
    .where(and(eq(dossierFollowUps.dossierId, dossierId), isNull(dossierFollowUps.doneAt)))
    .orderBy(asc(dossierFollowUps.dueOn), asc(dossierFollowUps.createdAt));
}
