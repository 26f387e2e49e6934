import { eq } from "drizzle-orm";
import { dossiers, users, type UserRole } from "#db/schema/index";
import { STAFF_ROLES } from "../scope.server";
import { closed, issue, OK, runCommand, type CommandScope } from "./command.server";

export type AssignInput = { assigneeId: string };

/**
 * A coordinator assigns a dossier to any active handler or coordinator. A handler may only
 * take it themselves, and only while it is unassigned or already theirs (`decideAct`).
 */
export function assignDossier(scope: CommandScope, input: AssignInput) {
  return runCommand(
    scope,
    async ({ tx, dossier, record }) => {
      if (dossier.status === "closed") return closed("assigneeId");
      const [assignee] = await tx
        .select({ id: users.id, name: users.name, role: users.role, active: users.active })
        .from(users)
        .where(eq(users.id, input.assigneeId));
      if (!assignee || !assignee.active || !(STAFF_ROLES as readonly UserRole[]).includes(assignee.role))
        return issue("assigneeId", "assignee-invalid");
      if (dossier.assigneeId === assignee.id) return issue("assigneeId", "assignee-same", { name: assignee.name });
      await tx.update(dossiers).set({ assigneeId: assignee.id }).where(eq(dossiers.id, dossier.id));
      await record(
        "assigned",
        { from: dossier.assigneeId, to: assignee.id, toName: assignee.name, taken: assignee.id === scope.actor.id },
        { from: dossier.assigneeId, to: assignee.id },
      );
      return OK;
    },
    { type: "assign", assigneeId: input.assigneeId },
  );
}
